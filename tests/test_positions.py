"""Findings are placed on the node at fault: line, column, end line and end column.

Columns count characters (Unicode code points), 1-based; the end is inclusive.
The same charter is checked as LF, and as CRLF with a UTF-8 byte order mark:
the positions must not move. Expected positions are computed from the text
(`at`), so each test says *which* token a finding belongs on.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from partnercheck.findings import Finding
from partnercheck.testing import lint_text

Span = tuple[int, int, int, int]

#: One charter with an error of each kind, in block and in flow style; the flow
#: lines put a tab, accented letters and an emoji before the node at fault.
CHARTER = """\
partnercheck: 1
charter: {id: x, title: "Plateforme — académie"}
partners:
  - id: a
    name: Rectorat
    type: entreprise
  - {id: b, name: "Région\tÎle-de-France 🎉", type: entreprise}
  - id: c
    name: GRETA
    name: GRETA 78
    type: training_body
  - {id: d, name: "Ça 🎉\tva", name: Doublon, type: funder}
  - id: a
    name: Homonyme
    type: funder
objectives:
  - id: o1
    statement: Former
    accountable: zz
  - {id: o2, statement: "Réussir 🎯\tà 90 %", accountable: yy}
"""


def at(text: str, line_has: str, token: str, nth: int = 1) -> Span:
    """The span of `token` on the first line containing `line_has` (`nth` occurrence on that line)."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line_has in line:
            column = -1
            for _ in range(nth):
                column = line.index(token, column + 1)
            return (number, column + 1, number, column + len(token))
    raise AssertionError(f"no line contains {line_has!r}")


def variants(text: str) -> dict[str, bytes]:
    return {
        "lf": text.encode("utf-8"),
        "crlf+bom": codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8"),
    }


@pytest.fixture
def check(cli, tmp_path: Path):
    """Lint bytes through the CLI's JSON output: {(code, pointer): span}, plus the raw findings."""

    def run(raw: bytes, name: str = "charte.yaml") -> dict[tuple[str, str], Span]:
        path = tmp_path / name
        path.write_bytes(raw)
        code, out, err = cli("check", str(path), "--format", "json", "--select", "DOC,SCH,REF", "--today", "2026-01-15")
        assert code in (0, 1), err
        spans: dict[tuple[str, str], Span] = {}
        for f in json.loads(out)["findings"]:  # each place of a grouped finding (run/grouping.py) with its own span
            for place in [f, *f.get("related", [])]:
                spans.setdefault((f["code"], place["pointer"]), (place["line"], place["column"], place["end_line"], place["end_column"]))
        return spans

    return run


@pytest.fixture(params=["lf", "crlf+bom"])
def findings(request, check) -> dict[tuple[str, str], Span]:
    return check(variants(CHARTER)[request.param], f"charte-{request.param}.yaml")


# the three kinds of finding, block style ------------------------------------------
def test_schema_error_on_the_value(findings) -> None:
    assert findings[("SCH01", "/partners/0/type")] == at(CHARTER, "type: entreprise", "entreprise")


def test_reference_error_on_the_ref(findings) -> None:
    assert findings[("REF01", "/objectives/0/accountable")] == at(CHARTER, "accountable: zz", "zz")


def test_duplicate_id_on_the_second_id(findings) -> None:
    second = next(n for n, line in enumerate(CHARTER.split("\n"), 1) if line == "  - id: a" and n > 4)
    assert findings[("REF02", "/partners/4/id")] == (second, 9, second, 9)


def test_duplicate_key_on_the_second_key(findings) -> None:
    assert findings[("DOC02", "/partners/2/name")] == at(CHARTER, "name: GRETA 78", "name")


# the same, after a tab, accented letters and an emoji on the line (flow style) -----
def test_schema_error_after_non_ascii_text(findings) -> None:
    span = at(CHARTER, "Île-de-France", "entreprise")
    assert findings[("SCH01", "/partners/1/type")] == span
    assert span[1] == 51  # characters: the emoji, the tab and each accented letter count one (in bytes: 56)


def test_reference_error_after_non_ascii_text(findings) -> None:
    assert findings[("REF01", "/objectives/1/accountable")] == at(CHARTER, "Réussir", "yy")


def test_duplicate_key_after_non_ascii_text(findings) -> None:
    assert findings[("DOC02", "/partners/3/name")] == at(CHARTER, "Ça 🎉", "name", nth=2)


