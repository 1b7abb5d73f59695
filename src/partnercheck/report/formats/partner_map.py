"""Who is who in a charter, for the report's partner map: roles, bodies, objectives, beneficiaries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from partnercheck.rules.context import Charter, Item, refs

SHORT = 90


@dataclass(frozen=True)
class PartnerRow:
    id: str
    name: str
    type: str
    status: str
    pilot: bool
    bodies: tuple[str, ...]
    accountable: tuple[str, ...]
    contributes: tuple[str, ...]


@dataclass(frozen=True)
class BeneficiaryRow:
    group: str
    represented_by: tuple[str, ...]
    seats: tuple[str, ...]
    participation: str


def partner_rows(data: Mapping[str, Any]) -> list[PartnerRow]:
    """One row per partner, in the charter's order."""
    charter = Charter(data)
    return [_partner(charter, item) for item in charter.partners if item.id]


def beneficiary_rows(data: Mapping[str, Any]) -> list[BeneficiaryRow]:
    charter = Charter(data)
    return [
        BeneficiaryRow(
            group=text_of(b.value.get("group")) or b.id or "",
            represented_by=tuple(_partner_name(charter, r) for r in refs(b.value.get("represented_by"))),
            seats=tuple(_body_name(charter, r) for r in refs(b.value.get("seats"))),
            participation=text_of(b.value.get("participation")),
        )
        for b in charter.beneficiaries
    ]


def _partner(charter: Charter, item: Item) -> PartnerRow:
    pid = item.id or ""
    return PartnerRow(
        id=pid,
        name=text_of(item.value.get("name")) or pid,
        type=text_of(item.value.get("type")).replace("_", " "),
        status=text_of(item.value.get("status")) or "active",
        pilot=pid in charter.pilot_ids,
        bodies=tuple(text_of(b.value.get("name")) or b.id or "" for b in charter.bodies if pid in refs(b.value.get("members"))),
        accountable=tuple(_objective(o) for o in charter.objectives if pid in refs(o.value.get("accountable"))),
        contributes=tuple(_objective(o) for o in charter.objectives if pid in refs(o.value.get("contributors"))),
    )


def _objective(item: Item) -> str:
    statement = " ".join(text_of(item.value.get("statement")).split())
    if len(statement) > SHORT:
        statement = statement[: SHORT - 1].rstrip() + "…"
    return statement or item.id or ""


def _partner_name(charter: Charter, ref: str) -> str:
    item = charter.partners_by_id.get(ref)
    return (text_of(item.value.get("name")) if item else "") or ref


def _body_name(charter: Charter, ref: str) -> str:
    item = charter.bodies_by_id.get(ref)
    return (text_of(item.value.get("name")) if item else "") or ref


def text_of(value: Any) -> str:
    """A scalar as text; nothing for None, mappings and lists."""
    return value if isinstance(value, str) else ("" if value is None or isinstance(value, (dict, list)) else str(value))
