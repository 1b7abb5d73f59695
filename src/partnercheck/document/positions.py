"""The position index: from a JSON Pointer to its place in the source."""

from __future__ import annotations

from dataclasses import dataclass, field

from partnercheck.findings import START, Span
from partnercheck.pointers import ancestors


@dataclass(slots=True)
class PositionIndex:
    """Spans of values (and of mapping keys) by JSON Pointer."""

    values: dict[str, Span] = field(default_factory=dict)
    keys: dict[str, Span] = field(default_factory=dict)

    def locate(self, pointer: str) -> Span:
        """The span of the node at `pointer`, or of its nearest existing ancestor."""
        for candidate in ancestors(pointer):
            span = self.values.get(candidate)
            if span is not None:
                return span
        return START

    def locate_key(self, pointer: str) -> Span:
        """The span of the key naming `pointer` when there is one, else `locate`."""
        return self.keys.get(pointer) or self.locate(pointer)


def code_width(line: str) -> int:
    """The width of a source line without its trailing comment (`  # …`) and the spaces before it.

    A `#` starts a comment only at the line's start or after a space or tab,
    and never inside a quoted scalar.
    """
    quote = ""
    for i, char in enumerate(line):
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"" and (i == 0 or line[i - 1] in " \t[{,:-"):
            quote = char
        elif char == "#" and (i == 0 or line[i - 1] in " \t"):
            return len(line[:i].rstrip())
    return len(line.rstrip())
