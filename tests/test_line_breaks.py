"""Findings' lines and columns follow YAML 1.2's line breaks: LF, CRLF and CR; never NEL, LS or PS.

The same charter is checked with every line ending, with and without a byte
order mark, and with NEL (U+0085), LS (U+2028) and PS (U+2029) inside its
scalars: a finding stays on the same line, and on the same column unless one
of those characters sits before it on its own line. The parsers (C and pure)
count NEL, LS and PS as breaks in their marks; these tests fail if a mark's
own line reaches a finding.
"""

from __future__ import annotations

import codecs
from datetime import date

import pytest

from partnercheck.report.messages import english
from partnercheck.config.settings import Settings
from partnercheck.document.builder import Limits
from partnercheck.document.lines import LineMap, place_in_bytes, split_lines
from partnercheck.document.load import load_document
from partnercheck.document.parsing import parse
from partnercheck.findings import Finding
from partnercheck.plugins.manager import PluginSelection, load_registry
from partnercheck.run.engine import FileResult
from partnercheck.run.lint import Request, lint

REGISTRY = load_registry(PluginSelection(autoload=False))
SETTINGS = Settings(today=date(2026, 1, 15))

#: A charter with findings on many lines; the `titre` line and the statements take the odd characters.
CHARTER = """\
partnercheck: 1
charter: {id: x, title: "Plateforme académie"}
partners:
  - id: a
    name: "Rectorat (titre)"
    type: entreprise
  - id: c
    name: GRETA
    name: GRETA 78
    type: training_body
  - id: a
    name: Homonyme
    type: funder
objectives:
  - id: o1
    statement: "Former (titre)"
    accountable: zz
  - {id: o2, statement: Réussir, accountable: yy}
"""
ODD = "\x85\u2028\u2029"


def checked(raw: bytes) -> FileResult:
    """The file's final result, through the run's whole pipeline (suppressions included)."""
    [result] = lint(Request(("-",), stdin=raw, stdin_filename="c.yaml"), REGISTRY, SETTINGS).files
    return result


def spans(raw: bytes) -> dict[tuple[str, str], tuple[int, int, int, int]]:
    result = checked(raw)
    found: dict[tuple[str, str], tuple[int, int, int, int]] = {}
    for f in result.findings:
        found.setdefault((f.code, f.pointer), (f.line, f.column, f.end_line, f.end_column))
    return found


def endings(text: str) -> dict[str, bytes]:
    return {
        "lf": text.encode(),
        "crlf": text.replace("\n", "\r\n").encode(),
        "cr": text.replace("\n", "\r").encode(),
        "bom+lf": codecs.BOM_UTF8 + text.encode(),
        "bom+cr": codecs.BOM_UTF8 + text.replace("\n", "\r").encode(),
    }


REFERENCE = spans(CHARTER.encode())


def test_the_reference_charter_has_findings_on_many_lines() -> None:
    assert len({line for line, *_ in REFERENCE.values()}) >= 4
    assert ("DOC02", "/partners/1/name") in REFERENCE and ("REF01", "/objectives/1/accountable") in REFERENCE


@pytest.mark.parametrize("ending", list(endings(CHARTER)))
def test_every_line_ending_gives_the_same_positions(ending: str) -> None:
    assert spans(endings(CHARTER)[ending]) == REFERENCE


@pytest.mark.parametrize("ending", list(endings(CHARTER)))
@pytest.mark.parametrize("char", list(ODD))
def test_nel_ls_and_ps_inside_scalars_do_not_shift_lines(ending: str, char: str) -> None:
    text = CHARTER.replace("(titre)", f"(ti{char}tre{char})")
    assert spans(endings(text)[ending]) == REFERENCE  # the odd lines hold no finding after the characters


def test_a_finding_after_nel_on_its_own_line_moves_by_columns_only() -> None:
    text = CHARTER.replace("title: \"Plateforme", "title: \"Plate\u2028forme").replace("{id: o2, statement: Réussir", '{id: o2, statement: "R\x85é\u2029ussir"')
    moved = spans(text.encode())
    line, column, end_line, end_column = REFERENCE[("REF01", "/objectives/1/accountable")]
    assert moved[("REF01", "/objectives/1/accountable")] == (line, column + 4, end_line, end_column + 4)  # two quotes, NEL and PS


