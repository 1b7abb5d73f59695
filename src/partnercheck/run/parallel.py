"""How a run's files get their own check: from the results cache, in this process, or in worker processes.

`lint_files` gives each file the result of `engine.lint_bytes` (the file's
own findings, before repository rules and suppressions, which `lint.check_files`
runs next for every file alike). A file whose entry is in the results cache
(cache.py) is not checked again. The others are checked here, or, when there
are many (`--jobs N`, default: the number of cores), by N worker processes.
Workers are forked from this process, so each starts with the registry and
engines already built and the file bytes already read; they send back only
findings and data, and results keep the order of the files, so the output
does not depend on N. Small runs stay in this process, where starting
workers would cost more than it saves. Where `fork` is not available
(Windows), files are checked in this process.
"""

from __future__ import annotations

import os
from typing import Any, Callable, Sequence

from partnercheck.document.load import Document, load_document
from partnercheck.document.positions import PositionIndex
from partnercheck.findings import Span
from partnercheck.run.cache import Compact, ResultsCache
from partnercheck.run.engine import Engine, FileResult

#: Worker processes only pay off past this much work (bytes of files to check, and at least two files).
MIN_PARALLEL_BYTES = 256 * 1024

_WORK: Callable[[int], Compact] | None = None  # what a forked worker runs, set just before forking


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def lint_files(items: Sequence[tuple[str, bytes]], engines: Sequence[Engine], cache: ResultsCache | None = None, jobs: int = 1) -> list[FileResult]:
    """Each file's own result (`engine.lint_bytes`), in the order given; `engines[i]` checks `items[i]`."""
    results: list[FileResult | None] = [None] * len(items)
    keys: list[str | None] = [None] * len(items)
    todo: list[int] = []
    for i, (path, raw) in enumerate(items):
        if cache is not None:
            keys[i] = cache.key(path, raw, engines[i].settings)
            found = cache.get(keys[i])  # type: ignore[arg-type]
            if found is not None:
                results[i] = rebuild(path, raw, found, engines[i])
                continue
        todo.append(i)
    workers = _workers(jobs, [items[i] for i in todo])
    if workers > 1:
        compacts = _in_workers(todo, items, engines, workers)
        for i, compact in zip(todo, compacts):
            results[i] = rebuild(items[i][0], items[i][1], compact, engines[i])
            if cache is not None:
                cache.put(keys[i], compact)  # type: ignore[arg-type]
    else:
        for i in todo:
            result = engines[i].lint_bytes(*items[i])
            results[i] = result
            if cache is not None:
                cache.put(keys[i], compact_of(result))  # type: ignore[arg-type]
    return [r for r in results if r is not None]


def _workers(jobs: int, work: Sequence[tuple[str, bytes]]) -> int:
    if jobs <= 1 or len(work) < 2 or sum(len(raw) for _, raw in work) < MIN_PARALLEL_BYTES or not _can_fork():
        return 1
    return min(jobs, len(work))


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _in_workers(todo: list[int], items: Sequence[tuple[str, bytes]], engines: Sequence[Engine], jobs: int) -> list[Compact]:
    import multiprocessing

    global _WORK

    def work(i: int) -> Compact:
        return compact_of(engines[i].lint_bytes(*items[i]))

    _WORK = work
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            return pool.map(_run, todo, chunksize=max(1, len(todo) // (jobs * 8)))
    finally:
        _WORK = None


def _run(i: int) -> Compact:
    """In a worker: check file `i` with what the parent set up before it forked."""
    if _WORK is None:
        raise RuntimeError("a worker process started without its work")
    return _WORK(i)


def compact_of(result: FileResult) -> Compact:
    """What to keep of a file's own result: findings, charter or not, data, debug notes."""
    doc = result.document
    is_charter = doc is not None and doc.is_charter
    positions = {}
    if doc is not None:
        positions = {p: s for p, s in doc.index.values.items() if p.count("/") <= 2}
    return Compact(list(result.findings), is_charter, doc.data if is_charter and doc is not None else None, list(result.debug), positions)


def rebuild(path: str, raw: bytes, compact: Compact, engine: Engine) -> FileResult:
    """A file's result from its compact form: the text from its bytes, positions parsed again only if asked for."""
    limits = engine.settings.limits
    index = LazyIndex(compact.positions, lambda: load_document(path, raw, limits).index)
    doc = Document(path, text=_text(raw, limits), data=compact.data, index=index, is_charter=compact.is_charter)
    return FileResult(path, findings=list(compact.findings), document=doc, debug=list(compact.debug))


def cached_result(path: str, raw: bytes, is_charter: bool, findings: list[Any], engine: Engine, stored: Callable[[], Any] | None = None, language: Any = None) -> FileResult:
    """A file's final result from a whole-run cache entry: its data read from its own entry (`stored`) or else
    parsed again, and its positions parsed, only when something asks; `language` is its `charter.language`."""
    limits = engine.settings.limits
    parsed: list[Document] = []

    def parse() -> Document:
        if not parsed:
            parsed.append(load_document(path, raw, limits))
        return parsed[0]

    def data() -> Any:
        found = stored() if stored is not None else None
        return found if found is not None else parse().data

    doc = LazyDocument(path, _text(raw, limits), is_charter, parse, data, language)
    return FileResult(path, findings=list(findings), document=doc)


class LazyDocument(Document):
    """A `Document` whose data and positions come from parsing its bytes again (or from a cache entry), on first use only."""

    __slots__ = ("_parse", "_source", "_data", "_language")

    def __init__(self, path: str, text: str, is_charter: bool, parse: Callable[[], Document], data: Callable[[], Any], language: Any = None) -> None:
        Document.__init__(self, path, text=text, is_charter=is_charter)
        self._parse = parse
        self._source = data
        self._data: list[Any] = []
        self._language = language
        self.index = LazyIndex({}, lambda: parse().index)

    @property  # type: ignore[override]
    def data(self) -> Any:
        if not self.is_charter:
            return None
        if not self._data:
            self._data.append(self._source())
        return self._data[0]

    @data.setter
    def data(self, value: Any) -> None:  # Document.__init__ sets it; the loaded value is what counts
        return

    def stated_language(self) -> Any:
        return self._language if self.is_charter else None


def _text(raw: bytes, limits: Any) -> str:
    """The text `load_document` would keep: none for a file over the size limit or not in UTF-8."""
    from partnercheck.document.decoding import decode

    if len(raw) > limits.max_bytes:
        return ""
    text, problem = decode(raw)
    return text if problem is None and text is not None else ""


class LazyIndex(PositionIndex):
    """A position index that parses its file only when a position it does not hold is asked for.

    A cached or worker-checked file keeps its findings' positions and the
    spans of its shallow values (`known`), where repository rules place their
    findings; any other position (a waiver problem's, say) parses the file
    once, and then every position is exact.
    """

    __slots__ = ("_source",)

    def __init__(self, known: dict[str, Span], source: Callable[[], PositionIndex]) -> None:
        super().__init__()
        self.values = known
        self._source: Callable[[], PositionIndex] | None = source

    def _load(self) -> None:
        if self._source is not None:
            loaded, self._source = self._source(), None
            self.values, self.keys = loaded.values, loaded.keys

    def locate(self, pointer: str) -> Span:
        if self._source is not None and pointer in self.values:
            return self.values[pointer]
        self._load()
        return PositionIndex.locate(self, pointer)

    def locate_key(self, pointer: str) -> Span:
        self._load()
        return PositionIndex.locate_key(self, pointer)
