"""Where the cursor is in a charter being typed, from the text alone (it may not parse): the path of keys above it,
and whether it is on a key or in a value (block or flow list)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_KEY = re.compile(r"""^(?P<key>[A-Za-z0-9_][A-Za-z0-9_.-]*|"[^"]*"|'[^']*')[ \t]*:(?:[ \t]|$)""")


@dataclass(frozen=True)
class Where:
    """`path`: the keys (and "*" for list items) of the mapping or list the cursor is in.

    `key`: on a value, the key it belongs to (already in `path`'s last place when in a list). `on_key`: the
    cursor is on or typing a key. `prefix`: what is typed of the word under the cursor.
    """

    path: tuple[str, ...]
    on_key: bool
    prefix: str = ""


def tokens(line: str) -> tuple[list[tuple[int, str]], str, int]:
    """A line's structure: its `- ` markers and key as (column, "-" or key), the text after them, and its column."""
    col = len(line) - len(line.lstrip(" "))
    rest = line[col:]
    found: list[tuple[int, str]] = []
    while rest.startswith("-") and (len(rest) == 1 or rest[1] in " \t"):
        found.append((col, "-"))
        stripped = rest[1:].lstrip(" \t")
        col += len(rest) - len(stripped)
        rest = stripped
    match = _KEY.match(rest)
    if match is not None:
        found.append((col, match["key"].strip("\"'")))
        after = rest[match.end() :]
        col += len(rest) - len(after)
        rest = after
    return found, rest, col


def _push(stack: list[tuple[int, str]], col: int, token: str) -> None:
    while stack and (stack[-1][0] > col or stack[-1][0] == col and not (token == "-" and stack[-1][1] != "-")):
        stack.pop()
    stack.append((col, token))


def where(lines: list[str], line: int, column: int) -> Where:
    """The cursor at 0-based `line` and character `column`."""
    stack: list[tuple[int, str]] = []
    for text in lines[:line]:
        content = text.split(" #", 1)[0].rstrip() if not text.lstrip().startswith("#") else ""
        if not content.strip() or content.lstrip().startswith(("---", "...")):
            continue
        for col, token in tokens(content)[0]:
            _push(stack, col, token)
    current = lines[line][:column] if line < len(lines) else ""
    found, rest, col = tokens(current)
    if not current.strip():
        found = [(len(current), "")]
    typed_key = bool(found) and found[-1][1] != "-" and not current.rstrip().endswith(":") and rest == "" and not current.endswith(" ")
    for c, token in found[:-1] if found and (typed_key or found[-1][1] == "") else found:
        _push(stack, c, token)
    if found and (typed_key or found[-1][1] == ""):
        _push(stack, found[-1][0], "")
        stack.pop()
        return Where(_path(stack), True, found[-1][1])
    if not found or (found[-1][1] == "-" and rest and ":" not in rest):
        if not found:  # a word on its own: a key being typed
            _push(stack, col, "")
            stack.pop()
            return Where(_path(stack), True, rest.strip())
        return Where(_path(stack), False, rest.strip())
    path = _path(stack)
    flow = rest.rsplit("[", 1)
    if len(flow) == 2 and "]" not in flow[1]:
        return Where((*path, "*"), False, flow[1].rsplit(",", 1)[-1].strip())
    return Where(path, False, rest.strip())


def _path(stack: list[tuple[int, str]]) -> tuple[str, ...]:
    return tuple("*" if token == "-" else token for _col, token in stack)
