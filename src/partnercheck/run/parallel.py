"""How a run's files get their own check: from the results cache, in this process, or in worker processes.

`lint_files` gives each file the result of `engine.lint_bytes` (the file's
own findings, before repository rules and suppressions, which `lint.check_files`
runs next for every file alike). A file whose entry is in the results cache
(cache.py) is not checked again. The others are checked here, or, when there
are many (`--jobs N`, default: the number of cores), by N worker processes,
and by worker processes too when a plugin's Python rule runs under a time
budget, since only a worker can be killed when such a rule will not stop
(supervise.py). Workers are forked from this process, so each starts with
the registry and engines already built and the file bytes already read; they
send back only findings and data, and results keep the order of the files,
so the output does not depend on N. Small runs with partnercheck's own rules
stay in this process, where starting workers would cost more than it saves.
Where `fork` is not available (Windows), files are checked in this process.
"""

from __future__ import annotations

import os
from typing import Any, Callable, Mapping, Sequence

from partnercheck.document.load import Document, load_document, text_of
from partnercheck.document.positions import PositionIndex
from partnercheck.findings import Span
from partnercheck.report.rate import Written, written_parts
from partnercheck.run.engine import Engine, FileResult

TYPE_CHECKING = False
if TYPE_CHECKING:  # the results cache is imported when a run keeps one, or sends results from workers
    from partnercheck.run.cache import Compact, ResultsCache

#: Worker processes only pay off past this much work (bytes of files to check, and at least two files).
MIN_PARALLEL_BYTES = 256 * 1024


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def lint_files(items: Sequence[tuple[str, bytes]], engines: Sequence[Engine], cache: ResultsCache | None = None, jobs: int = 1, isolate: bool = False, previous: Mapping[str, Any] | None = None) -> list[FileResult]:
    """Each file's own result (`engine.lint_bytes`), in the order given; `engines[i]` checks `items[i]`.

    Files go to killable worker processes (supervise.py) when there are many
    (`jobs`), or when `isolate` is asked and a plugin's Python rule runs under a
    budget; else they are checked here. A worker also runs the rules about
    change on its file (with its version in `previous`, or its change log) and
    sends their findings with the result (`Engine.changes_ahead`): the parent's
    `run_change_rules` adds them, and runs none of them again.
    """
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
    if todo and (workers > 1 or (isolate and any(engines[i].needs_worker() for i in todo))) and _can_fork():
        for i, checked in zip(todo, _in_workers(todo, items, engines, workers, isolate, previous or {})):
            results[i] = checked
    else:
        for i in todo:
            results[i] = engines[i].lint_bytes(*items[i])
    for i in todo:
        fresh = results[i]
        if cache is not None and fresh is not None and not engines[i].breaker.skipped_on(fresh.path):
            cache.put(keys[i], compact_of(fresh))  # type: ignore[arg-type]
    return [r for r in results if r is not None]


def _can_fork() -> bool:
    from partnercheck.run.supervise import can_fork  # with multiprocessing: imported only by a run that may fork

    return can_fork()


def _workers(jobs: int, work: Sequence[tuple[str, bytes]]) -> int:
    if jobs <= 1 or len(work) < 2 or sum(len(raw) for _, raw in work) < MIN_PARALLEL_BYTES:
        return 1
    return min(jobs, len(work))


