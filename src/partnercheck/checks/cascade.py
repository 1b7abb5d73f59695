"""Cause first: what the schema finds unreadable, so that its consequences are not reported as causes.

A misspelt top-level `partner:` makes `partners` missing: the schema says so twice
(an unknown key with its did-you-mean, and the required key missing), every reference
to a partner would be "unknown", and every rule reading the partners would find none.
One cause, one finding: the did-you-mean stays, the rest is its consequence.

A misspelt reference (`members: [acme-crop]` for the partner `acme-corp`) is the same at the
scale of one value: REF01 names the unknown id and the one it likely means, and the rules read
the charter as it would be spelt right (`spelt_right`), so that they do not also report the meant
partner as sitting on no body.

A rule can say its finding stands for others on the same item (`supersedes:` in its pack): MEM06,
"partner commits to nothing", already says it has no representative (MEM01), brings nothing
(MEM04) and holds no role (ACC04); `without_superseded` folds those into it.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from partnercheck.findings import Finding, Problem
from partnercheck.pointers import ancestors, is_within, join, parent, split

DID_YOU_MEAN = "SCH01.unknown-key-close"
REQUIRED = "SCH01.required"
INVALID_ID = "SCH01.slug"
UNKNOWN_REFERENCE = "REF01"


def renamed_to(problem: Problem) -> str | None:
    """The pointer a did-you-mean key error says the key should have been (`/partners` for `/partner`), else None."""
    if problem.code != "SCH01" or problem.message.id != DID_YOU_MEAN:
        return None
    close = str(problem.message.params.get("close", ""))
    return join(parent(problem.pointer), *close.split(".")) if close else None


def missing(problem: Problem) -> str | None:
    """The pointer of the required key a problem says is missing, else None."""
    if problem.code != "SCH01" or problem.message.id != REQUIRED:
        return None
    return join(problem.pointer, str(problem.message.params.get("key", "")))


def misshapen(problem: Problem) -> str | None:
    """The pointer of a value the schema finds of the wrong shape (not a key error, not a missing key), else None."""
    if problem.code != "SCH01" or problem.on_key or problem.message.id == REQUIRED:
        return None
    return problem.pointer


def unreadable(problems: Iterable[Problem]) -> list[str]:
    """The sections the rules and references cannot read: misshapen, missing, or written under a misspelt key."""
    found = []
    for problem in problems:
        for pointer in (renamed_to(problem), missing(problem), misshapen(problem)):
            if pointer is not None and pointer not in found:
                found.append(pointer)
    return found


def without_echoes(problems: list[Problem], references: Iterable[Problem] = ()) -> list[Problem]:
    """The schema's problems less those another finding already explains: a "missing required key" that a
    did-you-mean names (`partner:` for `partners:`), a text that is no valid id where the reference check
    says which id it is unknown as (and which it likely means)."""
    renamed = {pointer for pointer in (renamed_to(p) for p in problems) if pointer is not None}
    unknown = {p.pointer for p in references if p.code == "REF01"}
    return [p for p in problems if missing(p) not in renamed and not (p.message.id == INVALID_ID and p.pointer in unknown)]


def within_any(pointer: str, sections: Iterable[str]) -> bool:
    return any(is_within(pointer, section) for section in sections)


def meant(problem: Problem) -> str | None:
    """The id a REF01 did-you-mean says an unknown reference likely means (`acme-corp` for `acme-crop`), else None."""
    if problem.code != UNKNOWN_REFERENCE or not problem.message.id.endswith("-close"):
        return None
    close = problem.message.params.get("close")
    return close if isinstance(close, str) and close else None


def spelt_right(data: Any, references: Iterable[Problem]) -> Any:
    """The charter as the rules read it: each reference a REF01 did-you-mean names replaced by the id it likely
    means, in a copy (only the containers on the way to a replaced value are copied); `data` itself when there
    is none. The rules then report what they would on the charter spelt right, and nothing that only echoes the
    misspelling: the REF01 is its one finding."""
    view = data
    for problem in references:
        close = meant(problem)
        if close is not None:
            view = _replaced(view, split(problem.pointer), close)
    return view


def _replaced(node: Any, tokens: list[str], value: Any) -> Any:
    """`node` with the value at the path `tokens` replaced by `value`, the containers on the way copied."""
    if not tokens:
        return value
    head, rest = tokens[0], tokens[1:]
    if isinstance(node, dict) and head in node:
        return {**node, head: _replaced(node[head], rest, value)}
    if isinstance(node, list) and head.isdigit() and int(head) < len(node):
        index = int(head)
        return [*node[:index], _replaced(node[index], rest, value), *node[index + 1 :]]
    return node


def without_superseded(findings: list[Finding], supersedes: Mapping[str, Iterable[str]]) -> list[Finding]:
    """The findings less those another one stands for: a finding of a code that an active finding's rule
    `supersedes`, at or below that finding's pointer (the same item), neither suppressed nor more severe than
    it (a rule lowered to info hides no warning, so no gate loosens). A finding folded into another folds
    nothing more once folded (two rules superseding each other keep one finding). Each finding looks up only its own
    pointer's ancestors: a file of a thousand partners costs a thousand look-ups, not a million comparisons."""
    covering: dict[str, list[Finding]] = {}
    for f in findings:
        if not f.suppressed and supersedes.get(f.code):
            covering.setdefault(f.pointer, []).append(f)
    if not covering:
        return findings
    folded: set[int] = set()
    for finding in sorted((f for f in findings if not f.suppressed), key=lambda f: -f.severity.rank):  # the most severe stand first
        if any(_stands_for(by, finding, supersedes) and id(by) not in folded for at in ancestors(finding.pointer) for by in covering.get(at, ())):
            folded.add(id(finding))
    return [f for f in findings if id(f) not in folded]


def _stands_for(by: Finding, finding: Finding, supersedes: Mapping[str, Iterable[str]]) -> bool:
    return by is not finding and finding.code in supersedes[by.code] and by.severity.rank >= finding.severity.rank
