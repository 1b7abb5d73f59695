"""Spot regular expressions that can backtrack exponentially (`(a+)+`, `(\\w+\\s?)*`, `(a.|.a)*`).

Rule packs may carry `pattern` and `patternProperties` in their schemas.
Most run on RE2 (regex.py), which cannot backtrack; those needing a feature
RE2 lacks run on Python's `re`, where one bad pattern on a long value could
hang a CI runner. Every pattern of a pack is screened when the pack loads:
`backtracking_risk` reads it with a small parser of its own (no private
CPython module) and flags a repeated group that can match the same text in
more than one way between its iterations:

- a variable repeat inside it that can also match what follows it, the
  next iteration included (`(a+)+`, `(\\w+\\s?)*`, `(.*,)*`);
- alternatives inside it that can start with the same character (`(a.|.a)*`).

Characters are compared on a sample: the first 592 code points, a few
common others, and every character and range end the pattern names, so a
range far from the sample (`[\\u4e01-\\u9fff]`) is still compared. With
`fold_case` (for patterns that run on Python's `re`), `(?i)` makes a letter
stand for both its cases. Possessive repeats (`a++`) and atomic groups never
backtrack and are accepted. Shapes this does not catch run under the rule
time budget (budget.py).
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache
from typing import Any

from partnercheck.checks.regex_parser import (
    ANY,
    ASSERT,
    ASSERT_NOT,
    AT,
    ATOMIC_GROUP,
    BRANCH,
    CATEGORY,
    GROUPREF,
    IN,
    LITERAL,
    MAX_REPEAT,
    MIN_REPEAT,
    NEGATE,
    NOT_LITERAL,
    POSSESSIVE_REPEAT,
    RANGE,
    SUBPATTERN,
    Node,
    children,
    parse_pattern,
)

_BASE = frozenset([*range(0x250), 0x2019, 0x20AC, 0x3000, 0x4E00])
_REPEATS = {MAX_REPEAT, MIN_REPEAT}
_CATEGORIES = {"DIGIT": r"\d", "SPACE": r"\s", "WORD": r"\w"}


def backtracking_risk(pattern: str, fold_case: bool = False) -> str | None:
    """Why `pattern` may take exponential time, or None; an invalid pattern says so too."""
    try:
        with warnings.catch_warnings():  # "possible nested set" and the like: the pattern is only read
            warnings.simplefilter("ignore")
            re.compile(pattern)  # Python's own verdict on validity
        tree, points = parse_pattern(pattern, fold_case)
        return _Screen(_BASE | points).risk(tree)
    except re.error as exc:
        return f"is not a valid regular expression: {exc}"
    except (RecursionError, OverflowError):
        return "is too deeply nested to be checked"


class _Screen:
    """The analysis, on one sample of characters."""

    def __init__(self, sample: frozenset[int]) -> None:
        self.sample = sample

    def risk(self, tree: list[Node]) -> str | None:
        for items in _repeated_bodies(tree):
            reason = self.ambiguous(items, self.first(items)[0])
            if reason:
                return reason
        return None

    def ambiguous(self, items: list[Node], tail: frozenset[int]) -> str | None:
        """Within a repeated body: can a part match the text that follows it in another way?"""
        for i, (op, av) in enumerate(items):
            rest, rest_nullable = self.first(items[i + 1 :])
            follow = rest | tail if rest_nullable else rest
            if self.variable(op, av) and self.chars([(op, av)]) & follow:
                return "nests repeats that can match the same text in several ways (like (a+)+), which can take exponential time"
            if op == BRANCH and _overlap([self.first(list(alt))[0] for alt in av[1]]):
                return "repeats alternatives that can start with the same character (like (a.|.a)*), which can take exponential time"
            for child in children(op, av) if op not in _REPEATS else ():
                reason = self.ambiguous(list(child), follow)
                if reason:
                    return reason
        return None

    def variable(self, op: str, av: Any) -> bool:
        """A repeat of variable count, or alternatives one of which can match nothing (`(a|)`, `a?`)."""
        if op in _REPEATS:
            return bool(av[0] != av[1])
        return bool(op == BRANCH and any(self.first(list(alt))[1] for alt in av[1]))

    def first(self, items: list[Node]) -> tuple[frozenset[int], bool]:
        """The characters a sequence can start with, and whether it can match the empty text."""
        first: set[int] = set()
        for op, av in items:
            chars, nullable = self.first_item(op, av)
            first |= chars
            if not nullable:
                return frozenset(first), False
        return frozenset(first), True

    def first_item(self, op: str, av: Any) -> tuple[frozenset[int], bool]:
        if op in (LITERAL, NOT_LITERAL, ANY, IN):
            return self.leaf(op, av), False
        if op in _REPEATS or op == POSSESSIVE_REPEAT:
            chars, nullable = self.first(list(av[2]))
            return chars, nullable or av[0] == 0
        if op == BRANCH:
            parts = [self.first(list(alt)) for alt in av[1]]
            return frozenset().union(*(p[0] for p in parts)), any(p[1] for p in parts)
        if op in (SUBPATTERN, ATOMIC_GROUP):
            return self.first(list(av[3] if op == SUBPATTERN else av))
        if op in (AT, ASSERT, ASSERT_NOT):
            return frozenset(), True
        return self.sample, True  # back-references and the like: assume anything

    def chars(self, items: list[Node]) -> frozenset[int]:
        """Every character some part of `items` can match."""
        found: set[int] = set()
        stack = [items]
        while stack:
            for op, av in stack.pop():
                if op in (LITERAL, NOT_LITERAL, ANY, IN):
                    found |= self.leaf(op, av)
                elif op == GROUPREF:
                    return self.sample
                else:
                    stack.extend(list(child) for child in children(op, av))
        return frozenset(found)

    def leaf(self, op: str, av: Any) -> frozenset[int]:
        if op == LITERAL:
            return frozenset([av])
        if op == NOT_LITERAL:
            return self.sample - {av}
        if op == ANY:
            return self.sample
        return _in_set(tuple(av), self.sample)


def _repeated_bodies(items: list[Node]) -> list[list[Node]]:
    """The bodies of every repeat that can run more than once, at any depth."""
    found, stack = [], [items]
    while stack:
        for op, av in stack.pop():
            if op in _REPEATS and av[1] > 1:
                found.append(list(av[2]))
            stack.extend(list(child) for child in children(op, av))
    return found


def _overlap(sets: list[frozenset[int]]) -> bool:
    seen: set[int] = set()
    for chars in sets:
        if seen & chars:
            return True
        seen |= chars
    return False


@lru_cache(maxsize=256)
def _in_set(items: tuple[Any, ...], sample: frozenset[int]) -> frozenset[int]:
    chars: set[int] = set()
    negate = False
    for op, av in items:
        if op == NEGATE:
            negate = True
        elif op == LITERAL:
            chars.add(av)
        elif op == RANGE:
            chars |= {c for c in sample if av[0] <= c <= av[1]}
        elif op == CATEGORY:
            chars |= _category(str(av), sample)
    return sample - chars if negate else frozenset(chars)


def _category(name: str, sample: frozenset[int]) -> frozenset[int]:
    negate = name.startswith("NOT_")
    expression = re.compile(_CATEGORIES[name.removeprefix("NOT_")])
    matched = frozenset(c for c in sample if expression.fullmatch(chr(c)))
    return sample - matched if negate else matched