def test_format_version_on_the_first_line_after_a_bom(check) -> None:
    text = CHARTER.replace("partnercheck: 1", "partnercheck: 2")
    for raw in variants(text).values():
        assert check(raw)[("DOC03", "/partnercheck")] == at(text, "partnercheck: 2", "2")


# keys and parents ------------------------------------------------------------------
def test_unknown_key_on_the_key(check) -> None:
    text = CHARTER.replace("    name: Rectorat\n", "    name: Rectorat\n    nom_court: RC\n")
    assert check(text.encode())[("SCH01", "/partners/0/nom_court")] == at(text, "nom_court: RC", "nom_court")


def test_missing_required_key_on_the_parent_block_mapping(check) -> None:
    text = CHARTER.replace("    name: Rectorat\n", "")
    span = check(text.encode())[("SCH01", "/partners/0")]
    first = at(text, "  - id: a", "id")
    assert span == (first[0], first[1], first[0], len("  - id: a"))  # its first line only, not the whole block


def test_missing_required_key_on_the_parent_flow_mapping(check) -> None:
    text = CHARTER.replace(' name: "Région\tÎle-de-France 🎉",', "")
    span = check(text.encode())[("SCH01", "/partners/1")]
    line = next(n for n, s in enumerate(text.split("\n"), 1) if "{id: b" in s)
    source = text.split("\n")[line - 1]
    assert span == (line, source.index("{") + 1, line, source.index("}") + 1)  # the braces included


def test_block_scalar_spans_its_lines(check) -> None:
    text = CHARTER + "pilot: |\n  Le rectorat\n  et la région.\n\nvision: V\n"
    span = check(text.encode())[("SCH01", "/pilot")]
    start, last = at(text, "pilot: |", "|"), at(text, "  et la région.", "  et la région.")
    assert span == (start[0], start[1], last[2], last[3])  # ends on its last non-blank line


# merge keys and pointer escaping ----------------------------------------------------
MERGED = """\
partnercheck: 1
charter: {id: x, title: X}
x-defaults: &base {type: entreprise, name: Par défaut}
partners:
  - <<: *base
    id: a
  - <<: *base
    id: b
    type: funder
    name: Financeur
"""


def test_merged_value_is_placed_on_the_merge(check) -> None:
    spans = check(MERGED.encode())
    # the value comes from the anchor, into this partner: the finding shows where it entered
    assert spans[("SCH01", "/partners/0/type")] == at(MERGED, "  - <<: *base", "*base")
    assert ("SCH01", "/partners/1/type") not in spans  # an own key wins over the merged one


def test_own_key_beside_a_merge_keeps_its_position(check) -> None:
    text = MERGED.replace("    type: funder\n", "    type: fundr\n")
    assert check(text.encode())[("SCH01", "/partners/1/type")] == at(text, "type: fundr", "fundr")


def test_pointer_escapes_slash_and_tilde(check) -> None:
    text = CHARTER.replace("    name: Rectorat\n", '    name: Rectorat\n    "a/b~c": 1\n    "d/e": 1\n    "d/e": 2\n')
    spans = check(text.encode())
    assert spans[("SCH01", "/partners/0/a~1b~0c")] == at(text, '"a/b~c"', '"a/b~c"')
    assert spans[("DOC02", "/partners/0/d~1e")] == at(text, '"d/e": 2', '"d/e"')


def test_every_position_lies_inside_the_file(check) -> None:
    for raw in variants(CHARTER).values():
        lines = CHARTER.split("\n")
        for (code, pointer), (line, column, end_line, end_column) in check(raw).items():
            assert 0 < line <= end_line <= len(lines), (code, pointer)
            assert 0 < column <= len(lines[line - 1]), (code, pointer)
            assert 0 < end_column <= max(1, len(lines[end_line - 1])), (code, pointer)


# findings placed on a whole section or the whole document ------------------------------

HEAD = "partnercheck: 1\ncharter:\n  id: c\n  title: T\n"


def _codes(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


def test_a_finding_on_a_block_mapping_is_shown_on_the_key_naming_it() -> None:
    text = HEAD + "capitalisation:\n  lessons_log: ''\n  dissemination: []\n"
    finding = _codes(lint_text(text, select=["CAP01"]), "CAP01")[0]
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (5, 1, 5, len("capitalisation"))


def test_a_finding_on_the_whole_document_is_shown_on_its_first_line() -> None:
    finding = _codes(lint_text(HEAD, select=["PIL01"]), "PIL01")[0]
    assert (finding.line, finding.end_line, finding.end_column) == (1, 1, len("partnercheck: 1"))
