"""What changed in a partnership's terms between two versions of its charter.

Items are matched by their `id`, never by position, so reordering a list or
reformatting the file changes nothing here. Each change says what it is in
the partnership's words (a partner joined, the pilot was re-mandated, an
objective was retargeted), the item it is about, its value before and after,
and a JSON Pointer into the version where it is found (the new one, or the
old one for what was removed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from partnercheck.pointers import join

#: The sections a comparison speaks about, in the order they are shown.
SECTIONS = ("charter", "partners", "pilot", "objectives", "bodies", "beneficiaries", "measures")


@dataclass(frozen=True)
class TermChange:
    section: str  # one of SECTIONS
    kind: str  # joined, left, type, representative, status, added, dropped, reworded, retargeted, members, seats, …
    subject: str  # the item's id (the section's name for a single object)
    before: Any = None
    after: Any = None
    pointer: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"section": self.section, "kind": self.kind, "subject": self.subject, "before": self.before, "after": self.after, "pointer": self.pointer}


def changes(old: Any, new: Any) -> list[TermChange]:
    """The changes from the charter data `old` to `new` (either may be None: not a charter)."""
    old, new = _mapping(old), _mapping(new)
    out: list[TermChange] = []
    out += _charter(old, new)
    out += _partners(old, new)
    out += _pilot(old, new)
    out += _objectives(old, new)
    out += _listed("bodies", _at(old, "governance", "bodies"), _at(new, "governance", "bodies"), "/governance/bodies", {"members": "members"})
    out += _listed("beneficiaries", old.get("beneficiaries"), new.get("beneficiaries"), "/beneficiaries", {"seats": "seats", "represented_by": "representation"})
    out += _listed("measures", _at(old, "evaluation", "measures"), _at(new, "evaluation", "measures"), "/evaluation/measures", {})
    return out


def material(found: Iterable[TermChange]) -> list[TermChange]:
    """The changes to the partnership itself, not to the charter's own bookkeeping (its version, status, review)."""
    return [c for c in found if c.section != "charter"]


def _charter(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[TermChange]:
    before, after = _mapping(old.get("charter")), _mapping(new.get("charter"))
    return [TermChange("charter", key, "charter", before.get(key), after.get(key), f"/charter/{key}") for key in ("version", "status") if before.get(key) != after.get(key)]


def _partners(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[TermChange]:
    before, after = _by_id(old.get("partners")), _by_id(new.get("partners"))
    out = []
    for pid, (i, partner) in after.items():
        at = f"/partners/{i}"
        if pid not in before:
            out.append(TermChange("partners", "left" if _left(partner) else "joined", pid, None, _name(partner), at))
            continue
        was = before[pid][1]
        if _left(partner) and not _left(was):
            out.append(TermChange("partners", "left", pid, _name(was), partner.get("left_on"), at))
        elif _left(was) and not _left(partner):
            out.append(TermChange("partners", "joined", pid, None, _name(partner), at))
        for key, kind in (("type", "type"), ("representative", "representative"), ("status", "status")):
            if key == "status" and _left(was) != _left(partner):
                continue
            if was.get(key) != partner.get(key):
                out.append(TermChange("partners", kind, pid, was.get(key), partner.get(key), join(at, key)))
    out += [TermChange("partners", "left", pid, _name(p), None, f"/partners/{i}") for pid, (i, p) in before.items() if pid not in after]
    return out


def _pilot(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[TermChange]:
    before, after = _mapping(old.get("pilot")), _mapping(new.get("pilot"))
    out = []
    if before.get("partners") != after.get("partners"):
        out.append(TermChange("pilot", "changed", "pilot", before.get("partners"), after.get("partners"), "/pilot/partners"))
    if before.get("mandate") != after.get("mandate"):
        was, now = _differing(before.get("mandate"), after.get("mandate"))
        out.append(TermChange("pilot", "mandate", "pilot", was, now, "/pilot/mandate"))
    return out


def _differing(before: Any, after: Any) -> tuple[Any, Any]:
    """Two mappings cut to the keys whose values differ (anything else as it is)."""
    if not isinstance(before, Mapping) or not isinstance(after, Mapping):
        return before, after
    keys = [k for k in {**before, **after} if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


def _objectives(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[TermChange]:
    kinds = {"statement": "reworded", "target": "retargeted", "deadline": "retargeted", "accountable": "accountable", "endorsed_by": "endorsement"}
    return _listed("objectives", old.get("objectives"), new.get("objectives"), "/objectives", kinds, label="statement")


def _listed(section: str, old: Any, new: Any, base: str, kinds: Mapping[str, str], label: str = "name") -> list[TermChange]:
    """Items of a list matched by id: added, dropped, and each watched key's change (`kinds`: key → kind); other keys → `changed`."""
    before, after = _by_id(old), _by_id(new)
    out = []
    for item_id, (i, item) in after.items():
        at = f"{base}/{i}"
        if item_id not in before:
            out.append(TermChange(section, "added", item_id, None, item.get(label, item.get("group")), at))
            continue
        was = before[item_id][1]
        for key, kind in kinds.items():
            if was.get(key) != item.get(key):
                out.append(TermChange(section, kind, item_id, was.get(key), item.get(key), join(at, key)))
        before_rest, after_rest = _differing({k: v for k, v in was.items() if k not in kinds}, {k: v for k, v in item.items() if k not in kinds})
        if before_rest or after_rest:
            out.append(TermChange(section, "changed", item_id, before_rest, after_rest, at))
    out += [TermChange(section, "dropped", item_id, item.get(label, item.get("group")), None, f"{base}/{i}") for item_id, (i, item) in before.items() if item_id not in after]
    return out


def _by_id(items: Any) -> dict[str, tuple[int, Mapping[str, Any]]]:
    if not isinstance(items, list):
        return {}
    return {item["id"]: (i, item) for i, item in enumerate(items) if isinstance(item, Mapping) and isinstance(item.get("id"), str)}


def _left(partner: Mapping[str, Any]) -> bool:
    return partner.get("status") == "left"


def _name(partner: Mapping[str, Any]) -> Any:
    return partner.get("name")


def _at(data: Mapping[str, Any], *keys: str) -> Any:
    for key in keys:
        data = _mapping(data).get(key)  # type: ignore[assignment]
    return data


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}
