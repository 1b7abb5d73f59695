"""Helpers shared by reporters: counts and plural words."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..findings import Severity


def counts(run: Any) -> dict[str, int]:
    """Active findings per severity, plus suppressed and checked-file totals."""
    by_severity = Counter(f.severity for f in run.active)
    return {
        "files": len(run.files),
        "errors": by_severity[Severity.ERROR],
        "warnings": by_severity[Severity.WARNING],
        "infos": by_severity[Severity.INFO],
        "suppressed": sum(1 for f in run.findings if f.suppressed),
        "failing": len(run.failing()),
    }


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
