"""Which findings fail a run (those at or above the fail level, warnings only past `max-warnings` when it is set)
and the run's outcome: whether it fails, and why (the fail level, the minimum score)."""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class Outcome:
    """Whether the run fails (`check` exits 1) and what decides it: the one answer every consumer reads."""

    #: The active findings that fail the run (`failing`).
    failing: tuple[Finding, ...] = ()
    #: The files whose health score is below `min_score` (or that have none), when a minimum is set.
    below: tuple[str, ...] = ()
    fail_on: Severity = Severity.WARNING
    max_warnings: int | None = None
    min_score: float | None = None
    exit_zero: bool = False

    @property
    def fails(self) -> bool:
        """The gates fail (findings at the fail level, or a score below the minimum); `--exit-zero` aside."""
        return bool(self.failing or self.below)

    @property
    def exit_code(self) -> int:
        """1 when the gates fail (0 with `--exit-zero`), else 0."""
        return 1 if self.fails and not self.exit_zero else 0

    def failing_in(self, path: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.failing if f.path == path)

    @property
    def by_fail_on(self) -> bool:
        """Findings below error fail the run: the fail level decides the exit code, not errors alone."""
        return any(f.severity is not Severity.ERROR for f in self.failing)


def outcome(run: Any, scores: Any = None) -> Outcome:
    """The run's outcome; `scores` (a `RunScore`) is needed only when a minimum score is set."""
    settings = run.settings
    minimum = settings.min_score
    below = tuple(f.path for f in scores.below(minimum)) if minimum is not None and scores is not None else ()
    return Outcome(tuple(failing(run)), below, settings.fail_on, settings.max_warnings, minimum, bool(settings.exit_zero))
