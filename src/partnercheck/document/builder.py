"""YAML text to plain data and a position index, in one pass over parser events.

Events rather than composed nodes: one walk builds the data and the index,
aliases keep their own position, depth and alias expansion are counted as we
go, and nothing drives recursion (the builder keeps its own stack).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

from partnercheck.document.positions import Marks, PositionIndex
from partnercheck.document.scalars import CORE, resolve_plain, resolve_tagged
from partnercheck.findings import Problem, Span, Text
from partnercheck.pointers import escape
from partnercheck.records import Record

_COLLECTION_TAGS = {None, "!", CORE + "map", CORE + "seq", CORE + "omap", CORE + "set"}
_KEY_TAGS = {None, "!", CORE + "str", CORE + "merge"}
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds that hostile input cannot push the loader past (documented in docs/security.md)."""

    max_bytes: int = 10 * 1024 * 1024
    max_depth: int = 100  # far above any charter, far below what recursive code elsewhere (jsonschema's messages) survives
    max_alias_nodes: int = 100_000
    #: Text (scalars and keys, one more per node) aliases may repeat in all: this, or the file's length if larger.
    max_alias_chars: int = 1_000_000


_UNSEEN = object()  # an event class `feed` has not met yet
_END = object()  # the handler of the stream's end: stop reading


def _escaped(key: str) -> str:
    """`key` as a JSON Pointer token; most keys hold neither `~` nor `/` and are their own token."""
    return escape(key) if "~" in key or "/" in key else key


