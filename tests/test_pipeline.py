"""One pipeline for one file: the command line, worker processes, the results cache and the
rule-author harness give the same findings for the same bytes and settings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from paths import EXAMPLES

from partnercheck.config.settings import Settings
from partnercheck.run import parallel
from partnercheck.run.cache import ResultsCache
from partnercheck.run.lint import Request, lint
from partnercheck.testing import default_registry, lint_text

TODAY = date(2026, 1, 15)
CHARTERS = [EXAMPLES / "plateforme-aide-a-la-personne.yaml", *sorted((EXAMPLES / "broken").glob("*.yaml"))]
WAIVED = """\
partnercheck: 1
charter: {id: x, title: X}
partners: [{id: a, name: A, type: funder}, {id: b, name: B, type: funder}]
objectives: [{id: o, statement: S, accountable: [a, b]}]  # partnercheck: disable-line=ACC02 -- agreed at the kick-off
"""


def shown(findings: list) -> list[tuple]:
    return [(f.code, f.pointer, f.line, f.column, f.severity, f.message, f.suppressed) for f in findings]


def cli_findings(path: Path, **kwargs) -> list:
    run = lint(Request((str(path),)), default_registry(), Settings(today=TODAY), **kwargs)
    [result] = run.files
    return result.findings


@pytest.mark.parametrize("path", CHARTERS, ids=[p.stem for p in CHARTERS])
def test_the_harness_finds_what_the_command_line_finds(path: Path) -> None:
    assert shown(lint_text(path.read_text(encoding="utf-8"), today=TODAY)) == shown(cli_findings(path))


def test_the_harness_applies_suppression_comments_as_a_run_does(tmp_path: Path) -> None:
    charter = tmp_path / "waived.yaml"
    charter.write_text(WAIVED, encoding="utf-8")
    found = lint_text(WAIVED, today=TODAY)
    assert any(f.code == "ACC02" and f.suppressed for f in found)
    assert shown(found) == shown(cli_findings(charter))


def test_workers_and_the_cache_give_what_this_process_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "charters"
    folder.mkdir()
    for path in CHARTERS:
        (folder / path.name).write_bytes(path.read_bytes())
    here = lint(Request((str(folder),)), default_registry(), Settings(today=TODAY))
    monkeypatch.setattr(parallel, "MIN_PARALLEL_BYTES", 0)
    workers = lint(Request((str(folder),)), default_registry(), Settings(today=TODAY), jobs=2)
    cache = ResultsCache(tmp_path / "cache", default_registry())
    lint(Request((str(folder),)), default_registry(), Settings(today=TODAY), cache=cache)
    cached = lint(Request((str(folder),)), default_registry(), Settings(today=TODAY), cache=ResultsCache(tmp_path / "cache", default_registry()))
    assert shown(workers.findings) == shown(here.findings) == shown(cached.findings)
    assert here.findings
