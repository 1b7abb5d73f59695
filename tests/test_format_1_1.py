"""Format 1.1: additive fields for what real charters write, and the rules that read them.

Every version 1 charter stays valid and keeps its findings (the rest of the
suite runs on v1 charters); these tests hold what the additions change.
"""

from __future__ import annotations

import json
import re

import pytest

from partnercheck.testing import lint_text
from paths import ROOT

SCHEMA = json.loads((ROOT / "schemas" / "charter.schema.json").read_text(encoding="utf-8"))

BASE = """\
partnercheck: 1.1
charter: {id: x, title: Conseil des aidants, status: active, profile: training-platform}
vision: Les aidants décident avec les institutions.
"""

EVERYTHING = BASE + """\
partners:
  - id: departement
    name: Conseil départemental
    type: local_authority
    additional_types: [funder]
    signs_as: en qualité de financeur du dispositif
    representatives:
      - {name: Mme A, role: vice-présidente, mandate_ref: délibération 2025-12, standing: joint}
      - {name: M. B, role: directeur de l'autonomie, mandate_ref: arrêté 2025-40, standing: joint}
  - id: expert
    name: Dr C
    type: other
    entity: individual
    category: personnalités qualifiées
pilot: {body: conseil, mandate: {granted_by: all, granted_on: 2025-01-15, basis: délibération}}
governance:
  bodies:
    - id: conseil
      name: Conseil des aidants
      members: [departement]
      member_categories:
        - {category: représentants des aidants, share: half, appointed_by: les associations d'aidants, voting: true}
        - {category: institutions, min_seats: 3, max_seats: 4, members: [departement]}
      individual_members: [{name: Dr C, role: personnalité qualifiée}]
      accountable_to: {authority: Assemblée départementale, how: un rapport annuel voté}
related_documents:
  - {title: Règlement intérieur, kind: internal rules, covers: [governance.exit_procedure, governance.conflict_resolution]}
procured_services:
  - {service: formation des aidants, provides_type: training_body, how: marché public, holder: departement}
"""


def codes(findings) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in findings:
        out.setdefault(f.code, []).append(f.pointer)
    return out


def test_every_addition_is_valid_and_its_references_resolve() -> None:
    found = codes(lint_text(EVERYTHING, today="2026-01-15"))
    assert not {c for c in found if c.startswith(("SCH", "REF", "INT")) or c in {f"DOC0{n}" for n in range(1, 8)}}, found


@pytest.mark.parametrize(("version", "accepted"), [("1", True), ("1.1", True), ("1.2", False), ("2", False)])
def test_format_versions_1_and_1_1_are_read(version: str, accepted: bool) -> None:
    found = codes(lint_text(EVERYTHING.replace("partnercheck: 1.1", f"partnercheck: {version}"), today="2026-01-15"))
    assert ("DOC03" not in found) is accepted


def test_unknown_ids_in_the_new_reference_fields_are_reported() -> None:
    text = EVERYTHING.replace("pilot: {body: conseil", "pilot: {body: conseill").replace("min_seats: 3, max_seats: 4, members: [departement]", "min_seats: 3, max_seats: 4, members: [departemnt]")
    found = codes(lint_text(text, today="2026-01-15"))
    assert sorted(found["REF01"]) == ["/governance/bodies/0/member_categories/1/members/0", "/pilot/body"]


def test_a_partner_of_several_types_or_a_procured_service_meets_the_profile() -> None:
    found = codes(lint_text(EVERYTHING, select=["MEM02"], today="2026-01-15"))
    missing = " ".join(f.message for f in lint_text(EVERYTHING, select=["MEM02"], today="2026-01-15"))
    assert "funder" not in missing and "training_body" not in missing  # additional_types, procured_services
    assert "institution" in missing and found["MEM02"]  # still missing: no institution partner
    without = EVERYTHING.replace("    additional_types: [funder]\n", "").replace("procured_services:\n  - {service: formation des aidants, provides_type: training_body, how: marché public, holder: departement}\n", "")
    missing = " ".join(f.message for f in lint_text(without, select=["MEM02"], today="2026-01-15"))
    assert "funder" in missing and "training_body" in missing


def test_several_representatives_are_each_checked_and_an_individual_speaks_for_themselves() -> None:
    assert codes(lint_text(EVERYTHING, select=["MEM01"], today="2026-01-15")) == {}
    text = EVERYTHING.replace("mandate_ref: arrêté 2025-40, ", "")
    assert codes(lint_text(text, select=["MEM01"], today="2026-01-15")) == {"MEM01": ["/partners/0/representatives/1"]}


def test_a_section_a_companion_document_covers_is_not_reported_missing() -> None:
    found = codes(lint_text(EVERYTHING, today="2026-01-15"))
    assert "GOV02" not in found and found["DOC09"] == ["/related_documents/0"]
    without = codes(lint_text(EVERYTHING.replace("covers: [governance.exit_procedure, governance.conflict_resolution]", "covers: []"), today="2026-01-15"))
    assert "GOV02" in without and "DOC09" not in without


def test_only_a_rule_whose_every_section_is_covered_is_left_out() -> None:
    text = EVERYTHING.replace("covers: [governance.exit_procedure, governance.conflict_resolution]", "covers: [governance.exit_procedure]")
    found = codes(lint_text(text, today="2026-01-15"))
    assert "GOV05" in found  # it reads the entry procedure too, which nothing covers
    with_entry = text.replace("governance:\n  bodies:", "governance:\n  entry_procedure: Sur demande au conseil.\n  bodies:")
    assert "GOV05" not in codes(lint_text(with_entry, today="2026-01-15"))


def test_open_adherence_lifts_the_rules_about_the_whole_roster() -> None:
    listed = codes(lint_text(EVERYTHING, today="2026-01-15"))
    assert {"MEM02", "MEM05"} <= set(listed)
    opened = codes(lint_text(EVERYTHING.replace("profile: training-platform}", "profile: training-platform, adherence: open}"), today="2026-01-15"))
    assert not {"MEM02", "MEM05", "ACC04"} & set(opened)


def test_a_seat_in_a_member_category_is_a_role() -> None:
    text = EVERYTHING.replace("      members: [departement]\n      member_categories:", "      member_categories:")
    assert "/partners/0" not in codes(lint_text(text, select=["ACC04"], today="2026-01-15")).get("ACC04", [])


def test_docs_format_documents_every_1_1_addition() -> None:
    doc = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    added = sorted({name for name in _added(SCHEMA)})
    assert added, "the schema marks its 1.1 additions with 'Added in 1.1.'"
    missing = [name for name in added if f"`{name}`" not in doc]
    assert missing == []


def _added(node, name: str = ""):
    if isinstance(node, dict):
        if str(node.get("description", "")).startswith("Added in 1.1.") and name:
            yield name
        for key, child in node.items():
            yield from _added(child, key if isinstance(child, dict) and key not in ("properties", "$defs", "items") else name)
    elif isinstance(node, list):
        for child in node:
            yield from _added(child, name)


def test_the_schema_states_version_1_1() -> None:
    assert SCHEMA["properties"]["partnercheck"]["enum"] == [1, 1.1]
    assert re.search(r"1\.1", SCHEMA["title"])
