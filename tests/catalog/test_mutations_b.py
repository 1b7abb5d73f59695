"""Mutation tests for the evaluation, time, beneficiary, capitalisation and scale packs.

Each case takes the healthy example, breaks exactly one condition, and checks
that the rule fires at the expected place and that no other error or warning
appears, except the findings the broken condition logically implies (listed in
IMPLIED below and in docs/rules-implications.md).
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, Callable

import pytest
from support import (
    TODAY,
    assert_healthy_gives_none_of,
    assert_mutation_fires_only,
    healthy,
    mutation_ids,
    serious,
)

from partnercheck.testing import lint_text

Data = dict[str, Any]

#: Findings a mutation necessarily brings with it: (rule broken, rule implied, why).
IMPLIED = [
    ("EVA01", "EVA03", "without shared measures, no objective can list one (leaving the refs would be REF01 instead)"),
]


def _drop_measures(d: Data) -> None:
    d["evaluation"]["measures"] = []
    for objective in d["objectives"]:
        del objective["measures"]


def _one_collector(d: Data) -> None:
    d["evaluation"]["measures"][1]["collected_by"] = ["rectorat"]


def _no_data_source(d: Data) -> None:
    del d["evaluation"]["measures"][2]["data_source"]


def _no_objective_measure(d: Data) -> None:
    del d["objectives"][3]["measures"]


def _overdue_health_review(d: Data) -> None:
    d["evaluation"]["partnership_review"]["last_done"] = "2024-12-01"


def _no_health_review(d: Data) -> None:
    del d["evaluation"]["partnership_review"]


def _no_appropriation(d: Data) -> None:
    del d["partners"][2]["onboarding"]["appropriation_weeks"]


def _no_charter_review(d: Data) -> None:
    del d["charter"]["review"]["every_months"]


def _overdue_charter_review(d: Data) -> None:
    d["charter"]["review"]["last_done"] = "2024-06-15"


def _no_change_log(d: Data) -> None:
    del d["evolution"]["change_log"]


def _no_beneficiaries(d: Data) -> None:
    del d["beneficiaries"]


def _no_beneficiary_outcome(d: Data) -> None:
    for objective in d["objectives"]:
        objective["beneficiary_outcome"] = False


def _unrepresented_group(d: Data) -> None:
    group = d["beneficiaries"][1]
    del group["represented_by"], group["seats"]


def _consulted_only(d: Data) -> None:
    d["beneficiaries"][0]["participation"] = "consultation"


def _no_feedback_channel(d: Data) -> None:
    del d["beneficiaries"][1]["feedback_channel"]


def _no_capitalisation(d: Data) -> None:
    del d["capitalisation"]


def _capitalisation_without_plan(d: Data) -> None:
    d["capitalisation"] = {"case_study_planned": True}


def _no_sustainability(d: Data) -> None:
    del d["sustainability"]


def _one_level(d: Data) -> None:
    for body in d["governance"]["bodies"]:
        body["level"] = "strategic"


def _unarticulated(d: Data) -> None:
    del d["related_partnerships"][1]["articulation"]


#: (rule, mutation, pointers where the rule must fire, other serious findings implied)
MUTATIONS: list[tuple[str, Callable[[Data], None], list[str], Counter[str]]] = [
    ("EVA01", _drop_measures, ["/evaluation/measures"], Counter(EVA03=5)),
    ("EVA02", _one_collector, ["/evaluation/measures/1/collected_by"], Counter()),
    ("EVA02", _no_data_source, ["/evaluation/measures/2"], Counter()),
    ("EVA03", _no_objective_measure, ["/objectives/3"], Counter()),
    ("EVA04", _overdue_health_review, ["/evaluation/partnership_review/last_done"], Counter()),
    ("EVA04", _no_health_review, ["/evaluation"], Counter()),
    ("TIM01", _no_appropriation, ["/partners/2/onboarding"], Counter()),
    ("TIM02", _no_charter_review, ["/charter/review"], Counter()),
    ("TIM02", _overdue_charter_review, ["/charter/review/last_done"], Counter()),
    ("TIM03", _no_change_log, ["/evolution"], Counter()),
    ("BEN01", _no_beneficiaries, [""], Counter()),
    ("BEN01", _no_beneficiary_outcome, ["/objectives"], Counter()),
    ("BEN02", _unrepresented_group, ["/beneficiaries/1"], Counter()),
    ("BEN03", _consulted_only, ["/beneficiaries/0/participation"], Counter()),
    ("BEN03", _no_feedback_channel, ["/beneficiaries/1"], Counter()),
    ("CAP01", _no_capitalisation, [""], Counter()),
    ("CAP01", _capitalisation_without_plan, ["/capitalisation"], Counter()),
    ("CAP02", _no_sustainability, ["/charter/period/end"], Counter()),
    ("SCA01", _one_level, ["/governance/bodies"], Counter()),
    ("SCA02", _unarticulated, ["/related_partnerships/1"], Counter()),
]


@pytest.mark.parametrize(("code", "mutate", "pointers", "implied"), MUTATIONS, ids=mutation_ids(MUTATIONS))
def test_breaking_one_condition_fires_that_rule_only(code: str, mutate: Callable[[Data], None], pointers: list[str], implied: Counter[str]) -> None:
    assert_mutation_fires_only(code, mutate, pointers, implied)


def test_implied_pairs_are_the_documented_ones() -> None:
    implied_in_table = {(code, other) for code, _, _, implied in MUTATIONS for other in implied}
    assert implied_in_table == {(a, b) for a, b, _ in IMPLIED}


def _other_charter(ident: str, pilots: bool) -> str:
    pilot = "pilot: {partners: [rectorat]}\n" if pilots else ""
    return f"partnercheck: 1\ncharter: {{id: {ident}, title: {ident}}}\npartners: [{{id: rectorat, name: Rectorat, type: institution}}]\n{pilot}"


def test_sca03_the_healthy_charter_checked_with_five_more_partnerships_of_the_rectorat() -> None:
    """SCA03 is repository-level: the mutation is the run, not the charter (five more partnerships, two piloted)."""
    others = [_other_charter(f"partenariat-{i}", pilots=i < 2) for i in range(5)]
    findings = lint_text(json.dumps(healthy(), ensure_ascii=False), today=TODAY, alongside=others)
    flagged = [f for f in findings if f.code == "SCA03"]
    assert [(f.pointer, f.path) for f in flagged] == [("/partners/0", "case.yaml")]
    assert "is an active partner of 6 partnerships" in flagged[0].message and "pilots 3 of them" in flagged[0].message
    assert [f.code for f in serious(findings) if f.code != "SCA03"] == []


def test_the_healthy_charter_alone_gives_none_of_these_rules() -> None:
    codes = {code for code, *_ in MUTATIONS} | {"SCA03"}
    assert_healthy_gives_none_of(codes)
