"""The score on the command line: the verdict block of the text output, --min-score, JSON and SARIF."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from catalog.support import healthy
from paths import EXAMPLES

HEALTHY = str(EXAMPLES / "plateforme-aide-a-la-personne.yaml")
NO_PILOT = str(EXAMPLES / "broken" / "sans-pilote.yaml")
TODAY = ("--today", "2026-01-15")



def test_a_healthy_charter_closes_with_ready_to_sign_its_score_and_a_chart(cli) -> None:
    code, out, _ = cli("check", HEALTHY, *TODAY, "--color", "never")
    assert code == 0
    tail = out[out.index("Ready to sign") :]
    assert "health score" in tail
    for dimension in ("Purpose", "Pilot", "Beneficiary", "Scale"):
        assert dimension in tail
    assert "█" in tail


def test_a_broken_charter_shows_not_ready_and_lists_the_blocking_findings(cli) -> None:
    code, out, _ = cli("check", NO_PILOT, *TODAY, "--color", "never")
    assert code == 1
    verdict = out[out.index("✘ Not ready to sign: ") :]
    assert "blocking problem" in verdict.splitlines()[0]
    assert "PIL01 line" in verdict


def test_quiet_output_has_no_score_block(cli) -> None:
    _, out, _ = cli("check", NO_PILOT, *TODAY, "--color", "never", "--quiet")
    assert "Not ready" not in out and "█" not in out


def test_several_files_get_a_line_each_and_a_summary(cli) -> None:
    _, out, _ = cli("check", HEALTHY, NO_PILOT, *TODAY, "--color", "never")
    assert "plateforme-aide-a-la-personne.yaml: Ready to sign, score" in out
    assert "sans-pilote.yaml: Not ready" in out
    assert "mean of 2 files, lowest" in out


def test_min_score_fails_a_run_that_findings_alone_would_pass(cli, warnings_only: str) -> None:
    code, _, _ = cli("check", warnings_only, *TODAY, "--fail-on", "error", "--color", "never")
    assert code == 0
    code, _, err = cli("check", warnings_only, *TODAY, "--fail-on", "error", "--min-score", "99.9")
    assert code == 1
    assert "is below the minimum 99.9" in err and "warnings-only.yaml" in err
    code, _, err = cli("check", warnings_only, *TODAY, "--fail-on", "error", "--min-score", "50")
    assert (code, err) == (0, "")


@pytest.mark.parametrize("bad", ["abc", "-1", "101"])
def test_min_score_must_be_a_number_from_0_to_100(cli, bad: str) -> None:
    code, _, err = cli("check", HEALTHY, "--min-score", bad)
    assert code == 2
    assert "--min-score" in err and "from 0 to 100" in err


def test_json_carries_scores_and_verdict_per_file(cli) -> None:
    _, out, _ = cli("check", NO_PILOT, HEALTHY, *TODAY, "--format", "json")
    scores = json.loads(out)["scores"]
    by_name = {Path(f["path"]).name: f for f in scores["files"]}
    broken, good = by_name["sans-pilote.yaml"], by_name["plateforme-aide-a-la-personne.yaml"]
    assert broken["verdict"]["ready"] is False
    assert "PIL01" in {b["code"] for b in broken["verdict"]["blocking"]}
    assert broken["dimensions"]["pilot"]["score"] < 100
    assert good["verdict"] == {"ready": True, "label": "Ready to sign", "checked": True, "packs": [], "improve": 0, "blocking": []}
    assert scores["summary"]["files"] == 2 and scores["summary"]["ready"] == 1
    assert scores["summary"]["lowest"] == broken["overall"]


def test_sarif_carries_the_scores_in_the_run_properties(cli, tmp_path: Path) -> None:
    target = tmp_path / "out.sarif"
    cli("check", NO_PILOT, *TODAY, "--format", f"sarif:{target}")
    run = json.loads(target.read_text(encoding="utf-8"))["runs"][0]
    scores = run["properties"]["scores"]
    assert scores["files"][0]["verdict"]["ready"] is False
    assert scores["summary"]["verdict"]["blocking"] >= 1


def test_the_configuration_sets_weights_and_min_score(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "c.yaml").write_text(Path(NO_PILOT).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / ".partnercheck.yaml").write_text("score-weights: {error: 100}\nmin-score: 99\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("check", "c.yaml", *TODAY, "--format", "json")
    summary = json.loads(out)["scores"]["summary"]
    assert summary["weights"]["error"] == 100.0
    _, out, _ = cli("check", "c.yaml", *TODAY, "--format", "json", "--isolated")
    default = json.loads(out)["scores"]["summary"]
    assert summary["dimensions"]["pilot"] < default["dimensions"]["pilot"]  # errors now outweigh the warning rules
    assert code == 1 and "below the minimum 99" in err
    code, _, err = cli("check", "c.yaml", *TODAY, "--format", "json", "--min-score", "0", "--fail-on", "error", "--ignore", "PIL01,EVA01,BEN01")
    assert (code, err) == (0, "")


def test_waived_findings_keep_a_charter_ready_and_are_counted(cli, tmp_path: Path) -> None:
    data = healthy()
    del data["governance"]["conflict_resolution"]
    data["waivers"] = [{"rule": "GOV02", "reason": "the prefect arbitrates", "approved_by": "comite-pilotage", "expires_on": "2027-06-30"}]
    path = tmp_path / "waived.yaml"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, _ = cli("check", str(path), *TODAY, "--color", "never")
    assert code == 0
    assert "Ready to sign — health score 100/100 (1 waived or suppressed)" in out


def test_the_bars_are_proportional_and_unscored_dimensions_are_dotted() -> None:
    from partnercheck.report.formats.scorecard import bar

    assert bar(45, 20) == "█" * 9 + "░" * 11
    assert bar(100, 10) == "█" * 10 and bar(0, 10) == "░" * 10
    assert bar(None, 5) == "·" * 5


def test_colour_output_keeps_the_score_block(cli) -> None:
    _, out, _ = cli("check", NO_PILOT, *TODAY, "--color", "always")
    assert "\x1b[" in out and "Not ready to sign: " in out and "█" in out


@pytest.mark.slow
def test_many_files_list_only_those_not_ready(cli, tmp_path: Path) -> None:
    from partnercheck.report.formats.scorecard import MANY_FILES

    good = Path(HEALTHY).read_text(encoding="utf-8")
    for i in range(MANY_FILES):
        (tmp_path / f"ok-{i:02}.yaml").write_text(good, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text(Path(NO_PILOT).read_text(encoding="utf-8"), encoding="utf-8")
    _, out, _ = cli("check", str(tmp_path), *TODAY, "--color", "never")
    assert "broken.yaml: Not ready" in out
    assert "ok-00.yaml" not in out
    assert f"… and {MANY_FILES} more files ready to sign" in out
    assert f"mean of {MANY_FILES + 1} files" in out
