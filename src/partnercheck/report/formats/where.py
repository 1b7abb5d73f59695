"""Where a finding is, in words a partnership board reads: `partner “Région” — representative`.

A JSON Pointer into the charter (`/partners/3/representative`) becomes the kind
and name of the item it points into, then the field, in the report's language.
The pointer itself goes to the report's technical appendix.
"""

from __future__ import annotations

from typing import Any, Mapping

from partnercheck.pointers import split
from partnercheck.report.formats.partner_map import short_name
from partnercheck.report.i18n import Translator

SHORT = 60

#: Lists of named items: (kind in words, the key that names an item), by the path of the list.
COLLECTIONS: dict[tuple[str, ...], tuple[str, str]] = {
    ("partners",): ("partner", "name"),
    ("objectives",): ("objective", "statement"),
    ("beneficiaries",): ("beneficiary group", "group"),
    ("responsibilities",): ("activity", "activity"),
    ("related_partnerships",): ("related partnership", "name"),
    ("waivers",): ("waiver", "rule"),
    ("governance", "bodies"): ("governance body", "name"),
    ("evaluation", "measures"): ("measure", "name"),
    ("evolution", "change_log"): ("change log entry", "date"),
    ("contributions",): ("contribution", "description"),
}

#: The charter format's field names (docs/format.md) in plain English words; other languages translate them.
FIELDS: dict[str, str] = {
    "charter": "charter identity",
    "context": "context",
    "vision": "vision",
    "partners": "partners",
    "pilot": "pilot",
    "backbone": "coordination team",
    "objectives": "objectives",
    "beneficiaries": "beneficiaries",
    "governance": "governance",
    "responsibilities": "responsibilities",
    "communication": "communication",
    "evaluation": "evaluation",
    "evolution": "evolution",
    "capitalisation": "capitalisation",
    "sustainability": "sustainability",
    "related_partnerships": "related partnerships",
    "waivers": "waivers",
    "id": "identifier",
    "title": "title",
    "version": "version",
    "status": "status",
    "language": "language",
    "profile": "profile",
    "territory": "territory",
    "adopted_on": "adoption date",
    "period": "period",
    "start": "start",
    "end": "end",
    "review": "review of the charter",
    "every_months": "frequency",
    "last_done": "last done",
    "amendment_procedure": "amendment procedure",
    "problem_statement": "problem statement",
    "rationale": "rationale",
    "prior_collaborations": "prior collaborations",
    "name": "name",
    "type": "type",
    "sector": "sector",
    "mission": "mission",
    "representative": "representative",
    "role": "role",
    "mandate_ref": "mandating act",
    "interests": "interests",
    "contributions": "contributions",
    "kind": "kind",
    "description": "description",
    "amount": "amount",
    "specificities": "specificities",
    "joined_on": "date joined",
    "onboarding": "onboarding",
    "appropriation_weeks": "appropriation time",
    "induction_on": "induction date",
    "left_on": "date left",
    "signed": "signature",
    "mandate": "mandate",
    "granted_by": "granted by",
    "granted_on": "granted on",
    "term_until": "term",
    "basis": "basis",
    "holder": "holder",
    "fte": "full-time equivalents",
    "funded_by": "funded by",
    "statement": "statement",
    "beneficiary_outcome": "outcome for beneficiaries",
    "accountable": "accountable partner",
    "contributors": "contributors",
    "endorsed_by": "endorsement",
    "measures": "measures",
    "target": "target",
    "deadline": "deadline",
    "group": "group",
    "size_estimate": "size",
    "represented_by": "represented by",
    "seats": "seats",
    "participation": "participation",
    "feedback_channel": "feedback channel",
    "bodies": "governance bodies",
    "level": "level",
    "members": "members",
    "meets_every_months": "meeting rhythm",
    "quorum": "quorum",
    "decision_rule": "decision rule",
    "notice_days": "notice",
    "minutes": "minutes",
    "published": "publication",
    "within_days": "delay",
    "conflict_resolution": "conflict resolution",
    "steps": "steps",
    "mediator": "mediator",
    "conflict_of_interest": "conflicts of interest",
    "entry_procedure": "entry procedure",
    "exit_procedure": "exit procedure",
    "dissolution": "dissolution",
    "activity": "activity",
    "responsible": "responsible partners",
    "consulted": "consulted partners",
    "informed": "informed partners",
    "channels": "channels",
    "cadence_weeks": "cadence",
    "shared_repository": "shared repository",
    "definition": "definition",
    "data_source": "data source",
    "collected_by": "collected by",
    "co_designed_by": "co-designed by",
    "frequency_months": "frequency",
    "baseline": "baseline",
    "partnership_review": "partnership health review",
    "method": "method",
    "change_triggers": "change triggers",
    "change_log": "change log",
    "date": "date",
    "change": "change",
    "lessons_log": "lessons log",
    "case_study_planned": "case study",
    "dissemination": "dissemination",
    "transfer_targets": "transfer targets",
    "continuation_plan": "continuation plan",
    "exit_strategy": "exit strategy",
    "shared_partners": "shared partners",
    "articulation": "articulation",
    "rule": "rule",
    "at": "place",
    "reason": "reason",
    "approved_by": "approved by",
    "expires_on": "expiry date",
}


def where(pointer: str, data: Any, tr: Translator) -> str:
    """The place `pointer` designates in `data`, in words; the whole charter for an empty pointer."""
    try:
        keys = split(pointer) if pointer else []
    except ValueError:
        keys = []
    if not keys:
        return tr.words("the charter as a whole")
    parts: list[str] = []
    path: list[str] = []
    node: Any = data
    since = 0  # the words after the last named item: a list's name, dropped before one of its items
    for key in keys:
        collection = (COLLECTIONS.get(tuple(path)) or COLLECTIONS.get(tuple(path[-1:]))) if path else None
        if collection and isinstance(node, list) and key.isdigit() and int(key) < len(node):
            node = node[int(key)]
            del parts[since:]
            parts.append(_item(collection, node, int(key), tr))
            since, path = len(parts), []
            continue
        if isinstance(node, list) and key.isdigit():
            parts.append(tr.words("item {n}", n=int(key) + 1))
        else:
            parts.append(field_word(key, tr))
        node = _child(node, key)
        path.append(key)
    return " — ".join(parts)


def field_word(key: str, tr: Translator) -> str:
    """A field of the charter format in words; an unknown key (an `x-` extension) as written."""
    return tr.words(FIELDS[key]) if key in FIELDS else key


def _item(collection: tuple[str, str], node: Any, index: int, tr: Translator) -> str:
    kind, naming = collection
    raw = node.get(naming) if isinstance(node, Mapping) else None
    name = short_name(_short(raw, 1000), SHORT) if kind == "partner" else _short(raw) or (node.get("id") if isinstance(node, Mapping) and isinstance(node.get("id"), str) else "")
    if not name:
        return tr.words("{kind} number {n}", kind=tr.words(kind), n=index + 1)
    return tr.words("{kind} “{name}”", kind=tr.words(kind), name=name)


def _child(node: Any, key: str) -> Any:
    if isinstance(node, Mapping):
        return node.get(key)
    if isinstance(node, list) and key.isdigit() and int(key) < len(node):
        return node[int(key)]
    return None


def _short(value: Any, room: int = SHORT) -> str:
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        return ""
    text = " ".join(str(value).split())
    return text if len(text) <= room else text[: room - 1].rstrip() + "…"

