"""Whether a run fails, decided once: findings at or above the fail level (warnings only past
`max-warnings` when it is set), and files scoring below `min-score`.

`RunOutcome` is computed once per run; the exit code and every format (JSON
summary, JUnit, text, Markdown) read it instead of deciding again.
"""

from __future__ import annotations

from typing import Any, Iterable

from partnercheck.findings import Finding, Severity
from partnercheck.records import Record

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class LowScore(Record):
    """A file whose overall health score is below the run's minimum (None: nothing was scored)."""

    __slots__ = ("path", "score")

    path: str
    score: float | None

    def __init__(self, path: str, score: float | None) -> None:
        self.path = path
        self.score = score


class RunOutcome(Record):
    """What fails the run, and the exit code that follows from it."""

    __slots__ = ("failing", "low_scores", "min_score", "internal_error", "exit_zero", "fail_on", "max_warnings", "_by_path")

    failing: tuple[Finding, ...]
    low_scores: tuple[LowScore, ...]
    min_score: float | None
    internal_error: bool
    exit_zero: bool
    fail_on: Severity
    max_warnings: int | None

    def __init__(self, failing: tuple[Finding, ...] = (), low_scores: tuple[LowScore, ...] = (), min_score: float | None = None, internal_error: bool = False, exit_zero: bool = False, fail_on: Severity = Severity.WARNING, max_warnings: int | None = None) -> None:
        self._fill(failing, low_scores, min_score, internal_error, exit_zero, fail_on, max_warnings)

    @property
    def fails(self) -> bool:
        """True when the run fails its gates (whatever `--exit-zero` does to the exit code)."""
        return bool(self.failing or self.low_scores)

    @property
    def passed(self) -> bool:
        """True when nothing fails the run and it ran in full (no usage, plugin or internal error)."""
        return not self.fails and not self.internal_error

    @property
    def exit_code(self) -> int:
        if self.internal_error:
            return EXIT_ERROR
        return EXIT_FINDINGS if self.fails and not self.exit_zero else EXIT_CLEAN

    def failing_ids(self) -> set[int]:
        """The identities of the failing findings, to tell them apart from equal-looking others."""
        return {id(f) for f in self.failing}

    def low_score_of(self, path: str) -> LowScore | None:
        return next((low for low in self.low_scores if low.path == path), None)

    @property
    def below(self) -> tuple[str, ...]:
        """The files whose health score is below `min_score` (or that have none)."""
        return tuple(low.path for low in self.low_scores)

    def failing_in(self, path: str) -> tuple[Finding, ...]:
        return self._failing_by_path().get(path, ())

    def _failing_by_path(self) -> dict[str, tuple[Finding, ...]]:
        """The failing findings grouped by file once, so judging every file of a large run stays linear."""
        try:
            return self._by_path
        except AttributeError:
            grouped: dict[str, list[Finding]] = {}
            for f in self.failing:
                grouped.setdefault(f.path, []).append(f)
            self._by_path: dict[str, tuple[Finding, ...]] = {path: tuple(found) for path, found in grouped.items()}
            return self._by_path

    @property
    def by_fail_on(self) -> bool:
        """Findings below error fail the run: the fail level decides the exit code, not errors alone."""
        return any(f.severity is not Severity.ERROR for f in self.failing)


def failing(run: Any) -> list[Finding]:
    """The active findings that make `check` exit 1 (docs/configuration.md: fail-on, max-warnings)."""
    settings = run.settings
    if settings.max_warnings is None:
        return [f for f in run.active if f.severity.at_least(settings.fail_on)]
    # a stated maximum decides for warnings whatever the fail level: `--fail-on error --max-warnings 0` fails on one
    too_many = sum(1 for f in run.active if f.severity is Severity.WARNING) > settings.max_warnings
    return [f for f in run.active if (too_many if f.severity is Severity.WARNING else f.severity.at_least(settings.fail_on))]


def outcome(run: Any, scores: Iterable[tuple[str, float | None]], found: list[Finding] | None = None) -> RunOutcome:
    """The run's outcome, from its findings and each file's overall score (`(path, score)`)."""
    minimum = run.settings.min_score
    low = () if minimum is None else tuple(LowScore(path, score) for path, score in scores if score is None or score < minimum)
    return RunOutcome(
        failing=tuple(failing(run) if found is None else found),
        low_scores=low,
        min_score=minimum,
        internal_error=run.has_internal_error(),
        exit_zero=bool(run.settings.exit_zero),
        fail_on=run.settings.fail_on,
        max_warnings=run.settings.max_warnings,
    )
