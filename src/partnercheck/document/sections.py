"""What a rule that reads only some pointers needs of a charter, read cheaply: the values at those pointers.

The repository rules (SCA03) count every charter of a repository, and read
only a few pointers of each (their `reads`: `/charter/id`, `/partners/*/id`,
…). Under `check --base`, the charters that did not change are not checked;
their values at those pointers are read here, for a fraction of a whole
parse: the text is cut along its top-level keys (a charter is a block mapping,
each top-level key at column 0) to the sections named, and the parser's events
are followed, building only what lies on the way to a pointer read. Anything
this quick path does not read exactly as the loader would (an alias, an
anchor, a tag, a merge key, a key written twice, a second document, a syntax
error, a text that is not plainly such a mapping) is loaded whole by
`load_document` instead, and cut down to the same pointers: the data is the
same either way.
"""

from __future__ import annotations

from typing import Any, Collection, Iterable, Sequence

from partnercheck.document.builder import Limits
from partnercheck.document.incremental import top_level
from partnercheck.document.load import SUPPORTED_VERSIONS, load_document
from partnercheck.document.scalars import resolve_plain

#: Always read: the version key decides whether the file is a charter.
VERSION = ("partnercheck",)
Pattern = tuple[str, ...]


class _Whole(Exception):
    """The quick path cannot read this text exactly as the loader would: load it whole."""


def patterns(reads: Iterable[str]) -> list[Pattern]:
    """Pointer patterns (`/partners/*/id`) as tuples, with the version key."""
    return [VERSION, *(tuple(p.strip("/").split("/")) for p in reads if p.startswith("/") and p.strip("/"))]


def charter_sections(path: str, raw: bytes, reads: Collection[Pattern], limits: Limits | None = None) -> Any:
    """The charter's values at the pointer patterns `reads` (and its version), or None when it is no charter."""
    try:
        text = raw.decode("utf-8")
        cut = top_level(text) if not text.startswith("\ufeff") and len(raw) <= (limits or Limits()).max_bytes else None
        if cut is not None:
            tops = {p[0] for p in reads}
            data = _pick("".join(text[start:end] for key, start, end in cut if key in tops), reads)
            if isinstance(data, dict) and data.get("partnercheck") in SUPPORTED_VERSIONS and type(data.get("partnercheck")) in (int, float):
                return data
    except (_Whole, UnicodeDecodeError):
        pass
    except Exception:  # a syntax error: the loader says what it is
        pass
    doc = load_document(path, raw, limits)
    return prune(doc.data, reads, ()) if doc.is_charter and isinstance(doc.data, dict) else None


def prune(value: Any, reads: Collection[Pattern], at: Pattern) -> Any:
    """`value` (at path `at`) keeping only what lies on the way to the patterns `reads`."""
    if _inside(at, reads):
        return value
    if isinstance(value, dict):
        return {k: prune(v, reads, (*at, str(k))) for k, v in value.items() if _toward((*at, str(k)), reads)}
    if isinstance(value, list):
        return [prune(v, reads, (*at, "*")) for v in value] if _toward((*at, "*"), reads) else []
    return value


def _inside(at: Pattern, reads: Collection[Pattern]) -> bool:
    return any(len(at) >= len(p) and all(q in ("*", a) for q, a in zip(p, at)) for p in reads)


def _toward(at: Pattern, reads: Collection[Pattern]) -> bool:
    return any(all(q in ("*", a) for q, a in zip(p, at)) for p in reads)


def _pick(text: str, reads: Collection[Pattern]) -> Any:
    from partnercheck.document.parsing import _c_events

    events = iter(_c_events(text))
    kinds = [type(e).__name__ for e in (next(events), next(events))]
    if kinds != ["StreamStartEvent", "DocumentStartEvent"]:
        raise _Whole()
    value = _node(next(events), events, 0, [p for p in reads if p], False)
    if type(next(events)).__name__ != "DocumentEndEvent" or type(next(events)).__name__ != "StreamEndEvent":
        raise _Whole()
    return value


def _node(event: Any, events: Any, depth: int, live: list[Pattern], keep: bool) -> Any:
    """The value of the node starting with `event` at `depth`: whole when `keep`, else only toward the patterns `live`
    (those that match its path so far and go deeper)."""
    kind = type(event).__name__
    if kind == "AliasEvent" or event.anchor or getattr(event, "tag", None) is not None:
        raise _Whole()
    if kind == "ScalarEvent":
        return resolve_plain(event.value) if not event.style else event.value
    if kind == "SequenceStartEvent":
        below = [p for p in live if p[depth] == "*"]
        return [_child(item, events, depth + 1, below, keep) for item in iter(lambda: _until(events, "SequenceEndEvent"), None)]
    if kind != "MappingStartEvent":
        raise _Whole()
    found: dict[Any, Any] = {}
    for key_event in iter(lambda: _until(events, "MappingEndEvent"), None):
        if type(key_event).__name__ != "ScalarEvent":
            raise _Whole()
        key = _node(key_event, events, depth, live, True)
        if key == "<<" or key in found:
            raise _Whole()
        below = [p for p in live if p[depth] in ("*", str(key))]
        value = _child(next(events), events, depth + 1, below, keep)
        if keep or below:
            found[key] = value
    return found


def _child(event: Any, events: Any, depth: int, below: list[Pattern], keep: bool) -> Any:
    """A child node: whole when its parent is kept or a pattern ends at it, walked toward the longer ones, else skipped."""
    ends = keep or any(len(p) == depth for p in below)
    deeper = [p for p in below if len(p) > depth]
    if ends or deeper:
        return _node(event, events, depth, deeper, ends)
    _skip(event, events)
    return None


def _until(events: Any, end: str) -> Any:
    """The next event, or None at the `end` event of the collection being read."""
    event = next(events)
    return None if type(event).__name__ == end else event


def _skip(event: Any, events: Any) -> None:
    """Read past a node no pattern reads (its aliases and tags matter to no value read)."""
    depth = 1 if type(event).__name__ in ("MappingStartEvent", "SequenceStartEvent") else 0
    while depth:
        kind = type(next(events)).__name__
        if kind in ("MappingStartEvent", "SequenceStartEvent"):
            depth += 1
        elif kind in ("MappingEndEvent", "SequenceEndEvent"):
            depth -= 1


def many_sections(files: Sequence[tuple[str, bytes]], reads: Collection[Pattern], limits: Limits | None = None, jobs: int = 1) -> list[Any]:
    """`charter_sections` of each (path, bytes), in order; in `jobs` forked worker processes when there is much to read."""
    from partnercheck.run.parallel import MIN_PARALLEL_BYTES
    from partnercheck.run.supervise import can_fork

    work = [(path, raw, tuple(reads), limits) for path, raw in files]
    if jobs < 2 or len(files) < 2 or sum(len(raw) for _, raw in files) < 8 * MIN_PARALLEL_BYTES or not can_fork():
        return [_sections(w) for w in work]
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(min(jobs, len(files))) as pool:
        return pool.map(_sections, work, chunksize=max(1, len(work) // (jobs * 4)))


def _sections(work: tuple[str, bytes, tuple[Pattern, ...], Limits | None]) -> Any:
    path, raw, reads, limits = work
    return charter_sections(path, raw, reads, limits)
