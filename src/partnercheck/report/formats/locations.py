"""Where findings are, as the CI formats want it: stable paths and fingerprints.

Every machine format names files relative to the working directory with
forward slashes, and identifies a finding by file, rule and JSON Pointer, never
by line, so the same finding keeps its identity when lines above it move.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path, PurePath
from typing import Any, Iterable, Iterator, Mapping

from partnercheck.findings import Finding


def report_path(path: str, cwd: str | Path | None = None) -> str:
    """`path` relative to `cwd` when it lies below it, always with forward slashes."""
    if path.startswith("<") and path.endswith(">"):  # "<stdin>" has no place on disk
        return path
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            candidate = candidate.relative_to(Path(cwd) if cwd else Path.cwd())
        except ValueError:
            pass
    return PurePath(candidate).as_posix()


def cwd_of(options: Mapping[str, Any]) -> Path:
    """The working directory a reporter resolves paths against."""
    return Path(options.get("cwd") or Path.cwd())


def fingerprints(findings: Iterable[Finding], cwd: str | Path | None = None) -> Iterator[tuple[Finding, str]]:
    """Each finding with a fingerprint from its file, code and pointer (plus a
    counter when one file has several findings of one rule at one pointer)."""
    seen: Counter[tuple[str, str, str]] = Counter()
    for f in findings:
        key = (report_path(f.path, cwd), f.code, f.pointer)
        occurrence = seen[key]
        seen[key] += 1
        yield f, fingerprint(*key, occurrence)


def fingerprint(path: str, code: str, pointer: str, occurrence: int = 0) -> str:
    text = "\x1f".join((path, code, pointer, str(occurrence)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
