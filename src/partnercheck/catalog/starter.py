"""The starter charter written by `partnercheck init`, in English or French.

The texts are templates in `locale/<lang>/starter/` (`charter.yaml.tmpl`, and
`partner.yaml.tmpl` for each partner); this module fills them in.

Every section of the format is present: the required ones with values to
fill in, the others empty (`{}` or `[]`) and followed by commented lines
showing what to write. The result parses with no document, schema or
reference finding; the health rules then tell the author what is left.
"""

from __future__ import annotations

import textwrap
from functools import lru_cache
from pathlib import Path
from string import Template
from typing import Sequence

from partnercheck.report.i18n import LANGUAGES
from partnercheck.resources import load_schema, locale_dir

#: How a partner type is named in a starter, per language.
TYPE_LABELS: dict[str, dict[str, str]] = {
    "institution": {"en": "The public institution, e.g. the education authority", "fr": "L'institution, par exemple le rectorat"},
    "local_authority": {"en": "The local authority, e.g. the region", "fr": "La collectivité territoriale, par exemple la région"},
    "funder": {"en": "The funder", "fr": "Le financeur, par exemple l'OPCO"},
    "employer": {"en": "The employer", "fr": "L'employeur"},
    "employer_federation": {"en": "The employers' federation", "fr": "La fédération d'employeurs"},
    "training_body": {"en": "The training body", "fr": "L'organisme de formation"},
    "public_employment_service": {"en": "The public employment service", "fr": "Le service public de l'emploi, France Travail"},
    "association": {"en": "The association", "fr": "L'association"},
    "beneficiary_representative": {"en": "The beneficiaries' representative", "fr": "Le représentant des bénéficiaires"},
    "other": {"en": "A partner", "fr": "Un partenaire"},
}

_TO_FILL = {"en": "to fill in", "fr": "à compléter"}

#: The templates' `$name` comments that list a key's allowed values, and where the charter schema gives them.
ENUM_COMMENTS: dict[str, tuple[str, ...]] = {
    "charter_status": ("$defs", "charter", "properties", "status"),
    "participation": ("$defs", "beneficiary", "properties", "participation"),
    "body_level": ("$defs", "body", "properties", "level"),
    "decision_rule": ("$defs", "body", "properties", "decision_rule"),
    "partner_sector": ("$defs", "partner", "properties", "sector"),
    "contribution_kind": ("$defs", "contribution", "properties", "kind"),
}
#: A comment paragraph of its own: the partner types, wrapped on comment lines.
_PARTNER_TYPES = ("$defs", "partner", "properties", "type")


def starter(lang: str = "en", partner_types: Sequence[str] = ("other",), profile: str | None = None) -> str:
    """The starter text: one example partner per type in `partner_types`, the profile named if given."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: choose {' or '.join(LANGUAGES)}")
    profile_line = f"  profile: {profile}" if profile else _PROFILE_HINT[lang]
    return _template(lang, "charter").substitute(profile=profile_line, partners=_partners(lang, partner_types), **allowed_values())


@lru_cache(maxsize=1)
def allowed_values() -> dict[str, str]:
    """The templates' lists of allowed values, from the charter schema's enums, so that they cannot go stale."""
    values = {name: " | ".join(schema_enum(where)) for name, where in ENUM_COMMENTS.items()}
    types = textwrap.wrap(", ".join(schema_enum(_PARTNER_TYPES)), width=76, break_on_hyphens=False)
    return values | {"partner_types": "\n# ".join(types)}


def schema_enum(where: Sequence[str]) -> list[str]:
    """The enum of the charter schema at the path `where`."""
    node = load_schema("charter")
    for key in where:
        node = node[key]
    return list(node["enum"])


def _partners(lang: str, types: Sequence[str]) -> str:
    blocks = []
    for index, kind in enumerate(dict.fromkeys(types)):
        label = TYPE_LABELS.get(kind, {}).get(lang) or kind.replace("_", " ")
        ident = kind.replace("_", "-")
        blocks.append(_template(lang, "partner").substitute(id=ident, name=f"{label} ({_TO_FILL[lang]})", type=kind, sep="" if index == 0 else "\n", **allowed_values()))
    return "".join(blocks)


_PROFILE_HINT = {
    "en": "  # profile: training-platform   # a kind of partnership: adds the partner types it expects",
    "fr": "  # profile: training-platform   # un type de partenariat : ajoute les types de partenaires attendus",
}


@lru_cache(maxsize=8)
def _template(lang: str, name: str) -> Template:
    """`locale/<lang>/starter/<name>.yaml.tmpl`: the starter's text in that language, with $-parameters to fill."""
    return Template((locale_dir() / lang / "starter" / f"{name}.yaml.tmpl").read_text(encoding="utf-8"))