@pytest.mark.parametrize("parsers", [("c",), ("pure",)])
def test_both_parsers_place_nodes_by_yaml_1_2_lines(parsers: tuple[str, ...]) -> None:
    text = 'a: "x\u2028y\u2029z"\nb: \'p\x85q\'\nc: 1\r\nd: 2\re: 3\n'
    index = parse(text, Limits(), parsers).index
    assert [(index.values[p].line, index.values[p].column) for p in ("/a", "/b", "/c", "/d", "/e")] == [(1, 4), (2, 4), (3, 4), (4, 4), (5, 4)]


def test_a_syntax_error_after_an_ls_is_on_its_yaml_line() -> None:
    doc = load_document("c.yaml", 'a: "x\u2028y"\nb: [1, 2\n'.encode())
    [problem] = doc.problems
    assert problem.code == "DOC01" and problem.span is not None and (problem.span.line, problem.span.column) == (2, 4)  # at the `[` left open
    assert "on line 2 is never closed" in english(problem.message)  # the flow sequence opened on line 2


def test_a_forbidden_character_after_cr_lines_is_on_its_line() -> None:
    doc = load_document("c.yaml", "a: 1\rb: 2\rc: x\x07\n".encode())
    [problem] = doc.problems
    assert (problem.span.line, problem.span.column) == (3, 5)  # type: ignore[union-attr]


def test_an_undecodable_byte_after_cr_lines_is_on_its_line() -> None:
    doc = load_document("c.yaml", b"a: 1\rb: \xc3\xa9\r\nc: \xff\n")
    [problem] = doc.problems
    assert (problem.span.line, problem.span.column) == (3, 4)  # type: ignore[union-attr]


def test_a_block_scalar_ends_on_its_last_text_line_with_cr_endings() -> None:
    text = "partnercheck: 1\rnote: |\r  one\r  two\r\rnext: 1\r"
    index = parse(text, Limits()).index
    span = index.values["/note"]
    assert (span.line, span.end_line, span.end_column) == (2, 4, 5)


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"])
def test_suppression_comments_follow_yaml_lines(eol: str) -> None:
    lines = CHARTER.replace("(titre)", "(ti\u2028tre)").split("\n")
    at = lines.index("  - {id: o2, statement: Réussir, accountable: yy}")
    lines.insert(at, "  # partnercheck: disable-next-line=REF01 -- chosen later")
    result = checked(eol.join(lines).encode())
    ref = [f for f in result.findings if f.code == "REF01" and f.pointer == "/objectives/1/accountable"]
    assert [f.suppressed for f in ref] == [True]
    assert not [f for f in result.findings if f.code.startswith("SUP")]


def test_lines_split_on_yaml_breaks_only() -> None:
    text = "a\r\nb\rc\nd\x85e\u2028f\u2029g\x0ch\x1ci\n"
    assert split_lines(text) == ["a", "b", "c", "d\x85e\u2028f\u2029g\x0ch\x1ci"]
    lines = LineMap(text)
    assert lines.line_count == 5 and lines.line_text(4) == "d\x85e\u2028f\u2029g\x0ch\x1ci" and lines.line_text(5) == ""
    assert [lines.place(o) for o in (0, 3, 5, 7, 8, 17, len(text))] == [(1, 1), (2, 1), (3, 1), (4, 1), (4, 2), (4, 11), (5, 1)]
    assert place_in_bytes(b"a\r\nb\rc\xc3\xa9\xff", 8) == (3, 3)


def test_a_finding_line_is_a_line_the_reporter_can_show() -> None:
    text = CHARTER.replace('name: "Rectorat (titre)"', 'name: "Rectorat\u2028"\n    nom: 1')
    result = checked(text.encode())
    unknown: Finding = next(f for f in result.findings if f.pointer == "/partners/0/nom")
    assert result.document is not None and result.document.line_text(unknown.line).strip() == "nom: 1"
