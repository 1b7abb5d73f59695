"""One cause, one finding: what a reader fixes once is reported once (docs/rules.md, MEM02 and `supersedes`)."""

from __future__ import annotations

import json
from pathlib import Path

ROSTER = """\
partnercheck: 1
charter: {id: plateforme, title: Plateforme, profile: training-platform}
partners:
  - {id: rectorat, name: Rectorat, type: institution}
  - {id: region, name: Région, type: local_authority}
  - {id: opco, name: OPCO, type: funder}
  - {id: greta, name: GRETA, type: training_body}
"""


def findings_of(cli, text: str, tmp_path: Path, *extra: str, configured: bool = False) -> list[dict]:
    charter = tmp_path / "c.yaml"
    charter.write_text(text, encoding="utf-8")
    settings = ("--config", str(tmp_path / ".partnercheck.yaml")) if configured else ("--isolated",)
    code, out, err = cli("check", str(charter), "--today", "2026-01-15", *settings, "--format", "json", *extra)
    assert code in (0, 1), err
    return json.loads(out)["findings"]


def test_three_missing_partner_types_are_one_finding_naming_the_three(cli, tmp_path: Path) -> None:
    found = [f for f in findings_of(cli, ROSTER, tmp_path, "--no-group") if f["code"] == "MEM02"]
    assert [f["pointer"] for f in found] == ["/partners"]
    assert found[0]["message"] == (
        "The `training-platform` profile expects 3 kinds of active partner that the charter lacks: "
        "`employer` or `employer_federation`, `public_employment_service`, `beneficiary_representative`."
    )
    assert "type: employer" in found[0]["hint"]


def test_the_missing_kinds_read_in_french(cli, tmp_path: Path) -> None:
    text = ROSTER + "  - {id: tremplin, name: Tremplin, type: beneficiary_representative, status: observer}\n"
    [found] = [f for f in findings_of(cli, text, tmp_path, "--lang", "fr") if f["code"] == "MEM02"]
    assert found["message"] == (
        "Le profil `training-platform` attend 3 sortes de partenaires actifs qui manquent à la charte : "
        "`employer` ou `employer_federation`, `public_employment_service`, "
        "`beneficiary_representative` (son seul partenaire, `tremplin`, a le statut `observer`)."
    )
    assert found["hint"].startswith("Invitez un acteur de chaque sorte manquante")


def test_one_missing_type_keeps_its_own_words(cli, tmp_path: Path) -> None:
    text = ROSTER + "  - {id: aad, name: AAD, type: employer}\n  - {id: ft, name: FT, type: public_employment_service}\n"
    [found] = [f for f in findings_of(cli, text, tmp_path) if f["code"] == "MEM02"]
    assert found["message"] == "The `training-platform` profile expects an active partner of type `beneficiary_representative`, and there is none."


STARTER_PARTNER = """\
partnercheck: 1
charter: {id: plateforme, title: Plateforme}
partners:
  - {id: rectorat, name: Rectorat, type: institution, signed: true, contributions: [{kind: expertise, description: Ingénierie}]}
  - {id: region, name: Région, type: local_authority}
pilot: {partners: [rectorat]}
"""
FOLDED = {"MEM01", "MEM04", "ACC04"}


def codes_at(found: list[dict], pointer: str) -> set[str]:
    return {f["code"] for f in found if f["pointer"] == pointer}


def test_a_partner_that_commits_to_nothing_is_one_finding_not_four(cli, tmp_path: Path) -> None:
    found = findings_of(cli, STARTER_PARTNER, tmp_path, "--no-group")
    at_region = codes_at(found, "/partners/1")
    assert "MEM06" in at_region and not at_region & FOLDED  # "commits to nothing" already says no representative, nothing brought, no role
    assert {"MEM01"} <= codes_at(found, "/partners/0")  # the rules still speak of a partner MEM06 says nothing about


def test_once_the_partner_signs_what_remains_is_reported_again(cli, tmp_path: Path) -> None:
    signed = STARTER_PARTNER.replace("type: local_authority}", "type: local_authority, signed: true}")
    assert FOLDED <= codes_at(findings_of(cli, signed, tmp_path, "--no-group"), "/partners/1")


