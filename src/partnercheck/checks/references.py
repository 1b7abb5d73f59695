"""Cross-references inside a charter: unknown refs (REF01) and duplicate ids (REF02)."""

from __future__ import annotations

from typing import Any, Iterable, Iterator

from partnercheck.document.positions import PositionIndex
from partnercheck.findings import Problem, Text
from partnercheck.checks.cascade import within_any
from partnercheck.checks.closest import closest
from partnercheck.pointers import join, select
from partnercheck.records import Record

# Where each kind of thing is defined: kind -> (list path, noun)
KINDS: dict[str, tuple[tuple[str, ...], str]] = {
    "partner": (("partners",), "partner"),
    "body": (("governance", "bodies"), "governance body"),
    "objective": (("objectives",), "objective"),
    "measure": (("evaluation", "measures"), "measure"),
    "beneficiary": (("beneficiaries",), "beneficiary group"),
    "responsibility": (("responsibilities",), "RACI entry"),
}

# Every ref field of CHARTER-FORMAT.md: (path with "*" for list items, kind, accepts "all")
REF_FIELDS: tuple[tuple[tuple[str, ...], str, bool], ...] = (
    (("pilot", "partners", "*"), "partner", False),
    (("pilot", "body"), "body", False),
    (("pilot", "mandate", "granted_by"), "body-or-partners", True),
    (("pilot", "mandate", "granted_by", "*"), "partner", False),
    (("backbone", "funded_by", "*"), "partner", False),
    (("objectives", "*", "accountable"), "partner", False),
    (("objectives", "*", "accountable", "*"), "partner", False),
    (("objectives", "*", "contributors", "*"), "partner", False),
    (("objectives", "*", "endorsed_by", "*"), "partner", False),
    (("objectives", "*", "measures", "*"), "measure", False),
    (("beneficiaries", "*", "represented_by", "*"), "partner", False),
    (("beneficiaries", "*", "seats", "*"), "body", False),
    (("governance", "bodies", "*", "members", "*"), "partner", False),
    (("governance", "bodies", "*", "member_categories", "*", "members", "*"), "partner", False),
    (("responsibilities", "*", "objectives", "*"), "objective", False),
    (("responsibilities", "*", "responsible", "*"), "partner", False),
    (("responsibilities", "*", "accountable"), "partner", False),
    (("responsibilities", "*", "accountable", "*"), "partner", False),
    (("responsibilities", "*", "consulted", "*"), "partner", False),
    (("responsibilities", "*", "informed", "*"), "partner", False),
    (("evaluation", "measures", "*", "collected_by", "*"), "partner", False),
    (("evaluation", "measures", "*", "co_designed_by", "*"), "partner", False),
    (("related_partnerships", "*", "shared_partners", "*"), "partner", False),
)


class Defined(Record):
    """Ids defined in a charter, by kind, with the pointer of each first definition."""

    __slots__ = ("ids", "names")

    ids: dict[str, dict[str, str]]
    names: dict[str, dict[str, str]]  # by kind: each item's name (and short name) -> its id

    def __init__(self, ids: dict[str, dict[str, str]], names: dict[str, dict[str, str]]) -> None:
        self.ids = ids
        self.names = names


def walk(data: Any, path: tuple[str, ...]) -> Iterator[tuple[str, Any]]:
    """Yield (pointer, value) for each node matching `path` ("*" = every list item, never a mapping's values)."""
    return select(data, "/" + "/".join(path), mappings=False)


def check_references(data: Any, index: PositionIndex | None = None, unreadable: Iterable[str] = ()) -> list[Problem]:
    """REF01/REF02 problems; with the document's `index`, a duplicate id names the line of the first one.

    `unreadable` are the sections the schema finds missing, misshapen or misspelt (checks/cascade.py):
    no reference to a kind defined there is called unknown, the schema's finding is its cause.
    """
    problems: list[Problem] = []
    defined = _collect_ids(data, problems, index)
    unread = tuple(unreadable)
    for path, kind, _ in REF_FIELDS:
        if within_any(join("", *path), unread) or within_any(join("", *KINDS[_defining(kind)][0]), unread):
            continue
        for pointer, value in walk(data, path):
            problems.extend(_check_ref(pointer, value, kind, defined))
    return problems


def _defining(kind: str) -> str:
    """The kind whose collection defines the ids a reference field names."""
    return "body" if kind == "body-or-partners" else kind


def _collect_ids(data: Any, problems: list[Problem], index: PositionIndex | None = None) -> Defined:
    ids: dict[str, dict[str, str]] = {}
    names: dict[str, dict[str, str]] = {}
    for kind, (path, _noun) in KINDS.items():
        seen: dict[str, str] = {}
        for pointer, item in walk(data, path + ("*",)):
            ident = item.get("id") if isinstance(item, dict) else None
            if not isinstance(ident, str):
                continue
            for field in ("name", "short_name", "group"):
                if isinstance(item.get(field), str):
                    names.setdefault(kind, {}).setdefault(item[field], ident)
            if ident in seen:
                if index is not None:
                    message = Text(f"REF02.{kind}", {"id": ident, "line": index.locate(seen[ident]).line})
                else:
                    message = Text(f"REF02.{kind}-at", {"id": ident, "first": seen[ident]})
                problems.append(Problem("REF02", message, f"{pointer}/id", None, Text(f"REF02.hint-{kind}")))
            else:
                seen[ident] = pointer
        ids[kind] = seen
    return Defined(ids, names)


def _check_ref(pointer: str, value: Any, kind: str, defined: Defined) -> Iterator[Problem]:
    if not isinstance(value, str) or value == "all" and kind == "body-or-partners":
        return
    if kind == "body-or-partners":
        kind = "body"
    if isinstance(value, str) and value not in defined.ids[kind]:
        yield _unknown(pointer, value, kind, defined)


def _unknown(pointer: str, value: str, kind: str, defined: Defined) -> Problem:
    known = sorted(defined.ids[kind])
    close = closest(value, known, defined.names.get(kind))  # a misspelt id, or the name of what it means
    message = Text(f"REF01.{kind}-close", {"id": value, "close": close}) if close else Text(f"REF01.{kind}", {"id": value})
    listed = ", ".join(known[:12]) + (", …" if len(known) > 12 else "")
    hint = Text(f"REF01.hint-{kind}", {"ids": listed}) if known else Text(f"REF01.hint-{kind}-none")
    return Problem("REF01", message, pointer, None, hint)
