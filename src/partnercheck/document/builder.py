"""YAML text to plain data and a position index, in one pass over parser events.

Events rather than composed nodes: one walk builds the data and the index,
aliases keep their own position, depth and alias expansion are counted as we
go, and nothing drives recursion (the builder keeps its own stack).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from partnercheck.document.positions import PositionIndex
from partnercheck.document.scalars import CORE, resolve_plain, resolve_tagged
from partnercheck.findings import Problem, Span
from partnercheck.pointers import escape

_COLLECTION_TAGS = {None, "!", CORE + "map", CORE + "seq", CORE + "omap", CORE + "set"}
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds that hostile input cannot push the loader past (documented in docs/security.md)."""

    max_bytes: int = 10 * 1024 * 1024
    max_depth: int = 100  # far above any charter, far below what recursive code elsewhere (jsonschema's messages) survives
    max_alias_nodes: int = 100_000
    #: Text (scalars and keys, one more per node) aliases may repeat in all: this, or the file's length if larger.
    max_alias_chars: int = 1_000_000


class Stop(Exception):
    """Raised inside the builder when the document must not be read further."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


@dataclass(slots=True)
class Parsed:
    documents: list[Any] = field(default_factory=list)
    document_starts: list[Span] = field(default_factory=list)
    index: PositionIndex = field(default_factory=PositionIndex)
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Anchored:
    """What an anchor names, and what repeating it costs: nodes, levels of nesting, characters of text."""

    value: Any
    nodes: int = 1
    height: int = 0
    chars: int = 1


@dataclass(slots=True)
class _Frame:
    container: Any
    pointer: str
    start: Any
    anchor: str | None
    nodes: int = 1
    height: int = 1
    chars: int = 1
    key: str | None = None
    key_span: Span | None = None
    merging: bool = False
    merges: list[tuple[dict[str, Any], Span]] = field(default_factory=list)
    last_end: Span | None = None
    is_key: bool = False
    flow: bool = False


def _join_surrogates(text: str, span: Span) -> str:
    """`"\\ud83d\\ude00"` (a JSON-style pair) is one character; a lone `\\ud800` is no character at all."""
    try:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    except UnicodeDecodeError:
        message = "the text holds a lone surrogate escape (like \\ud800), which is not a character"
        raise Stop(Problem("DOC01", message, "", span, "Remove the \\u escape, or write the character itself.")) from None


def span_of(start: Any, end: Any) -> Span:
    if end.column == 0 and end.line > start.line:
        return Span(start.line + 1, start.column + 1, end.line, start.column + 1)
    return Span(start.line + 1, start.column + 1, end.line + 1, max(end.column, start.column + 1))


class Builder:
    """Consumes parser events; the first document's data and index come out."""

    def __init__(self, text: str, limits: Limits) -> None:
        self.text = text
        self.limits = limits
        self.out = Parsed()
        self.stack: list[_Frame] = []
        self.anchors: dict[str, _Anchored] = {}
        self.anchor_texts: dict[str, str] = {}  # scalar anchors' source text, for aliases used as keys
        self.alias_nodes = 0
        self.alias_chars = 0
        self.max_alias_chars = max(limits.max_alias_chars, len(text))
        self.recording = True
        self.key_depth = 0  # > 0 inside a collection used as a mapping key
        self._lines: list[str] | None = None

    def feed(self, events: Iterable[Any]) -> Parsed:
        handlers = {
            "ScalarEvent": self._scalar,
            "MappingStartEvent": self._start_mapping,
            "SequenceStartEvent": self._start_sequence,
            "MappingEndEvent": self._end,
            "SequenceEndEvent": self._end,
            "AliasEvent": self._alias,
            "DocumentStartEvent": self._document,
        }
        for event in events:
            handler = handlers.get(type(event).__name__)
            if handler is not None:
                handler(event)
        return self.out

    # documents -----------------------------------------------------------
    def _document(self, event: Any) -> None:
        self.recording = not self.out.document_starts
        self.out.document_starts.append(Span(event.start_mark.line + 1, event.start_mark.column + 1, event.start_mark.line + 1, event.start_mark.column + 1))
        self.anchors.clear()
        self.anchor_texts.clear()

    # nodes ---------------------------------------------------------------
    def _scalar(self, event: Any) -> None:
        span = self._span(event.start_mark, event.end_mark)
        if event.style == '"' and _SURROGATE.search(event.value):
            event.value = _join_surrogates(event.value, span)
        frame = self.stack[-1] if self.stack else None
        if event.anchor:
            self.anchor_texts[event.anchor] = event.value
        if frame is not None and isinstance(frame.container, dict) and frame.key is None:
            self._key(frame, event, span)
            frame.chars += len(event.value) + 1
            if event.anchor:
                self.anchors[event.anchor] = _Anchored(event.value, chars=len(event.value) + 1)
            return
        value = self._scalar_value(event, span)
        if event.anchor:
            self.anchors[event.anchor] = _Anchored(value, chars=len(event.value) + 1)
        self._deliver(value, span, 1, 0, len(event.value) + 1)

    def _scalar_value(self, event: Any, span: Span) -> Any:
        try:
            return self._resolved(event, span)
        except ValueError:  # an integer past Python's 4,300-digit conversion limit
            raise Stop(Problem("DOC01", "a number has more digits than partnercheck reads (4,300)", "", span, "Shorten the number, or quote it to keep it as text.")) from None

    def _resolved(self, event: Any, span: Span) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            plain = not event.style and event.implicit[0]
            return resolve_plain(event.value) if plain else event.value
        value, supported = resolve_tagged(tag, event.value)
        if not supported:
            self._unsupported_tag(tag, span)
        return value

    def _key(self, frame: _Frame, event: Any, span: Span) -> None:
        if event.tag not in (None, "!", CORE + "str") and event.tag != CORE + "merge":
            self._unsupported_tag(event.tag, span)
        frame.key, frame.key_span = event.value, span
        frame.merging = event.value == "<<" and not event.style

    def _start_mapping(self, event: Any) -> None:
        self._start(event, {})

    def _start_sequence(self, event: Any) -> None:
        self._start(event, [])

    def _start(self, event: Any, container: Any) -> None:
        if event.tag not in _COLLECTION_TAGS:
            self._unsupported_tag(event.tag, span_of(event.start_mark, event.start_mark))
        if len(self.stack) >= self.limits.max_depth:
            mark = event.start_mark
            raise Stop(Problem("DOC06", f"the document nests deeper than {self.limits.max_depth} levels", "", Span(mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 1), "Flatten the structure: a charter needs only a few levels."))
        parent = self.stack[-1] if self.stack else None
        is_key = parent is not None and isinstance(parent.container, dict) and parent.key is None
        self.key_depth += is_key
        flow = bool(getattr(event, "flow_style", False))
        self.stack.append(_Frame(container, self._child_pointer(), event.start_mark, event.anchor, is_key=is_key, flow=flow))

    def _end(self, event: Any) -> None:
        frame = self.stack.pop()
        if frame.merges:
            self._apply_merges(frame)
        end = frame.last_end
        span = span_of(frame.start, event.end_mark)
        if end is not None and not frame.flow:  # a block collection ends with its last entry
            span = Span(span.line, span.column, end.end_line, end.end_column)
        if frame.anchor:
            self.anchors[frame.anchor] = _Anchored(frame.container, frame.nodes, frame.height, frame.chars)
        if frame.is_key:
            self.key_depth -= 1
            self._complex_key(frame.container, span)
            return
        self._deliver(frame.container, span, frame.nodes, frame.height, frame.chars)

    def _alias(self, event: Any) -> None:
        span = span_of(event.start_mark, event.end_mark)
        frame = self.stack[-1] if self.stack else None
        if event.anchor not in self.anchors:
            raise Stop(Problem("DOC01", f'alias "*{event.anchor}" refers to no anchor "&{event.anchor}" defined before it', "", span))
        named = self.anchors[event.anchor]
        self._count_alias(named, event.anchor, span)
        value = named.value
        if frame is not None and isinstance(frame.container, dict) and frame.key is None:
            text = self.anchor_texts.get(event.anchor)
            if text is None:
                self._complex_key(value, span)
            else:
                frame.key, frame.key_span, frame.merging = text, span, False
            return
        self._deliver(value, span, named.nodes, named.height, named.chars)

    def _count_alias(self, named: _Anchored, anchor: str, span: Span) -> None:
        """Stop at an alias whose expansion passes a limit: nodes, characters of text, or depth where it lands."""
        self.alias_nodes += named.nodes
        self.alias_chars += named.chars
        if self.alias_nodes > self.limits.max_alias_nodes:
            raise Stop(Problem("DOC04", f"aliases expand to more than {self.limits.max_alias_nodes:,} nodes (stopped at alias *{anchor})", "", span, "Write the repeated content out, or use fewer nested aliases."))
        if self.alias_chars > self.max_alias_chars:
            raise Stop(Problem("DOC04", f"aliases expand to more than {self.max_alias_chars:,} characters of text (stopped at alias *{anchor})", "", span, "Write the repeated content out, or use fewer nested aliases."))
        if len(self.stack) + named.height > self.limits.max_depth:
            raise Stop(Problem("DOC06", f"the document nests deeper than {self.limits.max_depth} levels", "", span, "Flatten the structure: a charter needs only a few levels."))

    def _complex_key(self, value: Any, span: Span) -> None:
        """A mapping or list used as a key (`? [a, b] : c`): kept as its JSON text, so the data stays plain."""
        import json

        frame = self.stack[-1]
        frame.key = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
        frame.key_span, frame.merging = span, False

    # plumbing ------------------------------------------------------------
    def _span(self, start: Any, end: Any) -> Span:
        """A scalar's span; a block scalar (`|`, `>`) ends on its last non-blank line, not at the next key."""
        if not (end.column == 0 and end.line > start.line):
            return span_of(start, end)
        if self._lines is None:
            self._lines = [line.rstrip("\r") for line in self.text.split("\n")]
        last = min(end.line - 1, len(self._lines) - 1)
        while last > start.line and not self._lines[last].strip():
            last -= 1
        width = len(self._lines[last]) if last >= 0 else 0
        if last <= start.line:
            width = max(width, start.column + 1)
        return Span(start.line + 1, start.column + 1, max(last, start.line) + 1, max(width, 1))

    def _child_pointer(self) -> str:
        if not self.stack:
            return ""
        frame = self.stack[-1]
        if isinstance(frame.container, dict):
            return frame.pointer + "/" + escape(frame.key or "")
        return f"{frame.pointer}/{len(frame.container)}"

    def _deliver(self, value: Any, span: Span, nodes: int, height: int = 0, chars: int = 1) -> None:
        if not self.stack:
            self._root(value, span)
            return
        frame = self.stack[-1]
        frame.nodes += nodes
        frame.height = max(frame.height, height + 1)
        frame.chars += chars
        frame.last_end = span
        pointer: str | None
        if isinstance(frame.container, list):
            pointer = f"{frame.pointer}/{len(frame.container)}"
            frame.container.append(value)
        else:
            pointer = self._map_entry(frame, value, span)
        if pointer is not None and self.recording and not self.key_depth:
            self.out.index.values[pointer] = span

    def _map_entry(self, frame: _Frame, value: Any, span: Span) -> str | None:
        key, key_span = frame.key or "", frame.key_span
        frame.key = None
        if frame.merging:
            self._merge_source(frame, value, span)
            return None
        pointer = frame.pointer + "/" + escape(key)
        if key in frame.container:
            if self.recording and not self.key_depth:
                self.out.problems.append(Problem("DOC02", f'duplicate key "{key}": it was already defined in this mapping, so this value would be silently dropped', pointer, key_span, "Remove one of the two entries or merge them."))
            return None
        frame.container[key] = value
        if self.recording and not self.key_depth and key_span is not None:
            self.out.index.keys[pointer] = key_span
        return pointer

    def _merge_source(self, frame: _Frame, value: Any, span: Span) -> None:
        sources = value if isinstance(value, list) else [value]
        for source in sources:
            if not isinstance(source, dict):
                raise Stop(Problem("DOC01", "a merge key (<<) must be followed by a mapping or a list of mappings", frame.pointer, span))
            frame.merges.append((source, span))

    def _apply_merges(self, frame: _Frame) -> None:
        for source, span in frame.merges:
            for key, value in source.items():
                if key not in frame.container:
                    frame.container[key] = value
                    if self.recording and not self.key_depth:
                        pointer = frame.pointer + "/" + escape(key)
                        self.out.index.values[pointer] = span
                        self.out.index.keys[pointer] = span

    def _root(self, value: Any, span: Span) -> None:
        self.out.documents.append(value)
        if self.recording:
            self.out.index.values[""] = span

    def _unsupported_tag(self, tag: str, span: Span) -> None:
        if self.recording:
            self.out.problems.append(Problem("DOC05", f'the tag "{tag}" is not supported: partnercheck never constructs tagged objects', "", span, "Remove the tag; write the value as plain YAML."))
