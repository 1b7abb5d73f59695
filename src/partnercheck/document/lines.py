"""Line breaks as YAML 1.2 defines them, and 1-based lines and columns from character offsets.

YAML 1.2 breaks lines on LF, CRLF and CR only (spec 5.4); NEL (U+0085), LS
(U+2028) and PS (U+2029) are ordinary characters inside a scalar. Every
line and column partnercheck shows is counted here, so the decoder, the
parser's errors, the builder's spans, suppression comments and the text
reporter's source lines all agree. The YAML parsers still count NEL, LS and
PS as breaks in their own marks (a YAML 1.1 legacy): positions.py places
parser marks through their character offsets, with this module.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

#: YAML 1.2's line break: CRLF counts once; a lone CR or LF each end a line.
BREAK = "\r\n|\r|\n"
_BREAK = re.compile(BREAK)
_BREAK_BYTES = re.compile(BREAK.encode("ascii"))
#: Characters YAML 1.1 (and the parsers' marks) count as line breaks, YAML 1.2 does not.
NOT_BREAKS = "\x85\u2028\u2029"


def split_lines(text: str) -> list[str]:
    """The lines of `text` without their breaks; unlike `str.splitlines`, only YAML's breaks split."""
    lines = _BREAK.split(text)
    return lines[:-1] if lines and not lines[-1] else lines


def line_starts(text: str) -> list[int]:
    """The offset where each line begins: 0, then just after every YAML line break."""
    if "\r" in text:
        return [0] + [m.end() for m in _BREAK.finditer(text)]
    # LF only (the usual case): the same offsets, counted in C rather than one regex match per line.
    return list(accumulate(map((1).__add__, map(len, text.split("\n")[:-1])), initial=0))


class LineMap:
    """Where each line of a text begins, indexed once: placing every finding stays linear."""

    __slots__ = ("text", "starts")

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = line_starts(text)

    @property
    def line_count(self) -> int:
        """How many lines the text has; a final line break opens one more, empty, line."""
        return len(self.starts)

    def line_start(self, number: int) -> int:
        """The offset where line `number` (1-based) begins; past the last line, the end of the text."""
        return self.starts[number - 1] if 1 <= number <= len(self.starts) else len(self.text)

    def line_text(self, number: int) -> str:
        """Line `number` (1-based) without its line break, or "" outside the text."""
        if not 1 <= number <= len(self.starts):
            return ""
        start = self.starts[number - 1]
        found = _BREAK.search(self.text, start)
        return self.text[start : found.start() if found else len(self.text)]

    def place(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of the character at `offset` (clamped to the text)."""
        offset = min(max(offset, 0), len(self.text))
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def place_in_bytes(raw: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and column of byte `offset` in bytes that may not decode: columns count characters."""
    before = raw[:offset]
    breaks = [m.end() for m in _BREAK_BYTES.finditer(before)]
    line_start = breaks[-1] if breaks else 0
    return len(breaks) + 1, len(before[line_start:].decode("utf-8", errors="replace")) + 1
