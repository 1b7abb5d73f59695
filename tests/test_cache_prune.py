"""The results cache does not grow for ever, and the language never re-checks a file.

Entries no run has read or written for 30 days go (`partnercheck cache
prune`, and by themselves at most once a day); a hit keeps its entry. The
language (`--lang`) translates findings after the cache, so it is no part of
an entry's key.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest
from paths import EXAMPLES

from partnercheck.run.engine import Engine

DAY = 86400


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("PARTNERCHECK_NO_CACHE", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "charters").mkdir()
    for broken in sorted((EXAMPLES / "broken").glob("*.yaml")):
        shutil.copy(broken, tmp_path / "charters" / broken.name)
    return tmp_path


def _entries(project: Path) -> list[Path]:
    return sorted((project / ".partnercheck_cache" / "results").rglob("*.json"))


def _age(paths: list[Path], days: float) -> None:
    then = time.time() - days * DAY
    for path in paths:
        os.utime(path, (then, then))


def check(cli, *extra: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    return cli("check", "charters", "--today", "2026-01-15", "--jobs", "1", "--format", "json", *extra)


def test_prune_removes_only_entries_unused_for_the_given_days(project: Path, cli) -> None:
    check(cli)
    entries = _entries(project)
    assert len(entries) >= 5
    _age(entries[:2], 40)
    _age(entries[2:3], 10)
    code, out, _ = cli("cache", "prune")
    assert code == 0 and out.startswith("Removed 2 cached results unused for 30 days")
    assert _entries(project) == entries[2:]
    code, out, _ = cli("cache", "prune", "--days", "5")
    assert out.startswith("Removed 1 cached result unused for 5 days")
    assert _entries(project) == entries[3:]


def test_a_hit_keeps_its_entry(project: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    check(cli, "--select", "PIL01")  # per-file entries, then a run entry
    _age(_entries(project), 40)
    check(cli, "--select", "PIL01")  # the very same run: its entry and its score's are read, and refreshed
    kept = [p for p in _entries(project) if p.stat().st_mtime > time.time() - DAY]
    contents = [json.loads(p.read_text(encoding="utf-8"))["entry"] for p in kept]  # each inside its seal
    assert sorted("files" in c for c in contents) == [False, True] and any("value" in c for c in contents)
    cli("cache", "prune")
    assert _entries(project) == kept


def test_runs_prune_by_themselves_once_a_day(project: Path, cli) -> None:
    check(cli)
    stale = _entries(project)
    stamp = project / ".partnercheck_cache" / "last-prune"
    assert stamp.is_file()  # the first run pruned (nothing) and noted when
    _age(stale, 40)
    check(cli, "--select", "PIL01")
    assert set(stale) <= set(_entries(project)), "pruned twice the same day"
    _age([stamp], 2)
    check(cli, "--select", "PIL01")
    assert not set(stale) & set(_entries(project))
    code, out, _ = cli("cache", "clear")
    assert code == 0 and not (project / ".partnercheck_cache").exists()


def test_bad_days_is_a_usage_error(cli) -> None:
    code, _, err = cli("cache", "prune", "--days", "soon")
    assert code == 2 and "invalid number of days 'soon'" in err


def test_another_language_reads_the_same_entries(project: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    original = Engine.lint_bytes
    monkeypatch.setattr(Engine, "lint_bytes", lambda self, path, raw: seen.append(path) or original(self, path, raw))
    check(cli, "--lang", "fr")
    assert len(seen) == 4
    seen.clear()
    _, out, _ = check(cli, "--lang", "en")
    assert seen == []
    assert "No pilot is designated" in out
