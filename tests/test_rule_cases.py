"""Every rule's failing and passing examples and its test cases, through the public harness."""

from __future__ import annotations

import pytest

from partnercheck.testing import rule_cases, run_case

CASES = rule_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_case(case) -> None:
    run_case(case)


def test_harness_reports_a_missing_finding_readably() -> None:
    from partnercheck.testing import assert_findings

    with pytest.raises(AssertionError) as caught:
        assert_findings("PIL01", "partnercheck: 1\ncharter: {id: x, title: X}\npartners: [{id: a, name: A, type: funder}]\npilot: {partners: [a]}\n", [{"pointer": "/pilot"}])
    assert "missing: PIL01 at '/pilot'" in str(caught.value)


def test_harness_rejects_an_invalid_snippet() -> None:
    from partnercheck.testing import assert_findings

    with pytest.raises(AssertionError, match="the charter itself is invalid: SCH01"):
        assert_findings("PIL01", "partnercheck: 1\ncharter: {id: x, title: X}\npartners: [{id: a, name: A, type: firm}]\n", [{"pointer": ""}])
