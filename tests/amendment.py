"""A realistic amendment of the example charter: two partners join, one leaves, the pilot is re-mandated, one objective retargeted."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from paths import EXAMPLES

EXAMPLE = EXAMPLES / "plateforme-aide-a-la-personne.yaml"

JOINED = """  - id: mission-locale
    name: Mission locale des Bords de Marne
    type: public_employment_service
    sector: public
    representative: {name: M. Karim Benali, role: directeur, mandate_ref: délibération du conseil d'administration du 5 janvier 2027}
    joined_on: 2027-01-20
    onboarding: {appropriation_weeks: 8, induction_on: 2027-02-03}
    signed: true

  - id: cap-emploi
    name: Cap emploi 94
    type: association
    sector: civil_society
    representative: {name: Mme Julie Marchand, role: directrice, mandate_ref: délégation du 10 janvier 2027}
    joined_on: 2027-01-20
    onboarding: {appropriation_weeks: 8, induction_on: 2027-02-03}
    signed: true

pilot:
"""


def original() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


def amended() -> str:
    text = original()
    text = text.replace("\npilot:\n", "\n" + JOINED, 1)
    afpa = text.index("  - id: afpa\n")
    signed = text.index("    signed: true\n", afpa)
    text = text[:signed] + "    status: left\n    left_on: 2027-01-15\n" + text[signed:]
    text = text.replace("    granted_on: 2026-06-15\n    term_until: 2028-08-31\n", "    granted_on: 2027-01-20\n    term_until: 2029-08-31\n", 1)
    text = text.replace("    target: 240\n", "    target: 300\n", 1)
    return text.replace('  version: "1.0"', '  version: "1.1"', 1)


def scores_by_check(cli: Any, path: str | Path, *flags: str) -> dict[str, float]:
    """What `check` scores a version (the dimensions and "overall"): `diff` must report the same figures."""
    report = json.loads(cli("check", str(path), "--format", "json", "--no-cache", *flags)[1])["scores"]["files"][0]
    return {"overall": report["overall"], **{name: d["score"] for name, d in report["dimensions"].items()}}


def figure(value: float) -> str:
    """A score as the reports print it: 100, 97.1."""
    return f"{value:g}" if value == int(value) else f"{value:.1f}"
