"""YAML text to plain data and a position index, in one pass over parser events.

Events rather than composed nodes: one walk builds the data and the index,
aliases keep their own position, depth and alias expansion are counted as we
go, and nothing drives recursion (the builder keeps its own stack).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from .findings import Problem, Span
from .pointers import escape
from .positions import PositionIndex
from .scalars import CORE, resolve_plain, resolve_tagged

_COLLECTION_TAGS = {None, "!", CORE + "map", CORE + "seq", CORE + "omap", CORE + "set"}


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds that hostile input cannot push the loader past (documented in docs/security.md)."""

    max_bytes: int = 10 * 1024 * 1024
    max_depth: int = 1000
    max_alias_nodes: int = 100_000


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


@dataclass(slots=True)
class _Frame:
    container: Any
    pointer: str
    start: Any
    anchor: str | None
    nodes: int = 1
    key: str | None = None
    key_span: Span | None = None
    merging: bool = False
    merges: list[tuple[dict[str, Any], Span]] = field(default_factory=list)
    last_end: Span | None = None


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
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.alias_nodes = 0
        self.recording = True

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

    # nodes ---------------------------------------------------------------
    def _scalar(self, event: Any) -> None:
        span = span_of(event.start_mark, event.end_mark)
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.container, dict) and frame.key is None:
            self._key(frame, event, span)
            return
        value = self._scalar_value(event, span)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self._deliver(value, span, 1)

    def _scalar_value(self, event: Any, span: Span) -> Any:
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
        self.stack.append(_Frame(container, self._child_pointer(), event.start_mark, event.anchor))

    def _end(self, event: Any) -> None:
        frame = self.stack.pop()
        if frame.merges:
            self._apply_merges(frame)
        end = frame.last_end
        span = span_of(frame.start, event.end_mark)
        if end is not None:
            span = Span(span.line, span.column, end.end_line, end.end_column)
        if frame.anchor:
            self.anchors[frame.anchor] = (frame.container, frame.nodes)
        self._deliver(frame.container, span, frame.nodes)

    def _alias(self, event: Any) -> None:
        span = span_of(event.start_mark, event.end_mark)
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.container, dict) and frame.key is None:
            frame.key, frame.key_span, frame.merging = f"*{event.anchor}", span, False
            return
        if event.anchor not in self.anchors:
            raise Stop(Problem("DOC01", f'alias "*{event.anchor}" refers to no anchor "&{event.anchor}" defined before it', "", span))
        value, nodes = self.anchors[event.anchor]
        self.alias_nodes += nodes
        if self.alias_nodes > self.limits.max_alias_nodes:
            raise Stop(Problem("DOC04", f"aliases expand to more than {self.limits.max_alias_nodes:,} nodes (stopped at alias *{event.anchor})", "", span, "Write the repeated content out, or use fewer nested aliases."))
        self._deliver(value, span, nodes)

    # plumbing ------------------------------------------------------------
    def _child_pointer(self) -> str:
        if not self.stack:
            return ""
        frame = self.stack[-1]
        if isinstance(frame.container, dict):
            return frame.pointer + "/" + escape(frame.key or "")
        return f"{frame.pointer}/{len(frame.container)}"

    def _deliver(self, value: Any, span: Span, nodes: int) -> None:
        if not self.stack:
            self._root(value, span)
            return
        frame = self.stack[-1]
        frame.nodes += nodes
        frame.last_end = span
        pointer: str | None
        if isinstance(frame.container, list):
            pointer = f"{frame.pointer}/{len(frame.container)}"
            frame.container.append(value)
        else:
            pointer = self._map_entry(frame, value, span)
        if pointer is not None and self.recording:
            self.out.index.values[pointer] = span

    def _map_entry(self, frame: _Frame, value: Any, span: Span) -> str | None:
        key, key_span = frame.key or "", frame.key_span
        frame.key = None
        if frame.merging:
            self._merge_source(frame, value, span)
            return None
        pointer = frame.pointer + "/" + escape(key)
        if key in frame.container:
            if self.recording:
                self.out.problems.append(Problem("DOC02", f'duplicate key "{key}": it was already defined in this mapping, so this value would be silently dropped', pointer, key_span, "Remove one of the two entries or merge them."))
            return None
        frame.container[key] = value
        if self.recording and key_span is not None:
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
                    if self.recording:
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
