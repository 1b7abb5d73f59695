"""One cause, one finding: the same finding repeated across the items of a collection, grouped.

Findings of one file are the same finding when they share their rule code, severity,
message id, suppression and the pattern of their pointer with each list index replaced
by `*` (`/partners/0/representative` and `/partners/3/representative` are
`/partners/*/representative`). The group is one finding at its first place; the other
places become its `related` locations, each labelled with the id of its item. Nothing
in the key names a rule: any rule, a plugin's too, is grouped alike.

Grouping runs last, after suppression comments, waivers and the baseline have judged
each place on its own: a `disable-line` on one place takes that place out of its
group, and a place the baseline does not know is never hidden behind one it does
(an active and a suppressed place never share a group).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Iterable, Mapping

from partnercheck.findings import Finding, Related
from partnercheck.pointers import join, resolve, split

WILDCARD = "*"


def pattern_of(pointer: str) -> tuple[str, ...]:
    """The pointer's segments with every list index (a whole number) replaced by `*`."""
    return tuple(WILDCARD if part.isdigit() else part for part in split(pointer)) if pointer else ()


def group_key(finding: Finding) -> tuple[Any, ...] | None:
    """What makes findings the same finding, or None for one that is never grouped (no list index in its pointer)."""
    pattern = pattern_of(finding.pointer)
    if WILDCARD not in pattern:
        return None
    said = finding.text.id if finding.text is not None else finding.message
    return (finding.path, finding.code, finding.severity, said, pattern, finding.suppression, finding.plugin)


def group_findings(findings: Iterable[Finding], data: Any = None, labels: Mapping[str, str] | None = None) -> list[Finding]:
    """`findings` (sorted by place) with each set of the same finding made one, at its first place, in the same order.

    `data` (the file's, to name each place by its item's id) may be a function giving it: it is then asked only
    when something groups, so a file served from the cache is read again only for that; `labels` (`item_labels`
    stored beside the file's findings) names the places without the data."""
    ordered = list(findings)
    groups: dict[tuple[Any, ...], list[Finding]] = {}
    for finding in ordered:
        key = group_key(finding)
        if key is not None:
            groups.setdefault(key, []).append(finding)
    heads = {id(members[0]): members for members in groups.values() if len(members) > 1}
    if not heads:
        return ordered
    if labels is not None:
        data = labels
    elif callable(data):
        data = data()
    grouped_away = {id(f) for members in heads.values() for f in members[1:]}
    out = []
    for finding in ordered:
        if id(finding) in grouped_away:
            continue
        members = heads.get(id(finding))
        out.append(finding if members is None else _grouped(members, data))
    return out


def group_run(run: Any) -> None:
    """Group each file's findings of a run, in place (`check --no-group` skips this)."""
    for file in run.files:
        file.findings = group_findings(file.findings, lambda file=file: file.data if file.readable else None, file.labels)


def ungrouped(findings: Iterable[Finding]) -> list[Finding]:
    """The findings one per place again: what the health score weighs, place by place."""
    return [member for finding in findings for member in finding.members()]


def _grouped(members: list[Finding], data: Any) -> Finding:
    first = members[0]
    name = (lambda pointer: data.get(item_pointer(pointer), "")) if isinstance(data, Labels) else (lambda pointer: label_of(data, pointer))
    related = tuple(Related(f.pointer, f.line, f.column, f.end_line, f.end_column, name(f.pointer)) for f in members[1:])
    return replace(first, related=related)


class Labels(dict):  # type: ignore[type-arg]
    """Item pointer → the id naming it, as `item_labels` stored them (told apart from a charter's own data)."""


def item_pointer(pointer: str) -> str:
    """The pointer of the item at the pointer's last list index ("" when it has none)."""
    parts = split(pointer) if pointer else []
    indexes = [i for i, part in enumerate(parts) if part.isdigit()]
    return join("", *parts[: indexes[-1] + 1]) if indexes else ""


def item_labels(findings: Iterable[Finding], data: Any) -> dict[str, str]:
    """The label of each item the findings point into, by item pointer: what grouping needs of the data, kept in the run cache."""
    out: dict[str, str] = {}
    for finding in findings:
        item = item_pointer(finding.pointer)
        if item and item not in out:
            out[item] = label_of(data, finding.pointer)
    return {k: v for k, v in out.items() if v}


def label_of(data: Any, pointer: str) -> str:
    """The id (else the name) of the item at the pointer's last list index; "" when it has none."""
    parts = split(pointer) if pointer else []
    indexes = [i for i, part in enumerate(parts) if part.isdigit()]
    if not indexes or data is None:
        return ""
    item = resolve(data, join("", *parts[: indexes[-1] + 1]))
    if isinstance(item, dict):
        for key in ("id", "name"):
            if isinstance(item.get(key), str) and item[key].strip():
                return item[key].strip()
    return item.strip() if isinstance(item, str) and item.strip() else ""
