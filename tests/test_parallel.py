"""`--jobs N` gives the very output of `--jobs 1`, in the same order; small runs stay in this process."""

from __future__ import annotations

import gc
import shutil
import sys
from pathlib import Path

import pytest
from paths import EXAMPLES, ROOT

from partnercheck.run import parallel

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import repository  # noqa: E402

TODAY = "2026-01-15"


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many files each use of worker processes checked."""
    used: list[int] = []
    original = parallel._in_workers

    def counting(todo, items, engines, jobs, *rest):  # type: ignore[no-untyped-def]
        used.append(len(todo))
        return original(todo, items, engines, jobs, *rest)

    monkeypatch.setattr(parallel, "_in_workers", counting)
    return used


def both(cli, *argv: str) -> tuple[tuple[int, str, str], tuple[int, str, str]]:  # type: ignore[no-untyped-def]
    one = cli("check", *argv, "--today", TODAY, "--no-cache", "--jobs", "1")
    two = cli("check", *argv, "--today", TODAY, "--no-cache", "--jobs", "2")
    return one, two


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_examples_with_two_workers(cli, forks: list[int], monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    monkeypatch.setattr(parallel, "MIN_PARALLEL_BYTES", 0)  # the examples are small: make workers check them anyway
    one, two = both(cli, str(EXAMPLES), "--format", fmt)
    assert len(forks) == 1 and forks[0] >= 5  # the healthy example, the broken ones
    assert one == two
    assert one[0] == 1  # the broken examples give findings
    assert gc.get_freeze_count() == 0  # what was frozen for the workers' sake is given back to the collector


@pytest.mark.slow
def test_generated_repository_with_two_workers(cli, forks: list[int], tmp_path: Path) -> None:
    paths = repository(40, tmp_path / "repo")
    for extra in range(6):  # charters of one region share two partners: SCA03 finds them in every charter
        shutil.copy(paths[0], tmp_path / "repo" / "region-00" / f"copy-{extra}.yaml")
    one, two = both(cli, str(tmp_path / "repo"), "--format", "json")
    assert forks == [46]
    assert one == two
    assert '"SCA03"' in one[1]
    text_one, text_two = both(cli, str(tmp_path / "repo"))
    assert text_one == text_two


def test_the_rules_about_change_run_in_the_workers(cli, forks: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    """A file checked in a worker comes back with its change rules' findings (from its change log): the parent runs none of them again."""
    from partnercheck.run.engine import Engine

    in_parent: list[str] = []
    original = Engine._isolated_outcome

    def recording(self, rule, ctx, isolate):  # type: ignore[no-untyped-def]
        if rule.check.scope == "change":
            in_parent.append(rule.code)
        return original(self, rule, ctx, isolate)

    monkeypatch.setattr(Engine, "_isolated_outcome", recording)
    monkeypatch.setattr(parallel, "MIN_PARALLEL_BYTES", 0)
    one, two = both(cli, str(EXAMPLES), "--format", "json")
    assert one == two and '"CHG07"' in two[1]
    assert len(forks) == 1 and forks[0] >= 5
    assert in_parent and all(code.startswith("CHG") for code in in_parent)  # --jobs 1: in this process, as before
    in_parent.clear()
    cli("check", str(EXAMPLES), "--today", TODAY, "--no-cache", "--jobs", "2")
    assert in_parent == []


def test_the_score_reads_each_charter_in_the_worker_that_checked_it(cli, forks: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker sends back what the score reads of its charter (absent sections, rules with nothing written to judge):
    the parent reads no charter's data for it, and every score is that of --jobs 1 to the last decimal."""
    import json

    from partnercheck.report import rate

    in_parent: list[str] = []
    original = rate.unwritten

    def recording(rule, data):  # type: ignore[no-untyped-def]
        in_parent.append(rule.code)
        return original(rule, data)

    monkeypatch.setattr(rate, "unwritten", recording)
    monkeypatch.setattr(parallel, "MIN_PARALLEL_BYTES", 0)
    one = cli("check", str(EXAMPLES), "--today", TODAY, "--no-cache", "--jobs", "1", "--format", "json")
    assert in_parent  # --jobs 1: the score reads the data here, as before
    in_parent.clear()
    two = cli("check", str(EXAMPLES), "--today", TODAY, "--no-cache", "--jobs", "2", "--format", "json")
    assert len(forks) == 1 and forks[0] >= 10  # the gallery too
    assert in_parent == []
    scores = json.loads(one[1])["scores"]
    assert scores == json.loads(two[1])["scores"]
    dimensions = [d for f in scores["files"] for d in f["dimensions"].values()]
    assert any(d["unjudged"] for d in dimensions) and any(d["absent"] for d in dimensions)  # both short cuts were taken
    assert len({f["overall"] for f in scores["files"]}) > 3


def test_small_runs_stay_in_this_process(cli, forks: list[int]) -> None:
    one, two = both(cli, str(EXAMPLES / "broken"))
    assert forks == []
    assert one == two


def test_jobs_must_be_a_positive_number(cli) -> None:
    code, _, err = cli("check", str(EXAMPLES), "--jobs", "0")
    assert code == 2
    assert "invalid number of jobs '0'" in err


def test_default_jobs_is_the_number_of_usable_cores() -> None:
    import os

    expected = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert parallel.default_jobs() == expected