class Stop(Exception):
    """Raised inside the builder when the document must not be read further."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message.id)
        self.problem = problem


class Parsed(Record):
    __slots__ = ("documents", "document_starts", "index", "problems")

    documents: list[Any]
    document_starts: list[Span]
    index: PositionIndex
    problems: list[Problem]

    def __init__(self, documents: list[Any] | None = None, document_starts: list[Span] | None = None, index: PositionIndex | None = None, problems: list[Problem] | None = None) -> None:
        self.documents = [] if documents is None else documents
        self.document_starts = [] if document_starts is None else document_starts
        self.index = PositionIndex() if index is None else index
        self.problems = [] if problems is None else problems


class _Anchored(Record):
    """What an anchor names, and what repeating it costs: nodes, levels of nesting, characters of text."""

    __slots__ = ("value", "nodes", "height", "chars")

    value: Any
    nodes: int
    height: int
    chars: int

    def __init__(self, value: Any, nodes: int = 1, height: int = 0, chars: int = 1) -> None:
        self.value = value
        self.nodes = nodes
        self.height = height
        self.chars = chars


class _Frame(Record):
    __slots__ = ("container", "pointer", "start", "anchor", "nodes", "height", "chars", "key", "key_span", "merging", "merges", "last_end", "is_key", "flow", "is_map")

    container: Any
    pointer: str
    start: Any
    anchor: str | None
    nodes: int
    height: int
    chars: int
    key: str | None
    key_span: Span | None
    merging: bool
    merges: list[tuple[dict[str, Any], Span]] | None
    last_end: Span | None
    is_key: bool
    flow: bool
    is_map: bool

    def __init__(self, container: Any, pointer: str, start: Any, anchor: str | None, nodes: int = 1, height: int = 1, chars: int = 1, key: str | None = None, key_span: Span | None = None, merging: bool = False, merges: list[tuple[dict[str, Any], Span]] | None = None, last_end: Span | None = None, is_key: bool = False, flow: bool = False, is_map: bool = False) -> None:
        self.container = container
        self.pointer = pointer
        self.start = start
        self.anchor = anchor
        self.nodes = nodes
        self.height = height
        self.chars = chars
        self.key = key
        self.key_span = key_span
        self.merging = merging
        self.merges = merges
        self.last_end = last_end
        self.is_key = is_key
        self.flow = flow
        self.is_map = is_map


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
        #: Collections open that an anchor names: only inside one are nodes, levels and text counted (for its aliases).
        self.counting = 0
        self.max_alias_chars = max(limits.max_alias_chars, len(text))
        self.recording = True
        self.key_depth = 0  # > 0 inside a collection used as a mapping key
        self.indexing = True  # recording and not inside a key: what is delivered goes into the index
        self.marks = Marks(text)
        self.block_span = self.marks.block_span
        self.values = self.out.index.values
        self.keys = self.out.index.keys

    def feed(self, events: Iterable[Any]) -> Parsed:
        """Build from `events`, up to the stream's end (what follows it, if anything, is not read)."""
        handlers = {
            "ScalarEvent": self._scalar,
            "MappingStartEvent": self._start_mapping,
            "SequenceStartEvent": self._start_sequence,
            "MappingEndEvent": self._end,
            "SequenceEndEvent": self._end,
            "AliasEvent": self._alias,
            "DocumentStartEvent": self._document,
        }
        by_type: dict[type, Any] = {}  # handlers by the events' own classes: one lookup per event, no name built
        for event in events:
            kind = type(event)
            handler = by_type.get(kind, _UNSEEN)
            if handler is _UNSEEN:
                handler = by_type[kind] = handlers.get(kind.__name__, _END if kind.__name__ == "StreamEndEvent" else None)
            if handler is not None:
                if handler is _END:
                    break
                handler(event)
        return self.out

    # documents -----------------------------------------------------------
    def _document(self, event: Any) -> None:
        self.recording = not self.out.document_starts
        self.indexing = self.recording and not self.key_depth
        self.out.document_starts.append(self.marks.at(event.start_mark))
        self.anchors.clear()
        self.anchor_texts.clear()

    # nodes ---------------------------------------------------------------
    def _scalar(self, event: Any) -> None:
        span = self.block_span(event.start_mark, event.end_mark)
        text, style, tag, anchor = event.value, event.style, event.ctag, event.anchor
        if tag is not None:  # `event.tag` is this, through a property: most scalars have no tag
            tag = str(tag)
        if style == '"' and _SURROGATE.search(text):
            text = event.value = _join_surrogates(text, span)
        stack = self.stack
        frame = stack[-1] if stack else None
        size = len(text) + 1
        if anchor:
            self.anchor_texts[anchor] = text
        if frame is not None and frame.is_map and frame.key is None:  # a mapping's key
            if tag not in _KEY_TAGS:
                self._unsupported_tag(tag, span)
            frame.key, frame.key_span, frame.merging = text, span, text == "<<" and not style
            if self.counting:
                frame.chars += size
            if anchor:
                self.anchors[anchor] = _Anchored(text, chars=size)
            return
        if tag is not None:
            value = self._scalar_value(event, span)
        elif style or not event.implicit[0]:  # quoted, or a block scalar: its text
            value = text
        else:  # the usual plain scalar, untagged
            try:
                value = resolve_plain(text)
            except ValueError:
                value = self._scalar_value(event, span)
        if anchor:
            self.anchors[anchor] = _Anchored(value, chars=size)
        self._deliver(value, span, 1, 0, size)

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
        is_key = parent is not None and parent.is_map and parent.key is None
        if is_key:
            self.key_depth += 1
            self.indexing = False
        if event.anchor:
            self.counting += 1
        flow = bool(getattr(event, "flow_style", False))
        is_map = type(container) is dict
        self.stack.append(_Frame(container, self._child_pointer(), event.start_mark, event.anchor, is_key=is_key, flow=flow, is_map=is_map))

    def _end(self, event: Any) -> None:
        frame = self.stack.pop()
        if frame.merges:
            self._apply_merges(frame)
        end = frame.last_end
        if end is not None and not frame.flow:  # a block collection ends with its last entry
            span = self.marks.through(frame.start, end)
        else:
            span = self.marks.span(frame.start, event.end_mark)
        if frame.anchor:
            self.anchors[frame.anchor] = _Anchored(frame.container, frame.nodes, frame.height, frame.chars)
            self.counting -= 1
        if frame.is_key:
            self.key_depth -= 1
            self.indexing = self.recording and not self.key_depth
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
        if frame is not None and frame.is_map and frame.key is None:
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
        if frame.is_map:
            return frame.pointer + "/" + _escaped(frame.key or "")
        return f"{frame.pointer}/{len(frame.container)}"

    def _deliver(self, value: Any, span: Span, nodes: int, height: int = 0, chars: int = 1) -> None:
        stack = self.stack
        if not stack:
            self._root(value, span)
            return
        frame = stack[-1]
        if self.counting:  # what an anchor names is measured for its aliases (`_count_alias`); the rest needs no count
            frame.nodes += nodes
            if height >= frame.height:
                frame.height = height + 1
            frame.chars += chars
        frame.last_end = span
        container = frame.container
        if not frame.is_map:
            if self.indexing:
                self.values[f"{frame.pointer}/{len(container)}"] = span
            container.append(value)
            return
        key, key_span = frame.key or "", frame.key_span
        frame.key = None
        if frame.merging:
            self._merge_source(frame, value, span)
            return
        pointer = frame.pointer + "/" + (escape(key) if "~" in key or "/" in key else key)
        if key in container:
            if self.indexing:
                self.out.problems.append(Problem("DOC02", Text("DOC02.duplicate-key", {"key": key}), pointer, key_span, Text("DOC02.hint")))
            return
        container[key] = value
        if self.indexing:
            self.values[pointer] = span
            if key_span is not None:
                self.keys[pointer] = key_span

    def _merge_source(self, frame: _Frame, value: Any, span: Span) -> None:
        sources = value if isinstance(value, list) else [value]
        for source in sources:
            if not isinstance(source, dict):
                raise Stop(Problem("DOC01", Text("DOC01.merge-key"), frame.pointer, span))
            if frame.merges is None:
                frame.merges = []
            frame.merges.append((source, span))

    def _apply_merges(self, frame: _Frame) -> None:
        for source, span in frame.merges or ():
            for key, value in source.items():
                if key not in frame.container:
                    frame.container[key] = value
                    if self.indexing:
                        pointer = frame.pointer + "/" + _escaped(key)
                        self.out.index.values[pointer] = span
                        self.out.index.keys[pointer] = span

    def _root(self, value: Any, span: Span) -> None:
        self.out.documents.append(value)
        if self.recording:
            self.out.index.values[""] = span

    def _unsupported_tag(self, tag: str, span: Span) -> None:
        if self.recording:
            self.out.problems.append(Problem("DOC05", Text("DOC05.tag", {"tag": tag}), "", span, Text("DOC05.hint")))
