"""Gates: --fail-on, --max-warnings, --exit-zero, and their configuration keys."""

from __future__ import annotations

from pathlib import Path

import pytest

# Two warnings (PIL02 at /pilot, MEM01 at /partners/0) and no error under this selection.
CHARTER = """partnercheck: 1
charter: {id: x, title: X}
partners: [{id: a, name: A, type: funder}]
pilot: {partners: [a]}
"""


@pytest.fixture
def charter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    (tmp_path / "c.yaml").write_text(CHARTER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return "c.yaml"


def exit_code(cli, *argv: str) -> int:
    code, _, err = cli("check", *argv, "--select", "PIL02,MEM01", "-q")
    assert "Traceback" not in err
    return code


@pytest.mark.parametrize("limit, expected", [("0", 1), ("1", 1), ("2", 0), ("5", 0)])
def test_max_warnings_fails_only_past_the_count(cli, charter: str, limit: str, expected: int) -> None:
    assert exit_code(cli, charter, "--max-warnings", limit) == expected


def test_max_warnings_does_not_excuse_errors(cli, charter: str) -> None:
    assert exit_code(cli, charter, "--max-warnings", "5", "--select", "PIL01") == 0  # the pilot exists: no PIL01
    code, out, _ = cli("check", charter, "--select", "BEN01", "--max-warnings", "5", "-q")
    assert code == 1 and "BEN01 error" in out


def test_max_warnings_from_config_and_flag_wins(cli, charter: str, tmp_path: Path) -> None:
    (tmp_path / ".partnercheck.yaml").write_text("max-warnings: 2\n")
    assert exit_code(cli, charter) == 0
    assert exit_code(cli, charter, "--max-warnings", "1") == 1


def test_fail_on_from_config(cli, charter: str, tmp_path: Path) -> None:
    assert exit_code(cli, charter) == 1
    (tmp_path / ".partnercheck.yaml").write_text("fail-on: error\n")
    assert exit_code(cli, charter) == 0


def test_exit_zero_keeps_the_report_but_exits_0(cli, charter: str) -> None:
    code, out, _ = cli("check", charter, "--select", "PIL02,MEM01", "--exit-zero", "-q")
    assert code == 0 and "PIL02 warning" in out


def test_exit_zero_still_exits_2_on_configuration_errors(cli, charter: str, tmp_path: Path) -> None:
    (tmp_path / ".partnercheck.yaml").write_text("fail-on: never\n")
    assert exit_code(cli, charter, "--exit-zero") == 2


def test_bad_max_warnings_is_a_usage_error(cli, charter: str) -> None:
    code, _, err = cli("check", charter, "--max-warnings", "-1")
    assert code == 2 and "invalid count" in err


def test_min_score_from_config_reaches_the_score_gate(cli, charter: str, tmp_path: Path) -> None:
    (tmp_path / ".partnercheck.yaml").write_text("min-score: 100\nfail-on: error\n")
    code, _, err = cli("check", charter, "--select", "PIL02,MEM01", "-q")
    assert code == 1 and "below the minimum 100" in err
    code, _, err = cli("check", charter, "--select", "PIL02,MEM01", "-q", "--min-score", "0")
    assert code == 0, err
