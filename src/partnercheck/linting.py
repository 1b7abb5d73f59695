"""Lint paths end to end: discover, read, check, and return one `RunResult`. Never prints."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .discovery import Read, discover, looks_like_charter, read
from .engine import Engine, RunResult
from .registry import Registry
from .settings import Settings


@dataclass
class Request:
    """What to lint: paths (`-` for standard input), with the stdin bytes and display name."""

    paths: tuple[str, ...]
    stdin: bytes | None = None
    stdin_filename: str | None = None
    exclude: tuple[str, ...] = ()


def lint(request: Request, registry: Registry, settings: Settings) -> RunResult:
    engine = Engine(registry, settings)
    targets, errors = discover(request.paths, request.exclude, request.stdin_filename)
    reads = [read(t, request.stdin) for t in targets]
    errors += [r.error for r in reads if r.error]
    items = [(r.target.display, r.raw) for r in _charters(reads)]
    results = engine.lint_many(items)
    return RunResult(results, engine.rules, settings, errors=[*registry.errors, *errors])


def _charters(reads: Iterable[Read]) -> Iterable[Read]:
    for r in reads:
        if r.raw is not None and (r.target.explicit or looks_like_charter(r.raw)):
            yield r
