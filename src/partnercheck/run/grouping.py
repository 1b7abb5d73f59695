"""One cause, one finding: the same finding repeated across the items of a collection, grouped.

Findings of one file are the same finding when they share their rule code, severity,
message id, suppression and the pattern of their pointer with each list index replaced
by `*` (`/partners/0/representative` and `/partners/3/representative` are
`/partners/*/representative`), AND say the same thing about their items: the same
message parameters, apart from those that only name the item (a parameter whose value
is the id or the name of the item, or of an item holding it; a pointer into the item
counts by its pattern). Two beneficiary groups
at different rungs of the ladder, or two objectives quoting different unknown ids, are
two findings; the same missing field on twelve partners is one. The group is one
finding at its first place; the other places become its `related` locations, each
labelled with the id of its item. Nothing in the key names a rule: any rule, a
plugin's too, is grouped alike.

Grouping runs last, after suppression comments, waivers and the baseline have judged
each place on its own: a `disable-line` on one place takes that place out of its
group, and a place the baseline does not know is never hidden behind one it does
(an active and a suppressed place never share a group).
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any, Iterable, Mapping

from partnercheck.findings import Finding, Related, Text
from partnercheck.pointers import is_within, join, resolve, split

WILDCARD = "*"


def pattern_of(pointer: str) -> tuple[str, ...]:
    """The pointer's segments with every list index (a whole number) replaced by `*`."""
    return tuple(WILDCARD if part.isdigit() else part for part in split(pointer)) if pointer else ()


def group_key(finding: Finding) -> tuple[Any, ...] | None:
    """Where and which finding, or None for one that is never grouped (no list index in its pointer).

    Findings sharing it are candidates; they group when they also say the same thing (`said`)."""
    pattern = pattern_of(finding.pointer)
    if WILDCARD not in pattern:
        return None
    said = finding.text.id if finding.text is not None else finding.message
    return (finding.path, finding.code, finding.severity, said, pattern, finding.suppression, finding.plugin)


def said(finding: Finding, data: Any) -> str:
    """What the finding says about its item: its message parameters less those naming the item (or an item holding
    it), a pointer into its item read as its pattern (`/partners/3/onboarding` as `partners/*/onboarding`)."""
    if finding.text is None:
        return ""  # a message without an id: its whole text is in `group_key`
    own = identities(data, finding.pointer)
    items = item_pointers(finding.pointer)
    kept = {k: _placeless(v, items[0]) for k, v in finding.text.params.items() if not (isinstance(v, str) and v.strip() in own)}
    return json.dumps(Text(finding.text.id, kept).to_json()["params"], sort_keys=True, ensure_ascii=False)


def _placeless(value: Any, item: str) -> Any:
    """A pointer within the item as its pattern: where in its own item, not which item; any other value as it is."""
    if isinstance(value, str) and value.startswith("/") and is_within(value, item):
        return "/".join(pattern_of(value))
    return value


def group_findings(findings: Iterable[Finding], data: Any = None, labels: Mapping[str, Mapping[str, str]] | None = None) -> list[Finding]:
    """`findings` (sorted by place) with each set of the same finding made one, at its first place, in the same order.

    `data` (the file's, to name each place by its item's id and tell what names an item) may be a function giving
    it: it is then asked only when something may group, so a file served from the cache is read again only for
    that; `labels` (`item_labels` stored beside the file's findings) does both without the data."""
    ordered = list(findings)
    candidates: dict[tuple[Any, ...], list[Finding]] = {}
    for finding in ordered:
        key = group_key(finding)
        if key is not None:
            candidates.setdefault(key, []).append(finding)
    if not any(len(members) > 1 for members in candidates.values()):
        return ordered
    if labels is not None:
        data = labels if isinstance(labels, Labels) else Labels(labels)
    elif callable(data):
        data = data()
    heads: dict[int, list[Finding]] = {}
    for members in candidates.values():
        if len(members) > 1:
            heads.update(_same_said(members, data))
    grouped_away = {id(f) for members in heads.values() for f in members[1:]}
    out = []
    for finding in ordered:
        if id(finding) in grouped_away:
            continue
        group = heads.get(id(finding))
        out.append(finding if group is None else _grouped(group, data))
    return out


