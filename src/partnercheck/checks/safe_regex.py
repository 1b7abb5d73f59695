"""Spot regular expressions that can backtrack exponentially (`(a+)+`, `(\\w+\\s?)*`, `(a.|.a)*`).

Rule packs may carry `pattern` and `patternProperties` in their schemas; one
bad pattern run on a long value could hang a CI runner. `backtracking_risk`
reads the pattern as Python's own regex parser does (after its
simplifications) and flags a repeated group that can match the same text in
more than one way between its iterations:

- a variable repeat inside it that can also match what follows it, the
  next iteration included (`(a+)+`, `(\\w+\\s?)*`, `(.*,)*`);
- alternatives inside it that can start with the same character (`(a.|.a)*`).

Possessive repeats (`a++`) never backtrack and are accepted. Shapes this does
not catch run under the rule time budget (budget.py).
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache
from typing import Any

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _sre
except ImportError:  # pragma: no cover - Python 3.10 names
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _sre  # type: ignore[no-redef]

_SAMPLE = frozenset([*range(0x250), 0x2019, 0x20AC, 0x3000, 0x4E00])
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT}
_CATEGORIES = {"DIGIT": r"\d", "SPACE": r"\s", "WORD": r"\w", "LINEBREAK": "\n"}


def backtracking_risk(pattern: str) -> str | None:
    """Why `pattern` may take exponential time, or None; an invalid pattern says so too."""
    try:
        with warnings.catch_warnings():  # "possible nested set" and the like: the pattern is only read
            warnings.simplefilter("ignore")
            tree = _sre.parse(pattern)
        return _risk(list(tree))
    except re.error as exc:
        return f"is not a valid regular expression: {exc}"
    except (RecursionError, OverflowError):
        return "is too deeply nested to be checked"


def _risk(tree: list[Any]) -> str | None:
    for items in _repeated_bodies(tree):
        reason = _ambiguous(items, _first(items)[0])
        if reason:
            return reason
    return None


def _repeated_bodies(items: list[Any]) -> list[list[Any]]:
    """The bodies of every repeat that can run more than once, at any depth."""
    found, stack = [], [items]
    while stack:
        for op, av in stack.pop():
            if op in _REPEATS and av[1] > 1:
                found.append(list(av[2]))
            stack.extend(list(child) for child in _children(op, av))
    return found


def _children(op: Any, av: Any) -> list[Any]:
    if op in _REPEATS or op == getattr(_c, "POSSESSIVE_REPEAT", None):
        return [av[2]]
    if op == _c.SUBPATTERN:
        return [av[3]]
    if op == _c.BRANCH:
        return list(av[1])
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return [av[1]]
    if op == getattr(_c, "ATOMIC_GROUP", None):
        return [av]
    return []


def _ambiguous(items: list[Any], tail: frozenset[int]) -> str | None:
    """Within a repeated body: can a part match the text that follows it in another way?"""
    for i, (op, av) in enumerate(items):
        rest, rest_nullable = _first(items[i + 1 :])
        follow = rest | tail if rest_nullable else rest
        if _variable(op, av) and _chars([(op, av)]) & follow:
            return "nests repeats that can match the same text in several ways (like (a+)+), which can take exponential time"
        if op == _c.BRANCH and _overlap([_first(list(alt))[0] for alt in av[1]]):
            return "repeats alternatives that can start with the same character (like (a.|.a)*), which can take exponential time"
        for child in _children(op, av) if op not in _REPEATS else ():
            reason = _ambiguous(list(child), follow)
            if reason:
                return reason
    return None


def _variable(op: Any, av: Any) -> bool:
    """A repeat of variable count, or alternatives one of which can match nothing (`(a|)`, `a?`)."""
    if op in _REPEATS:
        return bool(av[0] != av[1])
    return bool(op == _c.BRANCH and any(_first(list(alt))[1] for alt in av[1]))


def _overlap(sets: list[frozenset[int]]) -> bool:
    seen: set[int] = set()
    for chars in sets:
        if seen & chars:
            return True
        seen |= chars
    return False


def _first(items: list[Any]) -> tuple[frozenset[int], bool]:
    """The characters a sequence can start with, and whether it can match the empty text."""
    first: set[int] = set()
    for op, av in items:
        chars, nullable = _first_item(op, av)
        first |= chars
        if not nullable:
            return frozenset(first), False
    return frozenset(first), True


def _first_item(op: Any, av: Any) -> tuple[frozenset[int], bool]:
    if op in (_c.LITERAL, _c.NOT_LITERAL, _c.ANY, _c.IN):
        return _leaf(op, av), False
    if op in _REPEATS or op == getattr(_c, "POSSESSIVE_REPEAT", None):
        chars, nullable = _first(list(av[2]))
        return chars, nullable or av[0] == 0
    if op == _c.BRANCH:
        parts = [_first(list(alt)) for alt in av[1]]
        return frozenset().union(*(p[0] for p in parts)), any(p[1] for p in parts)
    if op in (_c.SUBPATTERN, getattr(_c, "ATOMIC_GROUP", None)):
        return _first(list(av[3] if op == _c.SUBPATTERN else av))
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return frozenset(), True
    return _SAMPLE, True  # back-references and the like: assume anything


def _chars(items: list[Any]) -> frozenset[int]:
    """Every character some part of `items` can match."""
    found: set[int] = set()
    stack = [items]
    while stack:
        for op, av in stack.pop():
            if op in (_c.LITERAL, _c.NOT_LITERAL, _c.ANY, _c.IN):
                found |= _leaf(op, av)
            elif op in (_c.GROUPREF, getattr(_c, "GROUPREF_EXISTS", None)):
                return _SAMPLE
            else:
                stack.extend(list(child) for child in _children(op, av))
    return frozenset(found)


def _leaf(op: Any, av: Any) -> frozenset[int]:
    if op == _c.LITERAL:
        return frozenset([av])
    if op == _c.NOT_LITERAL:
        return _SAMPLE - {av}
    if op == _c.ANY:
        return _SAMPLE
    return _in_set(tuple(av))


@lru_cache(maxsize=256)
def _in_set(items: tuple[Any, ...]) -> frozenset[int]:
    chars: set[int] = set()
    negate = False
    for op, av in items:
        if op == _c.NEGATE:
            negate = True
        elif op == _c.LITERAL:
            chars.add(av)
        elif op == _c.RANGE:
            chars |= {c for c in _SAMPLE if av[0] <= c <= av[1]}
        elif op == _c.CATEGORY:
            chars |= _category(str(av))
    return _SAMPLE - chars if negate else frozenset(chars)


def _category(name: str) -> frozenset[int]:
    base = name.replace("CATEGORY_", "").replace("UNI_", "").replace("LOC_", "")
    negate = base.startswith("NOT_")
    expression = re.compile(_CATEGORIES[base.replace("NOT_", "")])
    matched = frozenset(c for c in _SAMPLE if expression.fullmatch(chr(c)))
    return _SAMPLE - matched if negate else matched
