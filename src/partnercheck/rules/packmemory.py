"""The rule packs a process has already loaded, kept in memory for its next runs.

The language server re-plans on every configuration change and the test
suite runs the command line in-process thousands of times: each run would
read every pack's cache entry again (packcache.py) and decode it into the same
rules. Here a pack's rules are kept under what the pack cache keys them by:
the pack's bytes (their SHA-256), source, plugin and version, and the
code of partnercheck, which cannot change in a running process. A pack whose
bytes changed is a new key, whatever its size and time say: nothing stale is
ever served.

A pack is kept from the second time a process loads it: a single `check`
loads each pack once and pays nothing. Kept rules are frozen (their mappings
and lists read-only, rules/readonly.py), so a rule, a reporter or a plugin
that changes one raises instead of changing the next run's rules. At most
`MAX_PACKS` packs are kept, the least recently used dropped first (a pack
edited in an editor is a new key at every save). `forget()` empties it.
"""

from __future__ import annotations

from dataclasses import replace

from partnercheck.rules.model import Check, Declarative, Option, Rule
from partnercheck.rules.readonly import ReadOnlyDict, freeze

#: Packs kept at most: the built-in ones and a few plugins', several versions of one being edited.
MAX_PACKS = 64

#: The SHA-256 of a pack's bytes, its source, plugin and version.
Key = tuple[bytes, str, str, str]

#: Each key's rules, or None for a pack seen once (not yet worth freezing); the least recently used first.
_KEPT: dict[Key, tuple[Rule, ...] | None] = {}


def recall(key: Key) -> list[Rule] | None:
    """The rules kept under `key` (a new list of the shared, frozen rules), or None."""
    kept = _KEPT.get(key)
    if kept is None:
        return None
    _remember(key, kept)
    return list(kept)


def keep(key: Key, rules: list[Rule]) -> list[Rule]:
    """The rules a run uses after loading them under `key`: the first time, as they are (only the key is
    noted); from the second, frozen and kept for the next runs."""
    if key not in _KEPT:
        _remember(key, None)
        return rules
    frozen = tuple(frozen_rule(rule) for rule in rules)
    _remember(key, frozen)
    return list(frozen)


def forget() -> None:
    """Empty the memory: the next load of every pack reads its cache entry (or the pack) again."""
    _KEPT.clear()


def _remember(key: Key, value: tuple[Rule, ...] | None) -> None:
    _KEPT.pop(key, None)
    _KEPT[key] = value
    while len(_KEPT) > MAX_PACKS:
        del _KEPT[next(iter(_KEPT))]


def frozen_rule(rule: Rule) -> Rule:
    """`rule` with every mapping and list it holds read-only (scalars, tuples and its dataclasses are already)."""
    return replace(
        rule,
        check=_frozen_check(rule.check),
        messages=freeze(rule.messages),
        options=ReadOnlyDict({name: _frozen_option(option) for name, option in rule.options.items()}),
        examples=freeze(rule.examples),
        tests=tuple(freeze(test) for test in rule.tests),
        translations=freeze(rule.translations),
        defaulted=freeze(rule.defaulted),
    )


def _frozen_check(check: Check) -> Check:
    if isinstance(check, Declarative):
        return Declarative(check.select, freeze(check.schema), freeze(check.where))
    return check  # a function's name and scope, or the engine's: nothing to change


def _frozen_option(option: Option) -> Option:
    return replace(option, default=freeze(option.default), schema=freeze(option.schema))