def _same_said(members: list[Finding], data: Any) -> dict[int, list[Finding]]:
    """The candidates split by what they say, each group of two or more by the id of its first finding."""
    by_said: dict[str, list[Finding]] = {}
    for finding in members:
        by_said.setdefault(said(finding, data), []).append(finding)
    return {id(group[0]): group for group in by_said.values() if len(group) > 1}


def group_run(run: Any) -> None:
    """Group each file's findings of a run, in place (`check --no-group` skips this)."""
    for file in run.files:
        file.findings = group_file(file, file.findings)


def group_file(file: Any, findings: Iterable[Finding]) -> list[Finding]:
    """Findings of one file of a run grouped, told apart by its data (read only when something may group) or its cached labels."""
    return group_findings(findings, lambda: file.data if file.readable else None, file.labels)


def ungrouped(findings: Iterable[Finding]) -> list[Finding]:
    """The findings one per place again: what the health score weighs, place by place."""
    return [member for finding in findings for member in finding.members()]


def _grouped(members: list[Finding], data: Any) -> Finding:
    first = members[0]
    name = (lambda pointer: label_from(data.get(item_pointer(pointer)) or {})) if isinstance(data, Labels) else (lambda pointer: label_of(data, pointer))
    related = tuple(Related(f.pointer, f.line, f.column, f.end_line, f.end_column, name(f.pointer)) for f in members[1:])
    return replace(first, related=related)


class Labels(dict):  # type: ignore[type-arg]
    """Item pointer → the names of that item by field (`names_of`), as `item_labels` stored them (told apart from a charter's own data)."""


def item_pointers(pointer: str) -> list[str]:
    """The pointer of every item the pointer is within, one per list index, outermost first."""
    parts = split(pointer) if pointer else []
    return [join("", *parts[: i + 1]) for i, part in enumerate(parts) if part.isdigit()]


def item_pointer(pointer: str) -> str:
    """The pointer of the item at the pointer's last list index ("" when it has none)."""
    items = item_pointers(pointer)
    return items[-1] if items else ""


NAMING = ("id", "name")


def names_of(item: Any) -> dict[str, str]:
    """What names an item, by the field holding it: its `id` and its `name` (the item itself, under "", when it is a string)."""
    fields = {"": item} if isinstance(item, str) else {key: item.get(key) for key in NAMING} if isinstance(item, dict) else {}
    return {key: value.strip() for key, value in fields.items() if isinstance(value, str) and value.strip()}


def identities(data: Any, pointer: str) -> set[str]:
    """The names of the item at the pointer and of every item holding it, from the data or from `Labels`; a name
    the finding points at is what it is about, not what names its item (a placeholder left as a partner's name)."""
    if data is None:
        return set()
    out: set[str] = set()
    for item in item_pointers(pointer):
        names = (data.get(item) or {}) if isinstance(data, Labels) else names_of(resolve(data, item))
        out.update(value for key, value in names.items() if (join(item, key) if key else item) != pointer)
    return out


def label_from(names: Mapping[str, str]) -> str:
    """The label of an item from its names: its id, else its name, else the string it is."""
    return next((names[key] for key in (*NAMING, "") if names.get(key)), "")


def item_labels(findings: Iterable[Finding], data: Any) -> dict[str, dict[str, str]]:
    """The names of each item the findings point into, by item pointer: what grouping needs of the data, kept in the run cache."""
    out: dict[str, dict[str, str]] = {}
    for finding in findings:
        for item in item_pointers(finding.pointer):
            if item not in out:
                out[item] = names_of(resolve(data, item)) if data is not None else {}
    return {k: v for k, v in out.items() if v}


def label_of(data: Any, pointer: str) -> str:
    """The id (else the name) of the item at the pointer's last list index; "" when it has none."""
    item = item_pointer(pointer)
    if not item or data is None:
        return ""
    return label_from(names_of(resolve(data, item)))
