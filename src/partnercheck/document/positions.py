"""Positions: parser marks to 1-based spans, and the index from a JSON Pointer to its span.

This is the one place where the parsers' 0-based marks become the 1-based
lines and columns a finding carries (`Marks`); lines are YAML 1.2's
(lines.py). A `Span` is then the only form a position takes, from the
builder to the reporters; the results cache writes it as a list of four
numbers and reads it back as a `Span` (run/cache.py).
"""

from __future__ import annotations

from typing import Any

from partnercheck.document.lines import NOT_BREAKS, LineMap
from partnercheck.findings import START, Span
from partnercheck.pointers import ancestors
from partnercheck.records import Record


class Marks:
    """Turns a parser's marks on `text` into 1-based lines and columns, YAML 1.2's.

    A mark's own line and column count NEL, LS and PS as line breaks; when the
    text holds none of them they agree with YAML 1.2 and are used as they are,
    else the mark is placed from its character offset.
    """

    __slots__ = ("_text", "_lines", "_exact")

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: LineMap | None = None
        self._exact = not any(c in text for c in NOT_BREAKS)

    @property
    def lines(self) -> LineMap:
        if self._lines is None:
            self._lines = LineMap(self._text)
        return self._lines

    def point(self, mark: Any) -> tuple[int, int]:
        """The 1-based line and column of a parser mark."""
        if self._exact:
            return mark.line + 1, mark.column + 1
        return self.lines.place(mark.index)

    def at(self, mark: Any) -> Span:
        """The one-character span at a parser mark."""
        line, column = self.point(mark)
        return Span(line, column, line, column)

    def offset(self, offset: int) -> Span:
        """The one-character span at a character offset (a reader error's position)."""
        line, column = self.lines.place(offset)
        return Span(line, column, line, column)

    def span(self, start: Any, end: Any) -> Span:
        """The span from `start` to `end` (exclusive); an end at the start of a later line ends the line before."""
        if self._exact:  # the common case, kept cheap: the builder places every node
            return _between(start.line + 1, start.column + 1, end.line + 1, end.column + 1)
        return _between(*self.lines.place(start.index), *self.lines.place(end.index))

    def through(self, start: Any, last: Span) -> Span:
        """The span from a parser mark to the end of `last`, a span already placed (a block collection's last entry)."""
        line, column = self.point(start)
        return _span(line, column, last.end_line, last.end_column)

    def block_span(self, start: Any, end: Any) -> Span:
        """A scalar's span; a block scalar (`|`, `>`) ends on its last non-blank line, not at the next key."""
        if self._exact:
            line, column, end_line, end_column = start.line + 1, start.column + 1, end.line + 1, end.column + 1
            if end_column != 1 or end_line <= line:  # a scalar that ends on its own line: the usual case, placed inline
                return _span(line, column, end_line, end_column - 1 if end_column > column + 1 else column)
        else:
            (line, column), (end_line, end_column) = self.lines.place(start.index), self.lines.place(end.index)
        if not (end_column == 1 and end_line > line):
            return _between(line, column, end_line, end_column)
        last = min(end_line - 1, self.lines.line_count)
        while last > line and not self.lines.line_text(last).strip(" \t"):
            last -= 1
        width = len(self.lines.line_text(last))
        if last <= line:
            width = max(width, column)
        return Span(line, column, max(last, line), max(width, 1))


def _between(line: int, column: int, end_line: int, end_column: int) -> Span:
    """1-based start and exclusive end to a `Span`: an end at a line's start ends the line before."""
    if end_column == 1 and end_line > line:
        return _span(line, column, end_line - 1, column)
    return _span(line, column, end_line, end_column - 1 if end_column > column + 1 else column)


_new = object.__new__
_set_line, _set_column, _set_end_line, _set_end_column = (getattr(Span, name).__set__ for name in ("line", "column", "end_line", "end_column"))


def _span(line: int, column: int, end_line: int, end_column: int) -> Span:
    """`Span(line, column, end_line, end_column)`, built at twice the speed of the frozen dataclass's `__init__`
    (its slots are set directly): the builder makes one or two per node, 55,000 for a 1,000-partner charter."""
    span = _new(Span)
    _set_line(span, line)
    _set_column(span, column)
    _set_end_line(span, end_line)
    _set_end_column(span, end_column)
    return span


class PositionIndex(Record):
    """Spans of values (and of mapping keys) by JSON Pointer."""

    __slots__ = ("values", "keys")

    values: dict[str, Span]
    keys: dict[str, Span]

    def __init__(self, values: dict[str, Span] | None = None, keys: dict[str, Span] | None = None) -> None:
        self.values = {} if values is None else values
        self.keys = {} if keys is None else keys

    def locate(self, pointer: str) -> Span:
        """The span of the node at `pointer`, or of its nearest existing ancestor."""
        nearest = self.nearest(pointer)
        return nearest[1] if nearest is not None else START

    def nearest(self, pointer: str) -> tuple[str, Span] | None:
        """The node at `pointer`, or its nearest existing ancestor, and its span (None: not even the root)."""
        for candidate in ancestors(pointer):
            span = self.values.get(candidate)
            if span is not None:
                return candidate, span
        return None

    def key_span(self, pointer: str) -> Span | None:
        """The span of the key naming `pointer`, None when no mapping key names it."""
        return self.keys.get(pointer)

    def locate_key(self, pointer: str) -> Span:
        """The span of the key naming `pointer` when there is one, else `locate`."""
        return self.key_span(pointer) or self.locate(pointer)


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
