"""YAML text to plain data and a position index, in one pass over parser events.

Events rather than composed nodes: one walk builds the data and the index,
aliases keep their own position, depth and alias expansion are counted as we
go, and nothing drives recursion (the builder keeps its own stack).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from partnercheck.document.positions import Marks, PositionIndex
from partnercheck.document.scalars import CORE, resolve_plain, resolve_tagged
from partnercheck.findings import Problem, Span, Text
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
        super().__init__(problem.message.id)
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
        raise Stop(Problem("DOC01", Text("DOC01.lone-surrogate-escape"), "", span, Text("DOC01.hint-escape"))) from None


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
        self.marks = Marks(text)

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
        self.out.document_starts.append(self.marks.at(event.start_mark))
        self.anchors.clear()
        self.anchor_texts.clear()

    # nodes ---------------------------------------------------------------
    def _scalar(self, event: Any) -> None:
        span = self.marks.block_span(event.start_mark, event.end_mark)
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
            raise Stop(Problem("DOC01", Text("DOC01.long-number"), "", span, Text("DOC01.hint-number"))) from None

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
            self._unsupported_tag(event.tag, self.marks.span(event.start_mark, event.start_mark))
        if len(self.stack) >= self.limits.max_depth:
            raise Stop(Problem("DOC06", Text("DOC06.depth", {"depth": self.limits.max_depth}), "", self.marks.at(event.start_mark), Text("DOC06.hint")))
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
        span = self.marks.span(frame.start, event.end_mark)
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
        span = self.marks.span(event.start_mark, event.end_mark)
        frame = self.stack[-1] if self.stack else None
        if event.anchor not in self.anchors:
            raise Stop(Problem("DOC01", Text("DOC01.unknown-alias", {"anchor": event.anchor}), "", span))
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
            raise Stop(Problem("DOC04", Text("DOC04.aliases", {"limit": f"{self.limits.max_alias_nodes:,}", "anchor": anchor}), "", span, Text("DOC04.hint")))
        if self.alias_chars > self.max_alias_chars:
            raise Stop(Problem("DOC04", Text("DOC04.alias-text", {"limit": f"{self.max_alias_chars:,}", "anchor": anchor}), "", span, Text("DOC04.hint")))
        if len(self.stack) + named.height > self.limits.max_depth:
            raise Stop(Problem("DOC06", Text("DOC06.depth", {"depth": self.limits.max_depth}), "", span, Text("DOC06.hint")))

    def _complex_key(self, value: Any, span: Span) -> None:
        """A mapping or list used as a key (`? [a, b] : c`): kept as its JSON text, so the data stays plain."""
        import json

        frame = self.stack[-1]
        frame.key = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
        frame.key_span, frame.merging = span, False

    # plumbing ------------------------------------------------------------
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
                self.out.problems.append(Problem("DOC02", Text("DOC02.duplicate-key", {"key": key}), pointer, key_span, Text("DOC02.hint")))
            return None
        frame.container[key] = value
        if self.recording and not self.key_depth and key_span is not None:
            self.out.index.keys[pointer] = key_span
        return pointer

    def _merge_source(self, frame: _Frame, value: Any, span: Span) -> None:
        sources = value if isinstance(value, list) else [value]
        for source in sources:
            if not isinstance(source, dict):
                raise Stop(Problem("DOC01", Text("DOC01.merge-key"), frame.pointer, span))
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
            self.out.problems.append(Problem("DOC05", Text("DOC05.tag", {"tag": tag}), "", span, Text("DOC05.hint")))
