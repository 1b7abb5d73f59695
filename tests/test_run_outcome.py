"""One definition of failing: the exit code, the JSON and SARIF summaries, JUnit, text and Markdown agree.

Each combination of `--fail-on`, `--max-warnings` and `--min-score` runs
`check` once with every format written to a file, and each format must say
what the exit code says.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from paths import EXAMPLES

from partnercheck.run.gates import LowScore, RunOutcome

NO_PILOT = str(EXAMPLES / "broken" / "sans-pilote.yaml")
TODAY = ("--today", "2026-01-15")

#: (flags, whether the run fails) on the warnings-only charter: one warning (GOV02), no error, score below 100.
ON_WARNINGS = [
    ((), True),
    (("--fail-on", "error"), False),
    (("--fail-on", "info"), True),
    (("--max-warnings", "50"), False),
    (("--max-warnings", "0"), True),
    (("--fail-on", "error", "--min-score", "99.9"), True),
    (("--fail-on", "error", "--min-score", "50"), False),
    (("--max-warnings", "50", "--min-score", "99.9"), True),
    (("--max-warnings", "50", "--min-score", "10"), False),
    (("--max-warnings", "0", "--min-score", "10"), True),
]


def outputs(cli, folder: Path, charter: str, *flags: str) -> tuple[int, dict[str, str]]:
    names = {"json": "r.json", "sarif": "r.sarif", "junit": "r.xml", "markdown": "r.md", "text": "r.txt"}
    formats = [arg for name, file in names.items() for arg in ("-f", f"{name}:{folder / file}")]
    code, _, _ = cli("check", charter, *TODAY, "--no-cache", *formats, *flags)
    return code, {name: (folder / file).read_text(encoding="utf-8") for name, file in names.items()}


def assert_agree(code: int, out: dict[str, str], fails: bool) -> None:
    assert code == (1 if fails else 0)
    summary = json.loads(out["json"])["summary"]
    assert summary["passed"] is (not fails)
    sarif = json.loads(out["sarif"])["runs"][0]["properties"]["summary"]
    assert sarif == summary
    junit = ET.fromstring(out["junit"])
    assert (int(junit.get("failures")) > 0) is fails
    assert ("This check fails" in out["markdown"]) is fails
    text = out["text"]
    assert ("✘ Not ready" in text or "\n  but " in text) is fails, text


@pytest.mark.parametrize(("flags", "fails"), ON_WARNINGS, ids=[" ".join(f) or "defaults" for f, _ in ON_WARNINGS])
def test_every_format_says_what_the_exit_code_says(cli, warnings_only: str, tmp_path: Path, flags: tuple[str, ...], fails: bool) -> None:
    code, out = outputs(cli, tmp_path, warnings_only, *flags)
    assert_agree(code, out, fails)


def test_max_warnings_not_reached_counts_no_failing_finding(cli, warnings_only: str, tmp_path: Path) -> None:
    """The bug of issue 14: `--max-warnings 50 --format json` exited 0 with `"failing": 1` or more."""
    code, out = outputs(cli, tmp_path, warnings_only, "--max-warnings", "50")
    assert code == 0 and json.loads(out["json"])["summary"]["failing"] == 0
    code, out = outputs(cli, tmp_path, warnings_only, "--max-warnings", "0")
    assert code == 1 and json.loads(out["json"])["summary"]["failing"] == 1


@pytest.mark.parametrize("flags", [(), ("--max-warnings", "50"), ("--fail-on", "error", "--min-score", "0")])
def test_errors_fail_every_format_whatever_the_other_gates(cli, tmp_path: Path, flags: tuple[str, ...]) -> None:
    code, out = outputs(cli, tmp_path, NO_PILOT, *flags)
    assert_agree(code, out, True)
    errors = json.loads(out["json"])["summary"]["errors"]
    assert json.loads(out["json"])["summary"]["failing"] >= errors > 0


def test_min_score_adds_a_score_case_to_each_junit_suite(cli, warnings_only: str, tmp_path: Path) -> None:
    _, out = outputs(cli, tmp_path, warnings_only, "--fail-on", "error", "--min-score", "99.9")
    case = next(c for c in ET.fromstring(out["junit"]).iter("testcase") if c.get("name") == "min-score")
    assert "below the minimum 99.9" in case.find("failure").get("message")
    _, out = outputs(cli, tmp_path, warnings_only)
    assert not [c for c in ET.fromstring(out["junit"]).iter("testcase") if c.get("name") == "min-score"]


def test_exit_zero_keeps_the_verdict_but_not_the_exit_code(cli, warnings_only: str, tmp_path: Path) -> None:
    code, out = outputs(cli, tmp_path, warnings_only, "--exit-zero")
    assert code == 0
    assert json.loads(out["json"])["summary"]["passed"] is False
    assert "This check fails" not in out["markdown"]


@pytest.mark.parametrize(
    ("outcome", "code"),
    [
        (RunOutcome(), 0),
        (RunOutcome(low_scores=(LowScore("a.yaml", 10.0),), min_score=50), 1),
        (RunOutcome(low_scores=(LowScore("a.yaml", None),), min_score=50, exit_zero=True), 0),
        (RunOutcome(internal_error=True, exit_zero=True), 2),
    ],
)
def test_the_exit_code_follows_from_the_outcome(outcome: RunOutcome, code: int) -> None:
    assert outcome.exit_code == code
    assert outcome.passed is (code == 0 and not outcome.fails)
