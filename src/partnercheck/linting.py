"""Lint paths end to end: discover, read, check, and return one `RunResult`. Never prints."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Protocol

from .discovery import Read, Target, discover, looks_like_charter, read
from .engine import Engine, FileResult, RunResult
from .registry import Registry
from .settings import Settings


@dataclass
class Request:
    """What to lint: paths (`-` for standard input), with the stdin bytes and display name."""

    paths: tuple[str, ...]
    stdin: bytes | None = None
    stdin_filename: str | None = None
    exclude: tuple[str, ...] = ()
    charters_only: bool = False  # skip named files without `partnercheck:`, as walking does


class PerFile(Protocol):
    """Settings that differ per file (configuration files found by walking up), and excluded files."""

    def settings_for(self, path: Path) -> Settings: ...

    def excluded(self, path: Path) -> bool: ...


def lint(request: Request, registry: Registry, settings: Settings, per_file: PerFile | None = None) -> RunResult:
    """Lint `request`; `settings` are the run's, `per_file` (when given) gives each file its own."""
    engine = Engine(registry, settings)
    targets, errors = discover(request.paths, request.exclude, request.stdin_filename)
    if per_file is not None:
        targets = [t for t in targets if t.explicit or not per_file.excluded(_location(t, request))]
    reads = [read(t, request.stdin) for t in targets]
    errors += [r.error for r in reads if r.error]
    charters = list(_charters(reads, request.charters_only))
    if per_file is None:
        results = engine.lint_many([(r.target.display, r.raw) for r in charters])
    else:
        results = _lint_per_file(charters, engine, registry, per_file, request)
    return RunResult(results, engine.rules, settings, errors=[*registry.errors, *errors])


def _lint_per_file(reads: list[Read], engine: Engine, registry: Registry, per_file: PerFile, request: Request) -> list[FileResult]:
    """Each file with the engine of its own settings; repository rules once, with the run's settings."""
    engines: dict[int, tuple[Settings, Engine]] = {}
    done: list[tuple[Engine, FileResult]] = []
    for r in reads:
        own = per_file.settings_for(_location(r.target, request))
        chosen = engines.setdefault(id(own), (own, Engine(registry, own)))[1]
        done.append((chosen, chosen.lint_bytes(r.target.display, r.raw or b"")))
    results = [result for _, result in done]
    engine.run_repository_rules(results)
    for chosen, result in done:
        chosen.finish(result)
    return results


def _location(target: Target, request: Request) -> Path:
    """Where a target lives, for configuration lookup (standard input: its --stdin-filename, or here)."""
    if target.source is not None:
        return target.source
    return Path(request.stdin_filename) if request.stdin_filename else Path.cwd() / "stdin.yaml"


def _charters(reads: Iterable[Read], charters_only: bool = False) -> Iterable[Read]:
    for r in reads:
        if r.raw is not None and ((r.target.explicit and not charters_only) or looks_like_charter(r.raw)):
            yield r
