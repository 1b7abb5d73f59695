"""Tests of the plugin's rules, written with partnercheck's public harness.

`assert_findings(rule, charter, expect)` lints the charter with the installed
plugins (this one included) and fails with a readable report when the rule's
findings differ from `expect` (pointer, and optionally line and a message fragment).
Charters are dedented; lines count from the first line of the string, so a
string that opens with a newline starts its YAML on line 2.
"""

from __future__ import annotations

import pytest

from partnercheck.testing import Case, assert_findings, lint_text, rule_cases, run_case

FUNDER_WITHOUT_AMOUNT = """
    partnercheck: 1
    charter: {id: plateforme, title: Plateforme}
    partners:
      - id: rectorat
        name: Rectorat
        type: institution
      - id: region
        name: Conseil régional
        type: funder
        contributions:
          - {kind: staff, description: une chargée de mission}
          - {kind: funding, description: fonctionnement, amount: ""}
"""


def test_a_funding_contribution_without_amount_is_flagged_where_it_is_written() -> None:
    assert_findings(
        "ORG01",
        FUNDER_WITHOUT_AMOUNT,
        [{"pointer": "/partners/1/contributions/1", "line": 13, "message": "funding contribution of partner `region` states no amount"}],
    )


def test_the_funder_types_option_extends_the_rule_to_other_partners() -> None:
    charter = """
        partnercheck: 1
        charter: {id: plateforme, title: Plateforme}
        partners:
          - {id: rectorat, name: Rectorat, type: institution}
          - {id: region, name: Conseil régional, type: local_authority, contributions: []}
    """
    assert_findings("ORG01", charter, [])
    assert_findings(
        "funding-amount-unstated",  # a rule's name works wherever its code does
        charter,
        [{"pointer": "/partners/1/contributions", "message": "(local_authority)"}],
        options={"funder_types": ["funder", "local_authority"]},
    )


def test_the_harness_names_what_is_missing() -> None:
    with pytest.raises(AssertionError, match=r"missing: ORG01 at '/partners/0'"):
        assert_findings("ORG01", FUNDER_WITHOUT_AMOUNT, [{"pointer": "/partners/0"}])


def test_findings_carry_the_plugin_name() -> None:
    findings = lint_text(FUNDER_WITHOUT_AMOUNT, select=["ORG01"])
    assert [(f.code, f.plugin, f.pack) for f in findings] == [("ORG01", "org-example", "org-example")]


def test_the_schema_extension_checks_our_own_key() -> None:
    charter = """
        partnercheck: 1
        charter: {id: plateforme, title: Plateforme}
        partners: [{id: rectorat, name: Rectorat, type: institution}]
        x-org-example:
          funding_agreement: CONV-2026-014
          reviewed_on: next week
    """
    findings = [f for f in lint_text(charter, select=["SCH01"]) if f.code == "SCH01"]
    assert [(f.pointer, f.line) for f in findings] == [("/x-org-example/reviewed_on", 7)]
    assert "calendar date" in findings[0].message


CASES = rule_cases(plugin="org-example")


def test_the_plugin_is_installed_and_its_pack_has_cases() -> None:
    """Install the plugin first (`pip install -e .`): its rules come from the entry point."""
    assert {c.rule for c in CASES} == {"ORG01", "ORG02"}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_every_example_and_case_of_the_pack(case: Case) -> None:
    """The failing example must fire, the passing one must not, and the pack's `tests:` must hold."""
    run_case(case)


@pytest.mark.parametrize("code", ["ORG01", "ORG02"])
def test_each_rule_reads_in_french(code: str) -> None:
    """Every message key translated, with the same parameters and field names (partnercheck's harness checks it)."""
    from partnercheck.testing import assert_translated

    assert_translated(code, "fr")
