"""One dimension's health as a rate: what its rules found, per item they look at (docs/score.md).

A rule looks at the items of the collections it reads (`reads:` in its pack:
`/objectives/*/target` looks at every objective) or, reading no collection,
at the charter as one item. A finding on item *i* of a collection of *n* items
takes `weight(severity) / n` from its rule, never more than the rule's own
weight in all; a finding on the document takes `weight(severity)`. A rule that
looks only at fields of items, in a charter where no item writes any of them
(or that has no such items), found nothing healthy: it loses its whole weight; so does a rule whose
`subject:` (the section it judges: `/pilot` for "the pilot's mandate is sourced") is not written. A dimension whose sections are all absent is not
healthy either: it scores 0. So the score is a rate: one more item as healthy
as the others never lowers it, one finding fewer never lowers it.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Sequence

from partnercheck.checks.closest import closest
from partnercheck.findings import Finding, Severity
from partnercheck.records import Record

#: The charter sections each dimension looks at: when none of them is written, the dimension scores 0
#: ("absence is not health"). `*` stands for every item of a list.
SECTIONS: dict[str, tuple[str, ...]] = {
    "purpose": ("vision", "context/problem_statement", "objectives"),
    "pilot": ("pilot", "backbone"),
    "members": ("partners",),
    "governance": ("governance",),
    "accountability": ("objectives", "responsibilities"),
    "evaluation": ("evaluation", "objectives/*/measures"),
    "time": ("charter/review", "evolution", "partners/*/onboarding"),
    "beneficiary": ("beneficiaries",),
    "capitalisation": ("capitalisation", "sustainability"),
    "scale": ("partners",),
}

#: The dimension a document, schema or reference finding (DOC, SCH, REF) weighs in: that of the top-level
#: section its pointer is in (docs/score.md, "no finding outside the ten dimensions"). A more specific
#: path wins (`charter/profile`); the document as a whole, and a key that resembles no section, weigh in
#: governance: the partners' rules of procedure include a document they can all read.
SECTION_DIMENSION: dict[str, str] = {
    "vision": "purpose",
    "context": "purpose",
    "objectives": "purpose",
    "pilot": "pilot",
    "backbone": "pilot",
    "partners": "members",
    "procured_services": "members",
    "charter/profile": "members",
    "charter/status": "members",
    "governance": "governance",
    "communication": "governance",
    "related_documents": "governance",
    "waivers": "governance",
    "responsibilities": "accountability",
    "evaluation": "evaluation",
    "charter": "time",
    "evolution": "time",
    "beneficiaries": "beneficiary",
    "capitalisation": "capitalisation",
    "sustainability": "capitalisation",
    "related_partnerships": "scale",
}
DOCUMENT_DIMENSION = "governance"
#: The codes of the document, schema and reference checks: they weigh in the dimension of their section.
DOCUMENT_CODES = ("DOC", "SCH", "REF")


def is_document_check(finding: Finding) -> bool:
    """A finding of the engine's document, schema or reference checks (not SUP, INT, nor a plugin's rule)."""
    return finding.pack == "core" and finding.code.startswith(DOCUMENT_CODES)


def dimension_of(pointer: str) -> str:
    """The dimension of the section a pointer is in; a misspelt top-level key counts as the section it resembles."""
    parts = _parts(pointer)
    if not parts:
        return DOCUMENT_DIMENSION
    two = "/".join(parts[:2])
    if two in SECTION_DIMENSION:
        return SECTION_DIMENSION[two]
    head = parts[0] if parts[0] in SECTION_DIMENSION else closest(parts[0], [k for k in SECTION_DIMENSION if "/" not in k])
    return SECTION_DIMENSION.get(head or "", DOCUMENT_DIMENSION)


class RuleWeight(Record):
    """A rule that ran, as the formula sees it: its code, its weight (that of its severity in the run), what it reads."""

    __slots__ = ("code", "weight", "reads", "subject")

    code: str
    weight: float
    reads: tuple[str, ...]
    #: The section the rule judges (`subject:` in its pack): when it is not written, the rule found nothing healthy.
    subject: str

    def __init__(self, code: str, weight: float, reads: tuple[str, ...] = (), subject: str = "") -> None:
        self.code = code
        self.weight = weight
        self.reads = reads
        self.subject = subject


class Rate(Record):
    """A dimension's score (None: no rule of it ran), whether its sections are all absent, and the rules that lost
    their weight with nothing to judge (`MEM05 /charter/status`: said, so that no loss is silent)."""

    __slots__ = ("score", "absent", "unjudged")

    score: float | None
    absent: bool
    unjudged: tuple[str, ...]

    def __init__(self, score: float | None, absent: bool = False, unjudged: tuple[str, ...] = ()) -> None:
        self.score = score
        self.absent = absent
        self.unjudged = unjudged


class Written:
    """What the rate reads of one charter's data, worked out once where the file was checked (a worker:
    `written_parts`), so that scoring only sums: the dimensions whose sections are all absent, and what each
    rule of `codes` would judge and the charter does not write (`unwritten`; only the rules where it is not "").
    `codes`: the rules `missing` was worked out for; another rule's is worked out from the data when scored.
    A plain class, not a dataclass: one more dataclass costs every run about 1 ms of start-up."""

    __slots__ = ("absent", "missing", "codes")

    def __init__(self, absent: frozenset[str], missing: Mapping[str, str], codes: frozenset[str]) -> None:
        self.absent = absent
        self.missing = missing
        self.codes = codes


def written_parts(data: Any, rules: Iterable[Any]) -> tuple[tuple[str, ...], dict[str, str]]:
    """A `Written`'s absent dimensions and missing reads for `rules` (each with `code`, `reads`, `subject`), as few small values to send."""
    absent = tuple(name for name in SECTIONS if _sections_absent(name, data))
    missing = {rule.code: gap for rule in rules if (gap := unwritten(rule, data))}
    return absent, missing


