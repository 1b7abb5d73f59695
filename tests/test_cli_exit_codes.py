"""Exit codes: 0 clean, 1 findings at or above the fail level, 2 usage or internal errors."""

from __future__ import annotations

from pathlib import Path

from paths import EXAMPLES

HEALTHY = str(EXAMPLES / "plateforme-aide-a-la-personne.yaml")
NO_PILOT = str(EXAMPLES / "broken" / "sans-pilote.yaml")


def test_clean_charter_exits_0(cli) -> None:
    code, out, _ = cli("check", HEALTHY, "--fail-on", "error", "--color", "never")
    assert code == 0, out


def test_findings_exit_1_with_position_and_caret(cli) -> None:
    code, out, _ = cli("check", NO_PILOT, "--color", "never")
    assert code == 1
    assert "sans-pilote.yaml:" in out and "PIL01 error" in out
    assert "^" in out


def test_fail_on_filters_by_severity(cli, tmp_path: Path) -> None:
    charter = tmp_path / "c.yaml"
    charter.write_text("partnercheck: 1\ncharter: {id: x, title: X}\npartners: [{id: a, name: A, type: funder}]\npilot: {partners: [a]}\n")
    code, _, _ = cli("check", str(charter), "--select", "PIL01")
    assert code == 0
    code, _, _ = cli("check", str(charter), "--select", "PIL01,PIL04", "--ignore", "PIL04")
    assert code == 0


def test_missing_file_exits_2_with_one_line(cli, tmp_path: Path) -> None:
    code, out, err = cli("check", str(tmp_path / "absent.yaml"))
    assert code == 2
    assert "no such file or directory" in err
    assert "Traceback" not in err


def test_bad_option_exits_2(cli) -> None:
    code, _, err = cli("check", HEALTHY, "--fail-on", "fatal")
    assert code == 2
    assert "invalid severity" in err


def test_unknown_format_exits_2(cli) -> None:
    code, _, err = cli("check", HEALTHY, "--format", "pdf")
    assert code == 2 and "unknown format" in err
