"""The charter data rules read, frozen once per file: a rule that changes it raises (its INT01), so no other rule sees a change.

`ReadOnlyDict` and `ReadOnlyList` are `dict` and `list` subclasses, so every
`isinstance(node, dict)` in rules and every JSON Schema check reads them as
before; only the methods that change them raise. A copy (`dict(node)`,
`list(node)`, `copy.deepcopy`, pickling) is an ordinary, writable `dict` or
`list`. Only the channel from a worker process back to the run (run/supervise.py)
pickles them as they are (`dumps_frozen`), so the run does not freeze every
charter a second time for its repository rules.
"""

from __future__ import annotations

import io
import pickle
from typing import Any, NoReturn

MESSAGE = "what a rule reads (the charter's data, its options, the profiles) is read-only: a rule may not change it (work on a copy: dict(...), list(...))"


def _refuse(self: Any, *args: Any, **kwargs: Any) -> NoReturn:
    raise TypeError(MESSAGE)


class ReadOnlyDict(dict):  # type: ignore[type-arg]
    """A mapping of the charter: reads as a `dict`, refuses every change."""

    __slots__ = ()
    __setitem__ = __delitem__ = __ior__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse

    def __reduce__(self) -> tuple[Any, ...]:
        return dict, (dict(self),)

    def __copy__(self) -> dict[Any, Any]:
        return dict(self)


class ReadOnlyList(list):  # type: ignore[type-arg]
    """A list of the charter: reads as a `list`, refuses every change."""

    __slots__ = ()
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse
    append = clear = extend = insert = pop = remove = reverse = sort = _refuse

    def __reduce__(self) -> tuple[Any, ...]:
        return list, (list(self),)

    def __copy__(self) -> list[Any]:
        return list(self)


def freeze(value: Any) -> Any:
    """`value` with every mapping and list inside it read-only (scalars are immutable already); once per file."""
    kind = type(value)
    if kind is dict:
        return ReadOnlyDict({k: freeze(v) if type(v) in _OPEN else v for k, v in value.items()})
    if kind is list:
        return ReadOnlyList([freeze(v) if type(v) in _OPEN else v for v in value])
    if kind in _FROZEN or not isinstance(value, (dict, list)):
        return value
    return freeze(dict(value) if isinstance(value, dict) else list(value))  # another subclass: its items, frozen


_OPEN = frozenset({dict, list})
_FROZEN = frozenset({ReadOnlyDict, ReadOnlyList})


def frozen_index(value: Any) -> Any:
    """A charter index (a list or mapping of items already frozen) made read-only itself, without a deep walk."""
    if type(value) is list:
        return ReadOnlyList(value)
    if type(value) is dict:
        return ReadOnlyDict(value)
    return value


class _FrozenPickler(pickle.Pickler):
    """Pickles read-only containers as read-only containers: each comes back frozen, with no second walk."""

    dispatch_table = {
        ReadOnlyDict: lambda value: (ReadOnlyDict, (dict(value),)),
        ReadOnlyList: lambda value: (ReadOnlyList, (list(value),)),
    }


def dumps_frozen(value: Any) -> bytes:
    """`pickle.dumps(value)`, except that frozen data stays frozen when loaded (`pickle.loads`)."""
    buffer = io.BytesIO()
    _FrozenPickler(buffer, pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()