def dimension_rate(name: str, rules: Sequence[RuleWeight], findings: Iterable[Finding], data: Any, weights: Mapping[Severity, float], written: Written | None = None) -> Rate:
    """100 × (1 − Σ rule losses / Σ rule weights) over the dimension's rules that ran; 0 when its sections are absent.
    `written`: what the data gives the rate, when it was worked out already (else read from `data`)."""
    if not rules:
        return Rate(None)
    if _absent(name, data, written):
        return Rate(0.0, absent=True)
    total = sum(rule.weight for rule in rules)
    if total <= 0:
        return Rate(100.0)
    mine = list(findings)
    found = {rule.code: [f for f in mine if f.code == rule.code] for rule in rules}
    missing = {rule.code: _unwritten(rule, data, written) for rule in rules if not found[rule.code]}  # once per rule: it walks the data
    lost = sum(rule_loss(rule, found[rule.code], data, weights, missing.get(rule.code, "")) for rule in rules)
    lost += sum(weights[f.severity] / items_around(f.pointer, data) for f in mine if f.code not in found and is_document_check(f))
    unjudged = tuple(f"{rule.code} {missing[rule.code]}" for rule in rules if rule.weight > 0 and missing.get(rule.code))
    return Rate(100.0 * (1.0 - min(lost, total) / total), unjudged=unjudged)


def unwritten(rule: Any, data: Any) -> str:
    """What a rule would judge and the charter does not write (its `subject:`, or the fields of items it reads), else ""."""
    if rule.subject and not present(data, rule.subject.strip("/")):
        return rule.subject
    return next((read for read in rule.reads if read not in QUALIFIERS), "") if vacuous(rule.reads, data) else ""


def _absent(name: str, data: Any, written: Written | None) -> bool:
    if written is not None and name in SECTIONS:
        return name in written.absent
    return _sections_absent(name, data)


def _sections_absent(name: str, data: Any) -> bool:
    """Whether none of the dimension's sections is written in the data."""
    return not any(present(data, section) for section in SECTIONS.get(name, ()))


def _unwritten(rule: RuleWeight, data: Any, written: Written | None) -> str:
    if written is not None and rule.code in written.codes:
        return written.missing.get(rule.code, "")
    return unwritten(rule, data)


def rule_loss(rule: RuleWeight, findings: Sequence[Finding], data: Any, weights: Mapping[Severity, float], missing: str | None = None) -> float:
    """What one rule takes from its dimension: its findings per item, at most its own weight. `missing`: what
    `unwritten` says of the rule, when the caller has it already."""
    if not findings and (missing if missing is not None else unwritten(rule, data)):
        return rule.weight
    return min(rule.weight, sum(weights[f.severity] / items_around(f.pointer, data) for f in findings))


#: Reads that only say which items a rule looks at (a partner's `status`: active when absent), not what it judges:
#: writing one (`status: active`, the default) gives the rule nothing more to look at.
QUALIFIERS = frozenset({"/partners/*/status"})


def vacuous(reads: Sequence[str], data: Any) -> bool:
    """The rule reads only fields of items (every read has a `*`: `/objectives/*/accountable`) and no item
    of the charter writes any of them (or there are no items): it had nothing to look at. A partner's
    `status` is no such field: it only says whether the partner counts."""
    judged = [read for read in reads if read not in QUALIFIERS]
    if not judged or any("/*" not in read for read in judged):
        return False
    return not any(present(data, read.strip("/")) for read in judged)


def items_around(pointer: str, data: Any) -> int:
    """How many items the finding's item sits among: the length of the first list its pointer indexes (1: the document)."""
    node = data
    for part in _parts(pointer):
        if isinstance(node, list):
            return max(1, len(node)) if part.isdigit() else 1
        if not isinstance(node, dict) or part not in node:
            return 1
        node = node[part]
    return 1


def present(data: Any, section: str) -> bool:
    """The section is written and holds something (`partners/*/onboarding`: for some partner): empty lists and
    mappings, however nested (`governance: {bodies: []}`, `objectives: [{}]`), are absence, not a section."""
    head, star, rest = section.partition("/*/")
    node = _at(data, head.split("/"))
    if not star:
        return written(node)
    return isinstance(node, list) and any(present(item, rest) for item in node)


def written(node: Any) -> bool:
    """The value holds at least one written scalar: not None, not blank text, not only empty lists and mappings."""
    if isinstance(node, dict):
        return any(written(value) for value in node.values())
    if isinstance(node, list):
        return any(written(value) for value in node)
    return _size(node) > 0


def _at(data: Any, parts: Sequence[str]) -> Any:
    node = data
    for part in parts:
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def _size(node: Any) -> int:
    """0 for an absent or empty value, the length of a list or mapping, 1 for any other written value."""
    if node is None or (isinstance(node, str) and not node.strip()):
        return 0
    return len(node) if isinstance(node, (list, dict, str)) else 1


def _parts(pointer: str) -> list[str]:
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]] if pointer else []
