"""Finding messages in plain words: huge numbers, schema wording, duplicate ids, rules silent on values of the wrong kind."""

from __future__ import annotations

from datetime import date

import pytest

from partnercheck.findings import Finding
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
    assert [f.message for f in findings] == ['The format version is written as text "1": write 1 without quotes']


def test_a_top_level_key_that_belongs_deeper_is_pointed_there() -> None:
    findings = [f for f in _codes(lint_text(HEAD + "bodies: []\n"), "SCH01") if f.pointer == "/bodies"]
    assert [f.message for f in findings] == ['Unknown key "bodies" (did you mean "governance.bodies"?)']
    assert "Move it under `governance:` as `bodies:`" in (findings[0].hint or "")


def test_a_duplicate_id_names_the_line_of_the_first() -> None:
    text = HEAD + "partners:\n  - {id: a, name: A, type: association}\n  - {id: a, name: B, type: association}\n"
    assert [f.message for f in _codes(lint_text(text), "REF02")] == ['Partner id "a" is already used by the partner at line 6']


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