def _in_workers(todo: list[int], items: Sequence[tuple[str, bytes]], engines: Sequence[Engine], workers: int, isolate: bool, previous: Mapping[str, Any]) -> list[FileResult]:
    """The `todo` files checked in killable workers; a worker killed or failed leaves its file INT02, INT03 or INT01."""
    from partnercheck.run.supervise import Job, NoResult, supervised

    def work(i: int) -> tuple[Compact, Any, Any]:
        result = engines[i].lint_bytes(*items[i])
        return compact_of(result), engines[i].changes_ahead(result, previous, isolate), _written_parts(result, engines[i])

    def job(i: int) -> Job:
        return Job(items[i][0], engines[i].settings.rule_timeout, engines[i].settings.file_timeout)

    breaker = engines[todo[0]].breaker
    codes = [code for engine in {id(e): e for e in engines}.values() for code in engine.registry.rules]
    codes_of: dict[int, frozenset[str]] = {}
    done, killed = supervised(todo, work, workers, breaker, job, codes)
    results = []
    for i in todo:
        path, raw = items[i]
        engine, value = engines[i], done.get(i)
        if isinstance(value, tuple):
            result = rebuild(path, raw, value[0], engine)
            result.changes = value[1]
            result.written = _written(value[2], engine, codes_of)
        elif isinstance(value, NoResult) and value.seconds is not None:
            result = engine.stopped_file(path, raw, value.seconds)
        else:
            result = engine.crashed_file(path, raw, "worker process", value.crash if isinstance(value, NoResult) and value.crash else "no result")
        for code in killed.get(i, []):
            engine.stopped_rule(result, code, engine.settings.rule_timeout or 0.0)
        results.append(result)
    return results


def _written_parts(result: FileResult, engine: Engine) -> Any:
    """In a worker: what the score reads of the charter's data, for the engine's rules (report/rate.py), as a few
    small values; the parent's score then only sums (None: not a charter)."""
    if not result.readable:
        return None
    data = result.frozen if result.frozen is not None else result.data  # what the parent gets back, and scores
    return written_parts(data, engine.rules)


def _written(parts: Any, engine: Engine, codes_of: dict[int, frozenset[str]]) -> Written | None:
    """A worker's `_written_parts` back in the parent, with the rules they were worked out for (one set per engine)."""
    if parts is None:
        return None
    if id(engine) not in codes_of:
        codes_of[id(engine)] = frozenset(rule.code for rule in engine.rules)
    absent, missing = parts
    return Written(frozenset(absent), missing, codes_of[id(engine)])


def compact_of(result: FileResult) -> Compact:
    """What to keep of a file's own result: findings, charter or not, data, debug notes."""
    from partnercheck.run.cache import Compact

    doc = result.document
    is_charter = doc is not None and doc.is_charter
    positions = {}
    if doc is not None:
        positions = {p: s for p, s in doc.index.values.items() if p.count("/") <= 2}
    data = result.frozen if result.frozen is not None else doc.data if is_charter and doc is not None else None  # frozen: a worker sends it so (readonly.py)
    return Compact(list(result.findings), is_charter, data if is_charter else None, list(result.debug), positions)


def rebuild(path: str, raw: bytes, compact: Compact, engine: Engine) -> FileResult:
    """A file's result from its compact form: the text from its bytes, positions parsed again only if asked for."""
    limits = engine.settings.limits
    index = LazyIndex(compact.positions, lambda: load_document(path, raw, limits).index)
    doc = Document(path, text=text_of(raw, limits), data=compact.data, index=index, is_charter=compact.is_charter)
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

    doc = LazyDocument(path, text_of(raw, limits), is_charter, parse, data, language)
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
        return self._language  # what the checked document stated (its text's `language:` line when its YAML was unreadable)


class LazyIndex(PositionIndex):
    """A position index that parses its file only when a position it does not hold is asked for.

    A cached or worker-checked file keeps its findings' positions and the
    spans of its shallow values (`known`), where repository rules place their
    findings; any other position (a waiver problem's, say) parses the file
    once, and then every position is exact. It keeps no key spans: a finding
    on a mapping spread over lines, placed on the key naming it (engine.py's
    `_span_of`), parses the file too.
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

    def complete(self) -> None:
        """Parse the file now if it was not: every position is then held (`values`, `keys`), as for a file read here."""
        self._load()

    def nearest(self, pointer: str) -> tuple[str, Span] | None:
        if self._source is not None and pointer in self.values:
            return pointer, self.values[pointer]
        self._load()  # an ancestor it holds is not the node's own span
        return PositionIndex.nearest(self, pointer)

    def key_span(self, pointer: str) -> Span | None:
        self._load()  # keys are never kept: the file is parsed for them
        return PositionIndex.key_span(self, pointer)
