"""Cause first: what the schema finds unreadable, so that its consequences are not reported as causes.

A misspelt top-level `partner:` makes `partners` missing: the schema says so twice
(an unknown key with its did-you-mean, and the required key missing), every reference
to a partner would be "unknown", and every rule reading the partners would find none.
One cause, one finding: the did-you-mean stays, the rest is its consequence.
"""

from __future__ import annotations

from typing import Iterable

from partnercheck.findings import Problem
from partnercheck.pointers import is_within, join, parent

DID_YOU_MEAN = "SCH01.unknown-key-close"
REQUIRED = "SCH01.required"
INVALID_ID = "SCH01.slug"


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
