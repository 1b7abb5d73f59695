"""Where things are in a charter, in LSP terms: positions (UTF-16), and the ids it defines and references.

partnercheck's spans are 1-based lines and columns counted in characters,
the end inclusive; LSP counts 0-based lines and UTF-16 code units, the end
exclusive. `Ids` lists each id's definition (`partners[].id`, …) and every
reference field that names it (`checks/references.py`'s own lists).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from lsprotocol import types

from partnercheck.checks.references import KINDS, REF_FIELDS, walk
from partnercheck.document.load import Document
from partnercheck.findings import Span

#: What names each kind of thing, first found wins (a partner's `name`, an objective's `statement`, …).
NAME_KEYS = ("name", "short_name", "title", "statement", "group", "label")


def path_of(uri: str) -> Path | None:
    """The file a `file:` URI names; None for another scheme (an unsaved buffer)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    return Path(unquote(parsed.path))


def utf16_column(line: str, column: int) -> int:
    """The UTF-16 offset of 0-based character `column` in `line`."""
    head = line[:column]
    return len(head) + sum(1 for ch in head if ord(ch) > 0xFFFF)


def char_column(line: str, units: int) -> int:
    """The 0-based character index of UTF-16 offset `units` in `line`."""
    count = 0
    for index, ch in enumerate(line):
        if count >= units:
            return index
        count += 2 if ord(ch) > 0xFFFF else 1
    return len(line)


def lsp_range(doc: Document | None, span: Span) -> types.Range:
    """The LSP range of a span (the end one past its last character)."""
    def at(line: int, column: int) -> types.Position:
        text = doc.line_text(line) if doc is not None else ""
        return types.Position(line=max(line - 1, 0), character=utf16_column(text, max(column, 0)))

    return types.Range(start=at(span.line, span.column - 1), end=at(span.end_line, span.end_column))


def contains(span: Span, line: int, column: int) -> bool:
    """True when 1-based `line` and `column` fall in the span (its end inclusive, one past it too: the cursor after a word)."""
    return (span.line, span.column) <= (line, column) <= (span.end_line, span.end_column + 1)


def cursor(doc: Document, position: types.Position) -> tuple[int, int]:
    """The 1-based line and column of an LSP position."""
    line = position.line + 1
    return line, char_column(doc.line_text(line), position.character) + 1


@dataclass(frozen=True)
class Definition:
    kind: str
    ident: str
    pointer: str  # of the item (`/partners/2`); its id is at `pointer + "/id"`
    name: str


@dataclass(frozen=True)
class Reference:
    kind: str
    ident: str
    pointer: str  # of the string naming the id


@dataclass
class Ids:
    definitions: list[Definition] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)

    def defined(self, kind: str) -> list[Definition]:
        return [d for d in self.definitions if d.kind == kind]

    def definition(self, kind: str, ident: str) -> Definition | None:
        return next((d for d in self.definitions if d.kind == kind and d.ident == ident), None)

    def uses(self, kind: str, ident: str) -> list[Reference]:
        return [r for r in self.references if r.kind == kind and r.ident == ident]

    def at(self, doc: Document, line: int, column: int) -> tuple[str, str] | None:
        """The (kind, id) under the cursor: an id's definition or a reference to one."""
        for d in self.definitions:
            span = doc.index.values.get(d.pointer + "/id")
            if span is not None and contains(span, line, column):
                return d.kind, d.ident
        for r in self.references:
            span = doc.index.values.get(r.pointer)
            if span is not None and contains(span, line, column):
                return r.kind, r.ident
        return None


def ids_of(data: Any) -> Ids:
    """Every id a charter defines and every reference field naming one."""
    ids = Ids()
    if not isinstance(data, dict):
        return ids
    for kind, (path, _noun) in KINDS.items():
        for pointer, item in walk(data, path + ("*",)):
            ident = item.get("id") if isinstance(item, dict) else None
            if isinstance(ident, str):
                ids.definitions.append(Definition(kind, ident, pointer, _name(item)))
    for path, kind, _all in REF_FIELDS:
        for pointer, value in walk(data, path):
            if isinstance(value, str) and not (kind == "body-or-partners" and value == "all"):
                ids.references.append(Reference("body" if kind == "body-or-partners" else kind, value, pointer))
    return ids


def reference_kind(path: tuple[str, ...]) -> str | None:
    """The kind of id a reference field at `path` (its keys, list indexes as "*") takes, None if it is not one."""
    for pattern, kind, _all in REF_FIELDS:
        if len(pattern) == len(path) and all(p in ("*", h) for p, h in zip(pattern, path)):
            return "body" if kind == "body-or-partners" else kind
    return None


def _name(item: dict[str, Any]) -> str:
    for key in NAME_KEYS:
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""
