"""The verdict never says "Ready to sign" without grounds, and never contradicts the exit code: nothing checked,
baselined errors, a failing run."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from catalog.support import healthy
from jsonschema import Draft202012Validator
from paths import EXAMPLES, ROOT

HEALTHY = str(EXAMPLES / "plateforme-aide-a-la-personne.yaml")
NO_PILOT = str(EXAMPLES / "broken" / "sans-pilote.yaml")
SHAPE = str(EXAMPLES / "broken" / "erreurs-de-forme.yaml")
TODAY = ("--today", "2026-01-15")
PLAIN = ("--color", "never")
VALIDATOR = Draft202012Validator(json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8")))


def _json(cli, *argv: str) -> tuple[int, dict]:
    code, out, err = cli("check", *argv, *TODAY, "--format", "json")
    assert out, err
    report = json.loads(out)
    errors = list(VALIDATOR.iter_errors(report))
    assert not errors, errors[0].message
    return code, report


# nothing checked ---------------------------------------------------------------------


def test_no_rule_run_is_not_checked_with_no_score(cli) -> None:
    code, out, _ = cli("check", HEALTHY, "--ignore", "ALL", *TODAY, *PLAIN)
    assert code == 0
    assert "Ready to sign" not in out and "100" not in out
    assert "✘ Not checked: no health rule ran — health score n/a" in out


def test_no_rule_run_gives_null_scores_in_json(cli) -> None:
    _, report = _json(cli, HEALTHY, "--ignore", "ALL")
    file = report["scores"]["files"][0]
    assert file["overall"] is None
    assert file["verdict"] == {"ready": False, "label": "Not checked: no health rule ran", "checked": False, "packs": [], "improve": 0, "blocking": []}
    assert report["scores"]["summary"]["mean"] is None and report["scores"]["summary"]["verdict"]["ready"] is False


def test_one_dimension_checked_is_scored_and_can_be_ready(cli) -> None:
    _, report = _json(cli, HEALTHY, "--select", "PIL")
    file = report["scores"]["files"][0]
    assert file["overall"] == 100 and file["verdict"]["ready"] is True
    assert file["dimensions"]["scale"]["score"] is None


def test_min_score_fails_when_nothing_was_scored(cli) -> None:
    code, _, err = cli("check", HEALTHY, "--ignore", "ALL", "--min-score", "10", *TODAY, *PLAIN)
    assert code == 1
    assert "no health score (no health rule ran)" in err


def test_html_report_of_nothing_checked_has_no_score(cli, tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    code, out, _ = cli("report", HEALTHY, "-o", str(target), "--ignore", "ALL", *TODAY, "--lang", "en")
    assert code == 0
    assert out == f"Wrote {target}: Not checked: no health rule ran, health score n/a.\n"
    html = target.read_text(encoding="utf-8")
    assert "Not checked: no health rule ran" in html and "Ready to sign" not in html
    assert '<span class="number">n/a</span> overall' in html


# baselined errors --------------------------------------------------------------------


@pytest.fixture
def baselined(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The no-pilot charter with all its findings in a baseline (PIL01 is an error)."""
    shutil.copy(NO_PILOT, tmp_path / "c.yaml")
    monkeypatch.chdir(tmp_path)
    code, _, err = cli("baseline", "c.yaml", "-o", "baseline.json", "--isolated", "--select", "PIL", *TODAY)
    assert code == 0, err
    return tmp_path


def test_a_baselined_error_passes_ci_so_it_no_longer_blocks_and_is_counted_as_baselined(cli, baselined: Path) -> None:
    code, out, _ = cli("check", "c.yaml", "--baseline", "baseline.json", "--isolated", "--select", "PIL", *TODAY, *PLAIN)
    assert code == 0  # the baseline is for CI: only new findings fail
    verdict_line = next(line for line in out.splitlines() if line.startswith(("✔", "✘")))
    assert verdict_line.startswith("✔ Ready to sign — health score")  # agrees with the exit code
    assert "baselined)" in verdict_line and "waived" not in verdict_line
    assert "  - PIL01 line" not in out
    summary = out.splitlines()[0]
    assert summary.startswith("All clear") and "baselined" in summary and "waived" not in summary


def test_a_baselined_error_is_counted_in_json_not_blocking(cli, baselined: Path) -> None:
    code, report = _json(cli, "c.yaml", "--baseline", "baseline.json", "--isolated", "--select", "PIL")
    file = report["scores"]["files"][0]
    assert code == 0 and file["verdict"]["ready"] is True and file["verdict"]["blocking"] == []
    assert file["waived"] == 0 and file["baselined"] >= 1
    assert file["dimensions"]["pilot"]["baselined"] >= 1 and file["dimensions"]["pilot"]["waived"] == 0
    # hidden findings do not count: PIL01 (error, 3) is baselined; what is left is absence, not a finding: PIL02 and
    # PIL04 (1 each) judge a pilot that is not written (`subject: /pilot`, docs/score.md), of 3 + 1 + 0 + 1 + 1
    assert file["dimensions"]["pilot"]["score"] == 66.7
    _, counted = _json(cli, "c.yaml", "--isolated", "--select", "PIL")
    assert counted["scores"]["files"][0]["dimensions"]["pilot"]["score"] == 16.7  # the same run, PIL01 counted
    code, _, _ = cli("check", "c.yaml", "--baseline", "baseline.json", "--isolated", "--select", "PIL", *TODAY, "--format", "html:r.html")
    html = (baselined / "r.html").read_text(encoding="utf-8")
    assert code == 0 and "Ready to sign" in html and "Not ready" not in html
    assert "baselined (listed at the end)" in html and "Waived and baselined findings" in html


