"""Which findings fail a run: those at or above the fail level, warnings only past `max-warnings` when it is set."""

from __future__ import annotations

from typing import Any

from partnercheck.findings import Finding, Severity


def failing(run: Any) -> list[Finding]:
    """The active findings that make `check` exit 1 (docs/configuration.md: fail-on, max-warnings)."""
    limit = run.settings.max_warnings
    found: list[Finding] = run.failing()
    if limit is None:
        return found
    warnings = sum(1 for f in run.active if f.severity is Severity.WARNING)
    return [f for f in found if f.severity is not Severity.WARNING or warnings > limit]
