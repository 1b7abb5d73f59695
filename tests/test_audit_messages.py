"""Audit findings on messages and positions: huge numbers, schema wording, rule explanations, excerpts."""

from __future__ import annotations

import re
import sys
from datetime import date

import pytest

from partnercheck.document.decoding import decode
from partnercheck.findings import Finding, Severity
from partnercheck.plugins.manager import PluginSelection, load_registry
from partnercheck.report.formats.text import _excerpt_parts
from partnercheck.testing import lint_text

HEAD = "partnercheck: 1\ncharter:\n  id: c\n  title: T\n"


def _codes(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


@pytest.mark.parametrize(
    ("every", "last"),
    [("99999999999999999999", "2026-06-15"), ("12", "9999-12-01"), (".inf", "2020-01-01"), ("1e300", "2020-01-01")],
)
def test_review_cycles_too_long_for_the_calendar_are_never_due(every: str, last: str) -> None:
    text = HEAD + f"  review: {{every_months: {every}, last_done: {last}}}\n" + f"evaluation:\n  partnership_review: {{method: wilder, every_months: {every}, last_done: {last}}}\n"
    findings = lint_text(text, today=date(2026, 1, 15))
    assert not _codes(findings, "INT01"), [f.message for f in _codes(findings, "INT01")]
    assert not [f for f in findings if f.code in ("TIM02", "EVA04") and "overdue" in f.message]


def test_a_cycle_above_a_hundred_years_is_explained_by_the_schema() -> None:
    findings = lint_text(HEAD + "  review: {every_months: 99999999999999999999, last_done: 2026-06-15}\n")
    assert "`charter.review.every_months` must be at most 1200; got 99999999999999999999" in [f.message for f in _codes(findings, "SCH01")]


def test_each_missing_required_key_is_named_once() -> None:
    findings = lint_text(HEAD + "partners: [{id: a}]\n")
    messages = [f.message for f in _codes(findings, "SCH01") if f.pointer == "/partners/0"]
    assert messages == ['`partners[0]` is missing the required key "name"', '`partners[0]` is missing the required key "type"']


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("  period: [a]\n", "`charter.period` must be a mapping; got a list"),
        ("  period: {start: null}\n", "`charter.period.start` must be a date written YYYY-MM-DD; it is empty"),
        ("  adopted_on: 20260101\n", "`charter.adopted_on` must be a date written YYYY-MM-DD; got a number 20260101"),
    ],
)
def test_type_errors_say_what_was_written_in_plain_words(line: str, expected: str) -> None:
    messages = [f.message for f in _codes(lint_text(HEAD + line), "SCH01")]
    assert expected in messages, messages
    assert not any("  " in m or m.endswith("got ") or "empty null" in m for m in messages)


def test_alternatives_are_all_named() -> None:
    text = HEAD + "objectives:\n  - {id: o, statement: S, endorsed_by: 5}\n"
    messages = [f.message for f in _codes(lint_text(text), "SCH01")]
    assert '`objectives[0].endorsed_by` must be "all" or a list of partner ids; got a number 5' in messages


def test_at_least_one_item_in_words() -> None:
    messages = [f.message for f in _codes(lint_text(HEAD + "partners: []\n"), "SCH01")]
    assert "`partners` must have at least one item" in messages


def test_a_quoted_format_version_says_to_remove_the_quotes() -> None:
    findings = _codes(lint_text('partnercheck: "1"\ncharter: {id: c, title: T}\n'), "DOC03")
    assert [f.message for f in findings] == ['the format version is written as text "1": write 1 without quotes']


def test_a_top_level_key_that_belongs_deeper_is_pointed_there() -> None:
    findings = [f for f in _codes(lint_text(HEAD + "bodies: []\n"), "SCH01") if f.pointer == "/bodies"]
    assert [f.message for f in findings] == ['unknown key "bodies" (did you mean "governance.bodies"?)']
    assert "Move it under `governance:` as `bodies:`" in (findings[0].hint or "")


@pytest.mark.slow
def test_rule_explanations_show_no_raw_parameters(cli) -> None:
    registry = load_registry(PluginSelection(autoload=False))
    for code in sorted(registry.rules):
        status, out, _ = cli("rule", code, "--no-plugins")
        assert status == 0, code
        assert not re.search(r"\{[A-Za-z_][A-Za-z0-9_]*\}", out), (code, out)
    assert "notice_days: 10" in cli("rule", "GOV03", "--no-plugins")[1]  # an option shows its default
    assert "accountable: <first>" in cli("rule", "ACC02", "--no-plugins")[1]  # a finding's own value, named


def test_a_finding_on_a_block_mapping_is_shown_on_the_key_naming_it() -> None:
    text = HEAD + "capitalisation:\n  lessons_log: ''\n  dissemination: []\n"
    finding = _codes(lint_text(text, select=["CAP01"]), "CAP01")[0]
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (5, 1, 5, len("capitalisation"))


def test_a_finding_on_the_whole_document_is_shown_on_its_first_line() -> None:
    finding = _codes(lint_text(HEAD, select=["PIL01"]), "PIL01")[0]
    assert (finding.line, finding.end_line, finding.end_column) == (1, 1, len("partnercheck: 1"))


def test_binary_files_are_not_taken_for_utf16() -> None:
    with open(sys.executable, "rb") as handle:
        _, problem = decode(handle.read(4096))
    assert problem is not None and problem.message.startswith("binary file, not text")
    _, problem = decode(HEAD.encode("utf-16-le"))
    assert problem is not None and "UTF-16 without a byte order mark" in problem.message


def test_a_duplicate_id_names_the_line_of_the_first() -> None:
    text = HEAD + "partners:\n  - {id: a, name: A, type: association}\n  - {id: a, name: B, type: association}\n"
    assert [f.message for f in _codes(lint_text(text), "REF02")] == ['partner id "a" is already used by the partner at line 6']


def test_a_pack_name_given_as_a_rule_points_to_the_pack(cli) -> None:
    status, _, err = cli("rule", "pilot", "--no-plugins")
    assert status == 2
    assert "'pilot' is a pack" in err and "partnercheck rules --pack pilot" in err


def test_excerpts_escape_control_characters_and_keep_the_caret_aligned() -> None:
    source = 'title: "\x1b[31mX", foo: 1'
    column = source.index("foo") + 1
    finding = Finding("SCH01", "schema-violation", Severity.ERROR, "m", "c.yaml", "/foo", 1, column, 1, column + 2)
    shown, caret = _excerpt_parts(finding, source)
    assert "\x1b" not in shown and "\\x1b" in shown
    assert shown[caret.index("^") : caret.index("^") + 3] == "foo"


def test_no_governance_body_is_said_in_words() -> None:
    text = HEAD + "partners:\n" + "".join(f"  - {{id: {p}, name: {p}, type: association}}\n" for p in "abcdefghijkl")
    messages = [f.message for f in _codes(lint_text(text, select=["SCA01"]), "SCA01")]
    assert messages and all("governed by no governance body" in m for m in messages), messages


@pytest.mark.parametrize(
    ("text", "silent"),
    [
        ("partnercheck: 1\ncharter: [a, b]\npartners: [{id: a, name: A, type: association}]\n", "CAP02"),
        ("partnercheck: 1\ncharter: {id: c, title: T}\nbeneficiaries: {a: 1}\n", "BEN02"),
    ],
)
def test_rules_say_nothing_about_a_value_of_the_wrong_kind(text: str, silent: str) -> None:
    findings = lint_text(text)
    assert any(f.code == "SCH01" and "must be" in f.message for f in findings)
    assert not _codes(findings, silent), [f.message for f in _codes(findings, silent)]
