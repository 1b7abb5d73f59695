"""Which paths a run checks: a missing path, a folder without charters, `--stdin-filename` without standard input."""

from __future__ import annotations

import pytest
from cli_support import error_lines


def test_a_missing_path_gets_no_clean_summary(cli, here) -> None:
    code, out, err = cli("check", "--isolated", "nope.yaml")
    assert code == 2
    assert "All clear" not in out and "Not checked in full" in out
    assert error_lines(err) == ["partnercheck: error: nope.yaml: no such file or directory"]


@pytest.mark.parametrize("content", [{}, {"ci.yaml": "on: push\n", "notes.txt": "partnercheck: 1\n"}], ids=["empty", "no-charter"])
def test_a_folder_without_charters_warns_and_exits_zero(cli, here, content: dict[str, str]) -> None:
    folder = here / "empty"
    folder.mkdir()
    for name, text in content.items():
        (folder / name).write_text(text, encoding="utf-8")
    code, out, err = cli("check", "--isolated", "empty")
    assert code == 0
    assert "All clear" not in out and "No charter found" in out
    assert err.startswith("partnercheck: warning: no charter found under empty ")
    code, out, err = cli("check", "--isolated", "empty", "c.yaml")
    assert code == 0 and "All clear: 1 file checked" in out
    assert "no charter found under empty " in err


def test_a_folder_with_a_charter_gives_no_warning(cli, here) -> None:
    code, out, err = cli("check", "--isolated", ".")
    assert (code, err) == (0, "")
    assert "All clear: 1 file checked" in out


def test_stdin_filename_without_standard_input_is_a_usage_error(cli, here) -> None:
    code, out, err = cli("check", "--isolated", "c.yaml", "--stdin-filename", "x.yaml")
    assert (code, out) == (2, "")
    assert error_lines(err) == ["partnercheck: error: --stdin-filename names standard input, which is read only when - is among the paths"]