def test_a_waived_mem06_folds_nothing_and_a_waived_finding_stays_waived(cli, tmp_path: Path) -> None:
    waived = STARTER_PARTNER.replace(
        "type: local_authority}", "type: local_authority}  # partnercheck: disable-line=MEM06 -- the region joins at the next committee"
    )
    found = findings_of(cli, waived, tmp_path, "--no-group")
    assert FOLDED <= {f["code"] for f in found if f["pointer"] == "/partners/1" and not f.get("suppression")}
    kept = STARTER_PARTNER.replace("type: local_authority}", "type: local_authority}  # partnercheck: disable-line=MEM01 -- named at the next committee")
    found = findings_of(cli, kept, tmp_path, "--no-group")
    assert not [f for f in found if f["code"] == "SUP02"]  # the comment still hides what it hid: no "unused suppression"
    assert [f["code"] for f in found if f["pointer"] == "/partners/1" and f.get("suppression")] == ["MEM01"]


def test_a_mem06_lowered_below_a_warning_hides_no_warning(cli, tmp_path: Path) -> None:
    (tmp_path / ".partnercheck.yaml").write_text("severity:\n  MEM06: info\n", encoding="utf-8")
    found = findings_of(cli, STARTER_PARTNER, tmp_path, "--no-group", configured=True)
    at_region = codes_at(found, "/partners/1")
    assert {"MEM06", "MEM01", "MEM04"} <= at_region and "ACC04" not in at_region  # an info stands for an info only


def test_folding_follows_each_rule_s_declaration() -> None:
    from dataclasses import replace

    from partnercheck.checks.cascade import without_superseded
    from partnercheck.findings import Finding, Severity, Suppression

    def finding(code: str, pointer: str, severity: Severity = Severity.WARNING) -> Finding:
        return Finding(code=code, name=code.lower(), severity=severity, message="", path="c.yaml", pointer=pointer)

    by = finding("AAA01", "/partners/1", Severity.ERROR)
    same, below, other_item, other_code = finding("BBB01", "/partners/1"), finding("BBB01", "/partners/1/x"), finding("BBB01", "/partners/2"), finding("CCC01", "/partners/1")
    assert without_superseded([by, same, below, other_item, other_code], {"AAA01": ("BBB01",)}) == [by, other_item, other_code]
    waived = replace(by, suppression=Suppression("comment", "why"))
    assert without_superseded([waived, same], {"AAA01": ("BBB01",)}) == [waived, same]
    a, b = finding("AAA01", "/p"), finding("BBB01", "/p")
    assert len(without_superseded([a, b], {"AAA01": ("BBB01",), "BBB01": ("AAA01",)})) == 1  # each standing for the other: one stays


PACK = """\
pack: acme
rules:
  - code: ACM01
    name: acme-rule
    severity: error
    summary: A rule.
    why: Because.
    supersedes: SUPERSEDES
    check: {select: /charter, schema: {required: [id]}}
    message: "No id."
    examples:
      fail: "partnercheck: 1\\ncharter: {title: X}"
      pass: "partnercheck: 1\\ncharter: {id: x, title: X}"
"""


def test_a_pack_declares_what_a_rule_stands_for_and_its_schema_checks_it() -> None:
    import pytest

    from partnercheck.errors import PackError
    from partnercheck.rules.pack import load_pack_text
    from partnercheck.rules.packdata import rules_from_data, rules_to_data

    [rule] = load_pack_text(PACK.replace("SUPERSEDES", "[MEM01, ACC04]").encode(), "acme.yaml", "acme")
    assert rule.supersedes == ("MEM01", "ACC04")
    assert rules_from_data(rules_to_data([rule])) == [rule]  # the pack cache keeps it
    for bad in ("MEM01", "[mem01]", "[MEM01, MEM01]"):
        with pytest.raises(PackError, match="supersedes"):
            load_pack_text(PACK.replace("SUPERSEDES", bad).encode(), "acme.yaml", "acme")
