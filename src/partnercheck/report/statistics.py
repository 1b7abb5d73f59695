"""`--statistics`: how many active findings each rule raised, most frequent first (like ruff's `--statistics`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable

from partnercheck.findings import Finding, Severity


@dataclass(frozen=True)
class CodeCount:
    """One rule's count of active findings."""

    code: str
    name: str
    severity: Severity
    count: int

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "severity": self.severity.value, "count": self.count}


def statistics(findings: Iterable[Finding]) -> list[CodeCount]:
    """The active findings counted per code (and severity: a configured override splits nothing else), most first."""
    active = [f for f in findings if not f.suppressed]
    names = {(f.code, f.severity): f.name for f in active}
    tally = Counter((f.code, f.severity) for f in active)
    rows = [CodeCount(code, names[(code, severity)], severity, n) for (code, severity), n in tally.items()]
    return sorted(rows, key=lambda row: (-row.count, row.code, row.severity.value))
