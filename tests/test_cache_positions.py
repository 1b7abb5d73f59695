"""A finding is placed alike however its file's own check was had: fresh, from the results cache, or in a worker.

A cached or worker-checked file keeps only the spans of its shallow values
(run/parallel.py's `LazyIndex`); the findings stamped on it afterwards (rules
about change, repository rules, waivers) must still land where a fresh check
puts them: on the key naming a multi-line mapping, at the exact node of a deep
pointer. Every format field counts (line, column, end line, end column).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from git_support import commit, git, init

from partnercheck.run import parallel

TODAY = "2027-02-10"
# The pilot's mandate a block mapping (a finding on it sits on its `mandate:` key), and an expired waiver
# (SUP03 at /waivers/0/expires_on, three steps deep: deeper than what a cached file keeps).
CHARTER = """partnercheck: 1
charter: {{id: plateforme, title: Plateforme}}
partners:
  - {{id: rectorat, name: Rectorat, type: institution}}
  - {{id: region, name: Région, type: local_authority}}
pilot:
  partners: [{pilot}]
  mandate:
    granted_by: all
    granted_on: 2026-06-15
waivers:
  - rule: MEM01
    at: /partners/0
    reason: agreed in committee
    approved_by: copil
    expires_on: 2026-01-01
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository of two charters whose pilots changed since `main` (CHG02 on each), with the results cache on."""
    monkeypatch.delenv("PARTNERCHECK_NO_CACHE", raising=False)
    init(tmp_path)
    commit(tmp_path, {"charters/c.yaml": CHARTER.format(pilot="rectorat"), "charters/other.yaml": CHARTER.format(pilot="region")})
    git(tmp_path, "checkout", "-q", "-b", "feature")
    commit(tmp_path, {"charters/c.yaml": CHARTER.format(pilot="region"), "charters/other.yaml": CHARTER.format(pilot="rectorat")}, "pilots swapped")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(cli, *extra: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    return cli("check", "charters", "--today", TODAY, "--format", "json", *extra)


def placed(out: str, code: str, path: str = "charters/c.yaml") -> list[tuple[str, int, int, int, int]]:
    found = json.loads(out)["findings"]
    return [(f["pointer"], f["line"], f["column"], f["end_line"], f["end_column"]) for f in found if f["code"] == code and f["path"] == path]


def where(text: str, line_start: str, word: str) -> tuple[int, int, int]:
    """The line of the line starting with `line_start`, and the columns of `word` on it (first and last)."""
    number, line = next((n, line) for n, line in enumerate(text.splitlines(), 1) if line.startswith(line_start))
    column = line.index(word) + 1
    return number, column, column + len(word) - 1


def test_a_change_finding_under_base_is_placed_alike_from_the_cache(cli, repo: Path, checked: list[str]) -> None:
    first = check(cli, "--base", "main")
    checked.clear()
    second = check(cli, "--base", "main")
    assert not {"charters/c.yaml", "charters/other.yaml"} & set(checked)  # their own checks came from the cache
    assert second == first == check(cli, "--base", "main", "--no-cache")
    line, column, end = where((repo / "charters" / "c.yaml").read_text(encoding="utf-8"), "  mandate:", "mandate")
    assert placed(second[1], "CHG02") == [("/pilot/mandate", line, column, line, end)]  # on the key, as a fresh check puts it


def test_a_deep_finding_on_a_cached_file_is_placed_alike(cli, repo: Path, checked: list[str]) -> None:
    """No --base: one charter edited, the other served from its own entry, its waiver checked again on it."""
    check(cli)
    other = repo / "charters" / "other.yaml"
    other.write_text(other.read_text(encoding="utf-8").replace("reason: agreed", "reason: agreed at last"), encoding="utf-8")
    checked.clear()
    cached = check(cli)
    assert checked == ["charters/other.yaml"]
    assert cached == check(cli, "--no-cache")
    line, column, end = where((repo / "charters" / "c.yaml").read_text(encoding="utf-8"), "    expires_on:", "2026-01-01")
    assert placed(cached[1], "SUP03") == [("/waivers/0/expires_on", line, column, line, end)]  # on its value, not its waiver's first line


def test_a_deep_finding_on_a_worker_checked_file_is_placed_alike(cli, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    used: list[int] = []
    original = parallel._in_workers

    def counting(todo, *rest):  # type: ignore[no-untyped-def]
        used.append(len(todo))
        return original(todo, *rest)

    monkeypatch.setattr(parallel, "_in_workers", counting)
    monkeypatch.setattr(parallel, "MIN_PARALLEL_BYTES", 0)  # two small charters: make workers check them anyway
    for extra in ((), ("--base", "main")):
        alone = check(cli, "--no-cache", "--jobs", "1", *extra)
        assert used == []
        assert check(cli, "--no-cache", "--jobs", "2", *extra) == alone
        assert used and all(n == 2 for n in used)  # both charters in workers (under --base, their earlier versions too)
        used.clear()
