"""Mutation tests for the purpose, pilot, members, governance and accountability packs.

Each case takes the healthy example, breaks exactly one condition, and checks
that the rule fires at the expected places and that no other error or warning
appears, except the findings the broken condition logically implies (listed in
IMPLIED below and in docs/rules-implications.md).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Callable

import pytest
from paths import ROOT
from support import (
    assert_healthy_gives_none_of,
    assert_mutation_fires_only,
    mutation_ids,
)

Data = dict[str, Any]

#: Findings a mutation necessarily brings with it: (rule broken, rule implied, why).
IMPLIED = [  # PIL01 no longer brings PIL02: with no pilot, there is no mandate to source
    ("PUR05", "BEN01", "without objectives, none states an outcome for the beneficiaries"),
]  # MEM06 implied MEM01 and MEM04 (nobody speaks for it, it brings nothing): it now stands for them (`supersedes`)

IMPLICATIONS_DOC = ROOT / "docs" / "rules-implications.md"


def _partner(d: Data, ident: str) -> Data:
    return next(p for p in d["partners"] if p["id"] == ident)


def _no_vision(d: Data) -> None:
    del d["vision"], d["context"]["problem_statement"]


def _no_objectives(d: Data) -> None:
    d["objectives"] = []
    for entry in d.get("responsibilities", []):
        entry.pop("objectives", None)  # the RACI entries' links to objectives go too (REF01 otherwise)


def _endorsement_without_afpa(d: Data) -> None:
    active = [p["id"] for p in d["partners"] if p.get("status", "active") == "active"]
    d["objectives"][0]["endorsed_by"] = [p for p in active if p != "afpa"]


def _no_deadline(d: Data) -> None:
    del d["objectives"][1]["deadline"]


def _no_interests(d: Data) -> None:
    del _partner(d, "region")["interests"]


def _no_pilot(d: Data) -> None:
    del d["pilot"]


def _no_pilot_partners(d: Data) -> None:
    d["pilot"]["partners"] = []


def _self_granted_mandate(d: Data) -> None:
    d["pilot"]["mandate"]["granted_by"] = ["rectorat", "region"]


def _no_mandate(d: Data) -> None:
    del d["pilot"]["mandate"]


def _no_term(d: Data) -> None:
    del d["pilot"]["mandate"]["term_until"]


def _three_pilots(d: Data) -> None:
    d["pilot"]["partners"].append("france-travail")


def _no_backbone(d: Data) -> None:
    del d["backbone"]


def _unmandated_representative(d: Data) -> None:
    del _partner(d, "cd93")["representative"]["mandate_ref"]


def _no_beneficiary_representative(d: Data) -> None:
    _partner(d, "tremplin")["type"] = "association"


def _no_specificities(d: Data) -> None:
    del _partner(d, "cd94")["specificities"]


def _no_contributions(d: Data) -> None:
    del _partner(d, "domicile-est")["contributions"]


def _uncommitted_partner(d: Data) -> None:
    """`domicile-est` keeps its seats on the bodies and loses everything it undertook: signature, representative,
    contributions, its part in objectives and activities."""
    partner = _partner(d, "domicile-est")
    for key in ("signed", "representative", "contributions"):
        partner.pop(key, None)
    for section, keys in (("objectives", ("contributors",)), ("responsibilities", ("responsible",))):
        for entry in d[section]:
            for key in keys:
                if isinstance(entry.get(key), list):
                    entry[key] = [p for p in entry[key] if p != "domicile-est"]


def _signed_but_region(d: Data) -> None:
    d["charter"]["status"] = "signed"
    for partner in d["partners"]:
        if partner.get("status", "active") == "active":
            partner["signed"] = partner["id"] != "region"


def _no_decision_rule(d: Data) -> None:
    for body in d["governance"]["bodies"]:
        del body["decision_rule"]


def _no_conflict_resolution(d: Data) -> None:
    del d["governance"]["conflict_resolution"]


def _short_notice(d: Data) -> None:
    d["governance"]["bodies"][1]["notice_days"] = 5


def _no_conflict_of_interest(d: Data) -> None:
    del d["governance"]["conflict_of_interest"]


def _no_exit_procedure(d: Data) -> None:
    del d["governance"]["exit_procedure"]


def _no_channels(d: Data) -> None:
    del d["communication"]["channels"]


def _no_accountable(d: Data) -> None:
    del d["objectives"][1]["accountable"]


def _two_accountables(d: Data) -> None:
    d["objectives"][0]["accountable"] = ["rectorat", "region"]


def _four_responsible(d: Data) -> None:
    d["responsibilities"][0]["responsible"].append("france-travail")


def _crowded_objective_without_raci(d: Data) -> None:
    d["objectives"][4]["contributors"] += ["france-travail"]
    for entry in d["responsibilities"]:
        entry["objectives"] = [o for o in entry["objectives"] if o != "offre-territoriale"]


def _dormant_newcomer(d: Data) -> None:
    newcomer = {**_partner(d, "domicile-est"), "id": "services-plus", "name": "Services Plus (entreprise de services à la personne)"}
    d["partners"].append(newcomer)


#: (rule, mutation, pointers where the rule must fire, other serious findings implied)
MUTATIONS: list[tuple[str, Callable[[Data], None], list[str], Counter[str]]] = [
    ("PUR01", _no_vision, [""], Counter()),
    ("PUR02", _endorsement_without_afpa, ["/objectives/0/endorsed_by"], Counter()),
    ("PUR03", _no_deadline, ["/objectives/1"], Counter()),
    ("PUR04", _no_interests, ["/partners/1"], Counter()),
    ("PUR05", _no_objectives, ["/objectives"], Counter(BEN01=1)),
    ("PIL01", _no_pilot, [""], Counter()),
    ("PIL01", _no_pilot_partners, ["/pilot/partners"], Counter()),
    ("PIL02", _self_granted_mandate, ["/pilot/mandate/granted_by"], Counter()),
    ("PIL02", _no_mandate, ["/pilot"], Counter()),
    ("PIL03", _no_term, ["/pilot/mandate"], Counter()),
    ("PIL04", _three_pilots, ["/pilot/partners"], Counter()),
    ("PIL05", _no_backbone, [""], Counter()),
    ("MEM01", _unmandated_representative, ["/partners/2/representative"], Counter()),
    ("MEM02", _no_beneficiary_representative, ["/partners"], Counter()),
    ("MEM03", _no_specificities, ["/partners/3"], Counter()),
    ("MEM04", _no_contributions, ["/partners/8"], Counter()),
    ("MEM05", _signed_but_region, ["/partners/1/signed"], Counter()),
    ("MEM06", _uncommitted_partner, ["/partners/8"], Counter()),  # its MEM01 and MEM04 are folded into it (`supersedes`)
    ("GOV01", _no_decision_rule, ["/governance/bodies"], Counter()),
    ("GOV02", _no_conflict_resolution, ["/governance"], Counter()),
    ("GOV03", _short_notice, ["/governance/bodies/1/notice_days"], Counter()),
    ("GOV04", _no_conflict_of_interest, ["/governance"], Counter()),
    ("GOV05", _no_exit_procedure, ["/governance"], Counter()),
    ("GOV06", _no_channels, ["/communication"], Counter()),
    ("ACC01", _no_accountable, ["/objectives/1"], Counter()),
    ("ACC02", _two_accountables, ["/objectives/0/accountable"], Counter()),
    ("ACC03", _four_responsible, ["/responsibilities/0/responsible"], Counter()),
    ("ACC03", _crowded_objective_without_raci, ["/objectives/4/contributors"], Counter()),
    ("ACC04", _dormant_newcomer, ["/partners/15"], Counter()),
]


@pytest.mark.parametrize(("code", "mutate", "pointers", "implied"), MUTATIONS, ids=mutation_ids(MUTATIONS))
def test_breaking_one_condition_fires_that_rule_only(code: str, mutate: Callable[[Data], None], pointers: list[str], implied: Counter[str]) -> None:
    assert_mutation_fires_only(code, mutate, pointers, implied)


def test_every_rule_of_these_packs_has_a_mutation() -> None:
    from partnercheck.testing import default_registry

    packs = {"purpose", "pilot", "members", "governance", "accountability"}
    codes = {r.code for r in default_registry().rules.values() if r.pack in packs and r.plugin == "core"}
    assert codes == {code for code, *_ in MUTATIONS}


def test_implied_pairs_are_the_declared_ones() -> None:
    implied_in_table = {(code, other) for code, _, _, implied in MUTATIONS for other in implied}
    assert implied_in_table == {(a, b) for a, b, _ in IMPLIED}


def _documented_pairs() -> set[tuple[str, str]]:
    text = IMPLICATIONS_DOC.read_text(encoding="utf-8")
    return set(re.findall(r"^\| ([A-Z]{3}\d\d) \| ([A-Z]{3}\d\d) \|", text, flags=re.M))


def test_the_implications_document_lists_every_declared_pair() -> None:
    """The document lists the pairs of both halves of the catalog's mutation tests, no more."""
    import test_mutations_b

    declared = {(a, b) for a, b, _ in IMPLIED} | {(a, b) for a, b, _ in test_mutations_b.IMPLIED}
    assert _documented_pairs() == declared


def test_the_healthy_charter_alone_gives_none_of_these_rules() -> None:
    """Not even an info: the example is meant to pass every rule of these packs."""
    codes = {code for code, *_ in MUTATIONS}
    assert_healthy_gives_none_of(codes)