def test_a_waived_error_is_a_sign_off_and_does_not_block(cli, tmp_path: Path) -> None:
    data = healthy()
    del data["pilot"]
    data["waivers"] = [{"rule": "PIL01", "reason": "the pilot is chosen in March", "approved_by": "comité", "expires_on": "2027-01-01"}]
    path = tmp_path / "waived.yaml"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, _ = cli("check", str(path), *TODAY, *PLAIN, "--select", "PIL01")
    assert code == 0
    assert "✔ Ready to sign — health score 100/100 (1 waived or suppressed)" in out


# the run fails: the verdict says so ---------------------------------------------------


def test_warnings_that_fail_the_run_make_it_not_ready_and_say_which_option(cli, warnings_only: str) -> None:
    code, out, _ = cli("check", warnings_only, *TODAY, *PLAIN)
    assert code == 1
    lines = out.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith(("✔", "✘")))
    assert lines[head].startswith("✘ Not ready to sign: 1 blocking problem (--fail-on warning) — health score")
    assert lines[head + 1] == "  - 1 warning, listed above"


def test_several_files_state_the_fail_level_on_the_summary_line(cli, warnings_only: str) -> None:
    code, out, _ = cli("check", warnings_only, HEALTHY, *TODAY, *PLAIN, "--fail-on", "info")
    assert code == 1
    assert re.search(r"^✘ Not ready to sign: 1 blocking problem \(--fail-on info\) — health score [\d.]+/100 \(mean of 2 files, lowest [\d.]+\)$", out, re.M), out
    assert "plateforme-aide-a-la-personne.yaml: Ready to sign, score 100/100" in out


@pytest.mark.parametrize("flags", [("--fail-on", "error"), ("--max-warnings", "3")])
def test_ready_with_points_to_improve_when_the_run_passes(cli, warnings_only: str, flags: tuple[str, ...]) -> None:
    code, out, _ = cli("check", warnings_only, *TODAY, *PLAIN, *flags)
    assert code == 0
    assert "✔ Ready to sign, with 1 point to improve — health score" in out and "--fail-on" not in out and "--max-warnings" not in out


def test_exit_zero_is_stated_beside_a_not_ready_verdict(cli, warnings_only: str) -> None:
    code, out, _ = cli("check", warnings_only, *TODAY, *PLAIN, "--exit-zero")
    assert code == 0
    assert "✘ Not ready to sign: 1 blocking problem (--fail-on warning) (exit code 0 by --exit-zero) — health score" in out


# report on several files ---------------------------------------------------------------


def test_report_on_a_folder_prints_the_run_summary(cli, tmp_path: Path) -> None:
    target = tmp_path / "d.html"
    code, out, _ = cli("report", str(EXAMPLES / "broken"), "-o", str(target), *TODAY, "--lang", "en")
    assert code == 0
    _, report = _json(cli, str(EXAMPLES / "broken"))
    summary = report["scores"]["summary"]
    expected = f"{summary['files']} files, {summary['ready']} ready to sign, {summary['files'] - summary['ready']} not ready; lowest health score {summary['lowest']:g}/100"
    assert out == f"Wrote {target}: {expected}.\n"
    assert summary["files"] > 1 and summary["ready"] < summary["files"]


# findings outside the ten dimensions ---------------------------------------------------------


def test_document_findings_block_weigh_in_their_sections_and_keep_the_score_below_healthy(cli, tmp_path: Path) -> None:
    """erreurs-de-forme.yaml scored 95/100 beside 6 blocking schema and reference errors (new-user trial)."""
    from partnercheck.report.rate import dimension_of
    from partnercheck.report.score import HEALTHY

    code, report = _json(cli, SHAPE)
    file = report["scores"]["files"][0]
    document = [f for f in report["findings"] if f["code"][:3] in ("DOC", "SCH", "REF") and not f["suppressed"]]
    assert document and code == 1
    assert {b["code"] for b in file["verdict"]["blocking"]} >= {f["code"] for f in document if f["severity"] == "error"}
    _, alone = _json(cli, SHAPE, "--ignore", ",".join(sorted({f["code"] for f in document})))
    without = alone["scores"]["files"][0]
    assert file["overall"] < HEALTHY <= without["overall"]
    for f in document:
        if f["severity"] == "error":
            name = dimension_of(f["pointer"])
            assert file["dimensions"][name]["score"] < without["dimensions"][name]["score"], (f["code"], f["pointer"])
    _, out, _ = cli("check", SHAPE, *TODAY, *PLAIN)
    assert "Other rules" not in out and "outside dimensions" not in out
    cli("report", SHAPE, "-o", str(tmp_path / "r.html"), *TODAY, "--lang", "en")
    assert "Other rules" not in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_coloured_and_plain_text_say_the_same_for_baselined_errors(cli, baselined: Path) -> None:
    import re

    argv = ("check", "c.yaml", "--baseline", "baseline.json", "--isolated", "--select", "PIL", *TODAY)
    _, coloured, _ = cli(*argv, "--color", "always")
    _, plain, _ = cli(*argv, *PLAIN)
    assert "\x1b[" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain
