"""`Document.line_text` and `line_count`: what findings on a multi-line section are placed on."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnercheck.document.load import load_document


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"])
def test_lines_are_found_whatever_the_line_ending(eol: str) -> None:
    doc = load_document("c.yaml", eol.join(["partnercheck: 1", "charter:", "  id: c", ""]).encode())
    assert [doc.line_text(n) for n in range(1, 5)] == ["partnercheck: 1", "charter:", "  id: c", ""]
    assert doc.line_count == 4


def test_a_last_line_without_a_break_is_kept_whole() -> None:
    doc = load_document("c.yaml", b"partnercheck: 1\nx: tail")
    assert doc.line_count == 2
    assert doc.line_text(2) == "x: tail"


@pytest.mark.parametrize("number", [0, -1, 5])
def test_a_line_outside_the_file_is_empty(number: int) -> None:
    doc = load_document("c.yaml", b"a: 1\nb: 2\n")
    assert doc.line_text(number) == ""


def test_a_bom_is_not_part_of_the_first_line() -> None:
    doc = load_document("c.yaml", b"\xef\xbb\xbfpartnercheck: 1\n")
    assert doc.line_text(1) == "partnercheck: 1"


def test_nel_ls_and_ps_do_not_start_new_lines() -> None:
    """YAML 1.2 breaks lines on LF, CRLF and CR only; NEL, LS and PS are characters of the line."""
    doc = load_document("c.yaml", "a: 1\u2028b: 2\x85c: 3\u2029d\n".encode())
    assert doc.line_text(1) == "a: 1\u2028b: 2\x85c: 3\u2029d"
    assert doc.line_count == 2


def test_code_width_leaves_out_the_trailing_comment() -> None:
    from partnercheck.document.positions import code_width

    assert code_width("  - id: a  # first") == len("  - id: a")
    assert code_width("title: 'a # b'  # c") == len("title: 'a # b'")
    assert code_width('url: "x#y"') == len('url: "x#y"')
    assert code_width("url: http://x/#anchor") == len("url: http://x/#anchor")  # no space before: not a comment
    assert code_width("# only a comment") == 0


@given(st.text(alphabet="ab \n\r\x85\u2028é", max_size=40))
def test_line_starts_are_where_a_yaml_line_break_ends(text: str) -> None:
    """The fast path for LF-only text gives the offsets the YAML line-break pattern gives, on any text."""
    import re

    from partnercheck.document.lines import BREAK, line_starts

    assert line_starts(text) == [0] + [m.end() for m in re.finditer(BREAK, text)]
