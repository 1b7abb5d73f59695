"""Lint paths end to end: discover, read, check, and return one `RunResult`. Never prints."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Protocol, Sequence

from partnercheck.config.settings import Settings
from partnercheck.plugins.registry import Registry
from partnercheck.records import Record
from partnercheck.run.discovery import Read, Target, discover, looks_like_charter, read
from partnercheck.run.engine import Engine, FileResult, RunResult
from partnercheck.run.grouping import Labels, item_labels

if TYPE_CHECKING:
    from partnercheck.run.cache import ResultsCache


class Request(Record):
    """What to lint: paths (`-` for standard input), with the stdin bytes and display name."""

    __slots__ = ("paths", "stdin", "stdin_filename", "exclude", "charters_only", "discovered", "previous", "around", "reader")

    paths: tuple[str, ...]
    stdin: bytes | None
    stdin_filename: str | None
    exclude: tuple[str, ...]
    charters_only: bool  # skip named files without `partnercheck:`, as walking does
    #: The walk of these paths when the caller already made it: (paths, stdin_filename, targets, errors).
    discovered: Any
    #: Each file's previous version (charter data, by display path), for the rules about change.
    previous: Any
    #: Charters of the repository this run does not check, as (display path, data): the repository rules
    #: (SCA03) count them too, and report nothing on them (`check --base` checks only the changed charters).
    around: Any
    #: How the engines read files (run/engine.py's `Reader`): the language server's incremental reader; None, from scratch.
    reader: Any

    def __init__(self, paths: tuple[str, ...], stdin: bytes | None = None, stdin_filename: str | None = None, exclude: tuple[str, ...] = (), charters_only: bool = False, discovered: Any = None, previous: Any = None, around: Any = None, reader: Any = None) -> None:
        self.paths = paths
        self.stdin = stdin
        self.stdin_filename = stdin_filename
        self.exclude = exclude
        self.charters_only = charters_only
        self.discovered = discovered
        self.previous = previous
        self.around = around
        self.reader = reader


class PerFile(Protocol):
    """Settings that differ per file (configuration files found by walking up), and excluded files."""

    def settings_for(self, path: Path) -> Settings: ...

    def excluded(self, path: Path) -> bool: ...


def lint(request: Request, registry: Registry, settings: Settings, per_file: PerFile | None = None, cache: ResultsCache | None = None, jobs: int = 1) -> RunResult:
    """Lint `request`; `settings` are the run's, `per_file` (when given) gives each file its own.

    `cache` (cache.py) skips files checked before with the same bytes, plugins
    and settings; `jobs` > 1 lets worker processes check many files (parallel.py).
    """
    engine = Engine(registry, settings, request.reader)
    targets, errors = _discover(request)
    if per_file is not None:
        targets = [t for t in targets if t.explicit or not per_file.excluded(_location(t, request))]
    reads = [read(t, request.stdin, settings.limits.max_bytes) for t in targets]
    errors += [r.error for r in reads if r.error]
    charters = list(_charters(reads, request.charters_only))
    results = _lint_files(charters, engine, registry, per_file, request, cache, jobs)
    return RunResult(results, engine.rules, settings, errors=[*registry.errors, *errors], cache=cache)


def lint_reads(reads: list[Read], registry: Registry, settings: Settings, per_file: PerFile | None, request: Request, cache: ResultsCache | None = None, jobs: int = 1) -> list[FileResult]:
    """Lint bytes already read (another revision's, under today's names) as `lint` lints files."""
    return _lint_files(reads, Engine(registry, settings), registry, per_file, request, cache, jobs)


def _lint_files(reads: list[Read], engine: Engine, registry: Registry, per_file: PerFile | None, request: Request, cache: ResultsCache | None, jobs: int) -> list[FileResult]:
    """Each file with the engine of its own settings (one engine per set of settings)."""
    engines: dict[int, tuple[Settings, Engine]] = {id(engine.settings): (engine.settings, engine)}
    chosen: list[Engine] = []
    for r in reads:
        own = per_file.settings_for(_location(r.target, request)) if per_file is not None else engine.settings
        if id(own) not in engines:
            engines[id(own)] = (own, Engine(registry, own, request.reader))
        chosen.append(engines[id(own)][1])
    return check_files([(r.target.display, r.raw or b"") for r in reads], chosen, engine, cache, jobs, request.previous, isolate=True, around=request.around)


def check_files(items: Sequence[tuple[str, bytes]], engines: Sequence[Engine], run_engine: Engine, cache: ResultsCache | None = None, jobs: int = 1, previous: Mapping[str, Any] | None = None, isolate: bool = False, around: Sequence[tuple[str, Any]] = ()) -> list[FileResult]:
    """The one pipeline from files to their final results, for the command line and the test harness alike.

    `engines[i]` checks `items[i]` (path, bytes): each file's own check comes
    from the results cache, this process or worker processes (parallel.py,
    all through `Engine.lint_bytes`); then the repository rules run once with
    the run's settings (`run_engine`), and last each file's suppression
    comments and waivers. A whole run seen before is answered from the cache.
    The rules about change run on each file with its `previous` version (by
    path) or its change log; a run given previous versions skips the run cache.
    `isolate` (the command line's runs) checks files in a killable worker when a
    plugin's Python rule runs under a budget (parallel.py); the test harness
    keeps them in its own process, where a plugin's tests can see them.
    `around` are charters the run does not check that the repository rules count (path, data).
    """
    from partnercheck.run.breaker import Breaker
    from partnercheck.run.parallel import cached_result, lint_files

    breaker = Breaker()  # this run's: a rule stopped by its budget skips the run's other files
    for each in (run_engine, *engines):
        each.breaker = breaker
    run_key = None
    if cache is not None and not previous and not around:
        cache.prune_now_and_then()  # at most once a day: what no run used for a month
        keys = [cache.key(path, raw, own.settings) for (path, raw), own in zip(items, engines)]
        run_key = cache.run = cache.run_key(run_engine.settings, [(path, key) for (path, _), key in zip(items, keys)])
        final = cache.get_run(run_key, len(items))
        if final is not None:  # the very same files, bytes and settings as a run before: its findings stand
            return [_labelled(cached_result(path, raw, is_charter, findings, own, _stored_data(cache, key), language), labels) for (path, raw), (is_charter, findings, language, labels), own, key in zip(items, final, engines, keys)]
    results = lint_files(items, engines, cache, jobs, isolate, previous)
    run_engine.run_repository_rules(results, isolate, around or ())
    for own_engine, result in zip(engines, results):
        own_engine.run_change_rules([result], previous or {}, isolate)
        own_engine.finish(result)
        own_engine.cap(result)
    run_engine.report_trips(results)
    if cache is not None and run_key is not None and not breaker.trips and not any(r.debug for r in results):  # debug notes come from the per-file entries
        cache.put_run(run_key, [(r.readable, r.findings, r.stated_language, item_labels(r.findings, r.data) if r.readable else {}) for r in results])
    return results


def _labelled(result: FileResult, labels: dict[str, dict[str, str]]) -> FileResult:
    """A cached file with the ids naming its findings' items: grouping reads no data (run/grouping.py)."""
    result.labels = Labels(labels)
    return result


def _stored_data(cache: ResultsCache, key: str) -> Callable[[], Any]:
    """A cached file's data, read from its own entry when something asks for it (the score, when not stored, and the HTML report)."""
    return lambda: cache.data_of(key)


def _discover(request: Request) -> tuple[list[Target], list[str]]:
    known = request.discovered
    if known is not None and not request.exclude and (known[0], known[1]) == (request.paths, request.stdin_filename):
        return list(known[2]), list(known[3])
    return discover(request.paths, request.exclude, request.stdin_filename)


def _location(target: Target, request: Request) -> Path:
    """Where a target lives, for configuration lookup (standard input: its --stdin-filename, or here)."""
    if target.source is not None:
        return target.source
    return Path(request.stdin_filename) if request.stdin_filename else Path.cwd() / "stdin.yaml"


def _charters(reads: Iterable[Read], charters_only: bool = False) -> Iterable[Read]:
    for r in reads:
        if r.raw is not None and ((r.target.explicit and not charters_only) or looks_like_charter(r.raw)):
            yield r
