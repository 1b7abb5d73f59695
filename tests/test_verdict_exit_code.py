"""The verdict agrees with the exit code, for every combination of --fail-on, --max-warnings and --min-score
(issue 16: "✔ Ready to sign … but 15 warnings fail this check" with exit 1 contradicted itself).

The expectations are worked out here from the counts of findings, independently of `run/gates.py`."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest
from catalog.support import TODAY, healthy

FAIL_ON = ("error", "warning", "info")
MAX_WARNINGS = (None, "1")
MIN_SCORE = (None, "99.5")
LEVEL = {"error": 0, "warning": 1, "info": 2}


def _charters() -> dict[str, dict[str, Any]]:
    """Charters from the healthy example: clean, infos only, one warning, two warnings, an error and more."""
    clean = healthy()
    infos = healthy()
    del infos["pilot"]["mandate"]["term_until"]  # PIL03 (info)
    one_warning = healthy()
    del one_warning["governance"]["conflict_resolution"]  # GOV02 (warning)
    two_warnings = healthy()
    del two_warnings["governance"]["conflict_resolution"], two_warnings["charter"]["review"]  # GOV02, TIM02
    mixed = healthy()
    for body in mixed["governance"]["bodies"]:
        body.pop("decision_rule", None)  # GOV01 (error)
    del mixed["governance"]["conflict_resolution"], mixed["pilot"]["mandate"]["term_until"], mixed["charter"]["review"]
    return {"clean": clean, "infos": infos, "one-warning": one_warning, "two-warnings": two_warnings, "mixed": mixed}


@pytest.fixture(scope="module")
def charters(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("verdicts")
    paths = {}
    for name, data in _charters().items():
        paths[name] = folder / f"{name}.yaml"
        paths[name].write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return paths


def _expected(summary: dict[str, int], overall: float, fail_on: str, max_warnings: str | None, min_score: str | None) -> dict[str, Any]:
    """What must block, from the counts alone."""
    errors = summary["errors"]
    # a stated --max-warnings decides for warnings whatever the fail level (as ESLint's); without one, the fail level does
    warnings_fail = LEVEL[fail_on] >= 1 if max_warnings is None else summary["warnings"] > int(max_warnings)
    warnings = summary["warnings"] if warnings_fail else 0
    infos = summary["infos"] if LEVEL[fail_on] >= 2 else 0
    below = min_score is not None and overall < float(min_score)
    blocking = errors + warnings + infos
    return {"blocking": blocking, "below": below, "fails": bool(blocking or below), "by_fail_on": bool(infos) or (bool(warnings) and LEVEL[fail_on] >= 1), "by_max_warnings": bool(warnings) and max_warnings is not None, "improve": errors + summary["warnings"] + summary["infos"] - blocking}


CASES = list(itertools.product(("clean", "infos", "one-warning", "two-warnings", "mixed"), FAIL_ON, MAX_WARNINGS, MIN_SCORE))


@pytest.mark.parametrize(("name", "fail_on", "max_warnings", "min_score"), CASES)
def test_the_verdict_agrees_with_the_exit_code(cli, charters: dict[str, Path], name: str, fail_on: str, max_warnings: str | None, min_score: str | None) -> None:
    flags = ["--fail-on", fail_on, "--today", TODAY.isoformat(), "--isolated", "--no-cache"]
    flags += ["--max-warnings", max_warnings] if max_warnings is not None else []
    flags += ["--min-score", min_score] if min_score is not None else []
    code, out, _ = cli("check", str(charters[name]), *flags, "--format", "json")
    report = json.loads(out)
    file = report["scores"]["files"][0]
    want = _expected(report["summary"], file["overall"], fail_on, max_warnings, min_score)
    label = file["verdict"]["label"]
    assert code == (1 if want["fails"] else 0), label
    assert file["verdict"]["ready"] is not want["fails"]
    assert len(file["verdict"]["blocking"]) == want["blocking"]
    if want["fails"]:
        assert label.startswith("Not ready to sign: ")
        assert (f"{want['blocking']} blocking problem" in label) is bool(want["blocking"])
    elif want["improve"]:
        assert label == f"Ready to sign, with {want['improve']} point{'s' if want['improve'] > 1 else ''} to improve"
    else:
        assert label == "Ready to sign"
    assert (f"--fail-on {fail_on}" in label) is want["by_fail_on"]  # stated only when it decides
    assert ("--max-warnings" in label) is want["by_max_warnings"]
    assert ("--min-score" in label) is want["below"]
    _, text, _ = cli("check", str(charters[name]), *flags, "--color", "never")
    verdict_line = next(line for line in text.splitlines() if line.startswith(("✔", "✘")))
    assert verdict_line.startswith(("✘ " if want["fails"] else "✔ ") + label + " — health score")


@pytest.mark.parametrize("name", ["one-warning", "mixed"])
def test_exit_zero_keeps_the_verdict_and_says_why_the_exit_code_is_0(cli, charters: dict[str, Path], name: str) -> None:
    code, out, _ = cli("check", str(charters[name]), "--exit-zero", "--today", TODAY.isoformat(), "--isolated", "--color", "never")
    assert code == 0
    assert re.search(r"^✘ Not ready to sign: \d+ blocking problems? \(--fail-on warning\) \(exit code 0 by --exit-zero\)", out, re.M), out


def test_several_files_one_verdict_for_the_run_and_one_per_file(cli, charters: dict[str, Path]) -> None:
    code, out, _ = cli("check", str(charters["clean"]), str(charters["one-warning"]), "--min-score", "99.9", "--today", TODAY.isoformat(), "--isolated", "--fail-on", "error", "--format", "json")
    scores = json.loads(out)["scores"]
    by_name = {Path(f["path"]).stem: f["verdict"] for f in scores["files"]}
    assert code == 1
    assert by_name["clean"]["label"] == "Ready to sign"
    assert by_name["one-warning"]["label"] == "Not ready to sign: health score below --min-score 99.9"
    assert scores["summary"]["verdict"]["label"] == "Not ready to sign: 1 file below --min-score 99.9"


def test_report_is_a_document_not_a_gate_and_says_so(cli, charters: dict[str, Path], tmp_path: Path) -> None:
    """`report` exits 0 beside "Not ready to sign" (the trial read it as a contradiction): the choice is written in
    `report --help`, the README and docs/ci.md, and `check` on the same charter is the gate (exit 1)."""
    from paths import ROOT

    target = tmp_path / "board.html"
    code, out, _ = cli("report", str(charters["mixed"]), "-o", str(target), "--today", TODAY.isoformat(), "--isolated")
    assert code == 0 and "Not ready to sign" in out and target.is_file()
    assert cli("check", str(charters["mixed"]), "--today", TODAY.isoformat(), "--isolated")[0] == 1
    helped = " ".join(cli("report", "--help")[1].split())
    assert "the exit code is 0 once the report is written, whatever its verdict says" in helped and "partnercheck check" in helped
    for doc in ("README.md", "docs/ci.md"):
        said = " ".join((ROOT / doc).read_text(encoding="utf-8").split())
        assert re.search(r"`report` writes a document.{0,40}(exits|it is not a gate)", said), doc
