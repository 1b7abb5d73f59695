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


def findings_of(cli, text: str, tmp_path: Path, *extra: str) -> list[dict]:
    charter = tmp_path / "c.yaml"
    charter.write_text(text, encoding="utf-8")
    code, out, err = cli("check", str(charter), "--today", "2026-01-15", "--isolated", "--format", "json", *extra)
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
