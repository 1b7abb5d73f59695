"""Re-read a charter after an edit by parsing again only the parts whose text changed (the language server's reader).

The text is split into its top-level sections (a key at column 0 and the
lines under it) and, for a section holding a block sequence, into that
sequence's items. Each part is parsed alone with the ordinary parser
(`parsing.parse`) and kept by its text; an edit then parses one part again,
and the document is put back together: the parts' data side by side, their
spans moved down by the lines before them, their pointers under their
section (and item number).

A part parsed alone gives the same data and spans as in the whole text only
when nothing crosses its edges, so the split is made only on plain text: no
byte order mark, tabs, carriage returns, NEL/LS/PS, anchors or aliases,
directives or document markers, no top-level line other than a plain
`key:` or a comment, and no part that the parser reports anything about.
Anything else (and any document the split cannot vouch for) is read whole by
`load_document`, so the result is always exactly `load_document`'s
(tests/test_incremental.py compares both over random edits).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from partnercheck.document.builder import Limits
from partnercheck.document.decoding import decode
from partnercheck.document.lines import NOT_BREAKS
from partnercheck.document.load import SUPPORTED_VERSIONS, Document, load_document
from partnercheck.document.parsing import parse
from partnercheck.document.positions import PositionIndex
from partnercheck.findings import Span
from partnercheck.pointers import escape

#: A top-level key this reader splits on: plain, at column 0, then `:` and a space or the line's end.
_KEY = re.compile(r"([A-Za-z0-9_][A-Za-z0-9_.-]*):(?: .*)?")
#: A line at column 0 (a top-level key, or a comment).
_TOP_LEVEL = re.compile(r"\n([^ \n].*)")
#: The first character of a line's content, comments left out (its spaces before it included).
_CONTENT = re.compile(r"\n *[^ #\n]")
#: An anchor or an alias could tie two parts together; any text that might hold one is read whole.
_ANCHOR_OR_ALIAS = re.compile(r"(?:^|[\s\[{,])[&*]\S")
#: Characters that make a split unsafe anywhere in the text (see the module's docstring).
_UNSAFE = ("\t", "\r", "\ufeff", *NOT_BREAKS)
#: A section this long (lines) holding a block sequence is split into its items.
ITEMS_FROM = 40


@dataclass(frozen=True, slots=True)
class _Parsed:
    """One part parsed alone, placed at line `first` of the text: its data, its root's span and the spans under it.

    For an item of a split sequence, `data` is the item and the pointers are the
    item's, under `base` (`/partners/3` for the item, `/partners/3/id` for its
    id); for a section, `data` is its one-key mapping and `base` is "".
    """

    first: int
    base: str
    data: Any
    root: Span
    values: dict[str, Span]
    keys: dict[str, Span]

    def placed(self, first: int, base: str) -> _Parsed:
        """The same part placed at line `first`, its pointers under `base`."""
        lines, cut = first - self.first, len(self.base)
        values = {base + pointer[cut:]: _moved(span, lines) for pointer, span in self.values.items()}
        keys = {base + pointer[cut:]: _moved(span, lines) for pointer, span in self.keys.items()}
        return _Parsed(first, base, self.data, _moved(self.root, lines), values, keys)


@dataclass(slots=True)
class _Part:
    """A run of lines parsed alone: `first` is the 0-based line it starts on; `item` its number in a split sequence."""

    text: str
    first: int
    key: str
    item: int | None = None  # None: the whole section `key: …`; -1: the section's header line; n >= 0: item n
    base: str = ""  # the item's pointer (`/partners/3`); "" for a section or a header

    @property
    def is_item(self) -> bool:
        return self.item is not None and self.item >= 0


@dataclass(slots=True)
class Sections:
    """What a document read by parts is made of: each top-level key's text (the schema's cache keys)."""

    texts: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class _Read:
    """A file's latest version read by parts: its parts' parses (by text), the document, and what it was made of."""

    kept: dict[tuple[str, str, bool], _Parsed]
    parsed: list[_Parsed]
    doc: Document
    sections: Sections
    derived: list[str]  # pointers no part holds (the root, each split sequence): set again at each version


class IncrementalReader:
    """Reads charters as `load_document` does, keeping each part's parse for the next version of the same file.

    Only the parts of each file's latest version read by parts are kept, by
    their text: the memory stays that of one parsed copy per open file,
    whatever the number of edits. The next version's position index is the last one patched: the
    pointers of the parts gone out, those of the new parts in.
    """

    def __init__(self, seal: Callable[[Any], Any] | None = None) -> None:
        self._last: dict[str, _Read] = {}
        #: Applied to each part's data once parsed (the server makes it read-only: rules/readonly.py), since versions share it.
        self.seal = seal or (lambda value: value)

    def forget(self, path: str) -> None:
        """Drop what is kept for `path` (the file was closed)."""
        self._last.pop(path, None)

    def sections_of(self, doc: Document) -> Sections | None:
        """The sections `doc` was read by, when it was read by parts (and is its file's latest version)."""
        last = self._last.get(doc.path)
        return last.sections if last is not None and last.doc is doc else None

    def load(self, path: str, raw: bytes, limits: Limits | None = None) -> Document:
        """The document of `raw`, exactly as `load_document(path, raw, limits)` gives it."""
        limits = limits or Limits()
        try:
            doc = self._by_parts(path, raw, limits)
        except Exception:  # a bug of this reader's must never cost a result: the whole reading stands in
            self.forget(path)
            doc = None
        # A version read whole (a typo that breaks the YAML, most often) keeps the last parts: the fixed next
        # version parses again only what changed since them, not every part.
        return load_document(path, raw, limits) if doc is None else doc

    def _by_parts(self, path: str, raw: bytes, limits: Limits) -> Document | None:
        if len(raw) > limits.max_bytes or raw.startswith(b"\xef\xbb\xbf"):
            return None
        text, problem = decode(raw)
        if problem is not None or text is None or any(c in text for c in _UNSAFE) or (_may_anchor(text) and _ANCHOR_OR_ALIAS.search(text)):
            return None
        parts = split(text)
        if parts is None:
            return None
        last = self._last.get(path)
        old = last.kept if last is not None else {}
        kept: dict[tuple[str, str, bool], _Parsed] = {}
        read: list[_Parsed] = []
        for part in parts:
            cache_key = (part.text, part.key, part.is_item)
            parsed = None if cache_key in kept else old.get(cache_key)  # a text met twice in one file is parsed twice: no data shared
            if parsed is None:
                parsed = _parse_part(part, limits, self.seal)
            elif parsed.first != part.first or parsed.base != part.base:
                parsed = parsed.placed(part.first, part.base)
            if parsed is None:
                return None
            kept.setdefault(cache_key, parsed)
            read.append(parsed)
        data = _data(parts, read)
        version = data.get("partnercheck")
        if isinstance(version, bool) or version not in SUPPORTED_VERSIONS:
            return None  # no charter: read whole, for its DOC03
        index, derived = _index(parts, read, last)
        doc = Document(path, text=text, data=data, index=index, is_charter=True)
        self._last[path] = _Read(kept, read, doc, _sections(parts), derived)
        return doc


def top_level(text: str) -> list[tuple[str, int, int]] | None:
    """(key, start, end) of each top-level key's block of `text`, in order; None when the text is not plainly a
    block mapping of distinct simple keys (a top-level line that is no plain key, content before the first key,
    a key twice): such a text is to be read whole."""
    lined = "\n" + text  # every line now follows a line break: searching "\n…" is fast where "^…" is not
    starts: list[tuple[int, str]] = []  # (offset in `text`, key) of each top-level key's line
    for found in _TOP_LEVEL.finditer(lined):
        line = found.group(1)
        if line[0] == "#":
            continue
        key = _KEY.fullmatch(line)
        if key is None or (not starts and _CONTENT.search(lined, 0, found.start() + 1)):
            return None
        starts.append((found.start(), key.group(1)))
    if not starts or len({key for _, key in starts}) != len(starts):
        return None
    return [(key, offset, end) for (offset, key), end in zip(starts, [o for o, _ in starts[1:]] + [len(text)])]


def split(text: str) -> list[_Part] | None:
    """The parts of `text`, or None when it cannot be split safely."""
    blocks = top_level(text)
    if blocks is None:
        return None
    parts: list[_Part] = []
    line = text.count("\n", 0, blocks[0][1])
    for name, offset, end in blocks:
        section = text[offset:end]
        lines = section.count("\n")
        pieces = _items(section) if lines >= ITEMS_FROM else None
        if pieces is None:
            parts.append(_Part(section, line, name))
        else:
            parts.extend(_item_parts(pieces, line, name))
        line += lines
    return parts


def _item_parts(pieces: list[str], line: int, key: str) -> list[_Part]:
    """A split section's parts: its header (the key's line and any comment after it), then each item."""
    parts = [_Part(pieces[0], line, key, -1)]
    line += pieces[0].count("\n")
    section = "/" + escape(key) + "/"
    for number, piece in enumerate(pieces[1:]):
        parts.append(_Part(piece, line, key, number, f"{section}{number}"))
        line += piece.count("\n")
    return parts


def _items(section: str) -> list[str] | None:
    """A section holding a block sequence cut before each of its items (the first piece is the header), or None."""
    head, _, body = section.partition("\n")
    if head.split("#", 1)[0].rstrip() != head.split(":", 1)[0] + ":":
        return None  # `key: value` on the line: no block sequence below it
    body = "\n" + body
    first = _CONTENT.search(body)
    if first is None or not re.match(r"\n *-(?: |\n|$)", body[first.start() :]):
        return None
    indent = len(first.group(0)) - 2
    if indent < 1 or re.search(rf"\n {{0,{indent - 1}}}[^ #\n]|\n {{{indent}}}(?!-(?: |\n|$))[^ #\n]", body):
        return None  # a line less indented than the items, or one at their level that is no item
    cuts = [0] + [found.start() + 1 for found in re.finditer(rf"\n {{{indent}}}-(?=[ \n]|$)", body)] + [len(body)]
    pieces = [body[start:end] for start, end in zip(cuts, cuts[1:])]
    pieces[0] = head + pieces[0]
    return pieces


def _parse_part(part: _Part, limits: Limits, seal: Callable[[Any], Any]) -> _Parsed | None:
    """The part parsed alone; None when the parser reports anything (the whole text will say what)."""
    item = part.is_item
    inner = Limits(limits.max_bytes, limits.max_depth - item, limits.max_alias_nodes, limits.max_alias_chars)  # an item sits one level down
    parsed = parse(part.text, inner)
    if parsed.problems or len(parsed.documents) != 1 or len(parsed.document_starts) != 1:
        return None
    root, spans = parsed.documents[0], parsed.index
    if item:
        if not isinstance(root, list) or len(root) != 1 or root[0] is None:
            return None
        base = part.base
        values = {base + pointer[2:]: _moved(span, part.first) for pointer, span in spans.values.items() if pointer}  # "/0/id" -> "/partners/3/id"
        keys = {base + pointer[2:]: _moved(span, part.first) for pointer, span in spans.keys.items()}
        return _Parsed(part.first, base, seal(root[0]), _moved(spans.values[""], part.first), values, keys)
    if not isinstance(root, dict) or list(root) != [part.key] or (part.item is None and root[part.key] is None):
        return None  # an empty value's span may lean on the next part
    values = {pointer: _moved(span, part.first) for pointer, span in spans.values.items() if pointer} if part.item is None else {}  # a header's value is its items
    keys = {pointer: _moved(span, part.first) for pointer, span in spans.keys.items()}
    return _Parsed(part.first, "", {part.key: seal(root[part.key])}, _moved(spans.values[""], part.first), values, keys)


def _may_anchor(text: str) -> bool:
    return "&" in text or "*" in text


def _moved(span: Span, lines: int) -> Span:
    return Span(span.line + lines, span.column, span.end_line + lines, span.end_column) if lines else span


def _data(parts: list[_Part], read: list[_Parsed]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for part, parsed in zip(parts, read):
        if part.item is None:
            data[part.key] = parsed.data[part.key]
        elif part.item < 0:
            data[part.key] = []
        else:
            data[part.key].append(parsed.data)
    return data


def _index(parts: list[_Part], read: list[_Parsed], last: _Read | None) -> tuple[PositionIndex, list[str]]:
    """The position index: the last version's with the changed parts' pointers replaced, then the derived spans."""
    if last is None:
        index = PositionIndex()
        came: list[_Parsed] = read
    else:
        index = PositionIndex(dict(last.doc.index.values), dict(last.doc.index.keys))
        now = {id(parsed) for parsed in read}
        before = {id(parsed) for parsed in last.parsed}
        for parsed in last.parsed:
            if id(parsed) not in now:
                for pointer in parsed.values:
                    del index.values[pointer]
                for pointer in parsed.keys:
                    del index.keys[pointer]
        for pointer in last.derived:
            index.values.pop(pointer, None)
        came = [parsed for parsed in read if id(parsed) not in before]
    for parsed in came:
        index.values.update(parsed.values)
        index.keys.update(parsed.keys)
    return index, _derived(parts, read, index.values)


def _derived(parts: list[_Part], read: list[_Parsed], values: dict[str, Span]) -> list[str]:
    """Set the spans no part holds: each split sequence (its first dash to its last item's end), and the root
    mapping (its first key to its last value's end). Returns their pointers."""
    derived = [""]
    for part, parsed in zip(parts, read):
        if not part.is_item:
            continue
        section = "/" + escape(part.key)
        if part.item == 0:
            derived.append(section)
            start = parsed.root
        else:
            start = values[section]
        end = parsed.values[parsed.base]
        values[section] = Span(start.line, start.column, end.end_line, end.end_column)
    start, end = read[0].root, values["/" + escape(parts[-1].key)]
    values[""] = Span(start.line, start.column, end.end_line, end.end_column)
    return derived


def _sections(parts: list[_Part]) -> Sections:
    texts: dict[str, list[str]] = {}
    for part in parts:
        texts.setdefault(part.key, []).append(part.text)
    return Sections({key: "".join(chunks) for key, chunks in texts.items()})
