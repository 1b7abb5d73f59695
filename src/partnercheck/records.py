"""Small internal records with no generated code: fields in `__slots__`, an explicit `__init__`.

A `@dataclass` writes and compiles its methods each time its module is
imported: 2 to 4 million instructions a class, a millisecond or more of every
run's start-up (a charter is checked in about 200 ms, and a plain check builds
dozens of such records' classes). A `Record` subclass lists its fields in
`__slots__` and assigns them in its own `__init__` (one `_fill` call for a long
record); equality, hashing, `repr`
and `replace` come from here, read from those slots (a slot named with a leading
underscore is a cache, not a field). The result model's types (`findings.py`) take these
methods too but stay dataclasses for their users (`fields`, `dataclasses.replace`,
frozen), with only their `__init__` written out; `rules/context.py`'s and
`RunResult` stay plain dataclasses.
"""

from __future__ import annotations

from typing import Any, Iterator, Self


class Record:
    """Equal when of the same class with equal fields; hashable when its fields are; shown with its fields."""

    __slots__: tuple[str, ...] = ()

    def _fill(self, *values: Any) -> None:
        """Set the fields to `values`, in their declaration order (the slots'), as a dataclass's `__init__` would
        (through `object.__setattr__`, which also sets a frozen result's)."""
        for name, value in zip(self.__slots__, values):
            object.__setattr__(self, name, value)

    def fields(self) -> tuple[str, ...]:
        return tuple(name for name in self.__slots__ if not name.startswith("_"))

    def pairs(self) -> Iterator[tuple[str, Any]]:
        """Each field's name and value, in declaration order (what the results cache's key reads)."""
        return ((name, getattr(self, name)) for name in self.fields())

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.fields())

    def replace(self, **changes: Any) -> Self:
        """A copy with `changes` (as `dataclasses.replace`); an unknown field is a TypeError."""
        unknown = set(changes) - set(self.fields())
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {sorted(unknown)[0]!r}")
        return type(self)(**{name: changes.get(name, value) for name, value in self.pairs()})

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{name}={value!r}' for name, value in self.pairs())})"
