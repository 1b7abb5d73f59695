"""Two versions of charters compared: their terms, their scores per dimension, the findings introduced and resolved.

Both versions are checked under the same name and today's settings, so a
finding is matched across them by file, code and JSON Pointer with the
baseline's matching (`run/baseline.py`): a moved line is the same finding.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from partnercheck.findings import Finding
from partnercheck.history.terms import TermChange, changes
from partnercheck.report.score import FileScore, measure
from partnercheck.run.baseline import record
from partnercheck.run.discovery import Read, Target
from partnercheck.run.engine import FileResult, RunResult


@dataclass(frozen=True)
class Version:
    """One side of a comparison: what it is called (`main:charters/x.yaml`, a file), and its bytes (None: absent then)."""

    label: str
    raw: bytes | None


@dataclass
class Comparison:
    """One charter at two versions; `path` is the name both were checked under."""

    path: str
    old: Version
    new: Version
    terms: list[TermChange] = field(default_factory=list)
    before: FileScore | None = None
    after: FileScore | None = None
    introduced: list[Finding] = field(default_factory=list)
    resolved: list[Finding] = field(default_factory=list)
    old_data: Any = None
    new_data: Any = None

    @property
    def data(self) -> Any:
        """The new version's data."""
        return self.new_data

    @property
    def stated_language(self) -> Any:
        """The new version's `charter.language` (what `report.i18n.charter_language` reads)."""
        from partnercheck.report.i18n import stated_in

        return stated_in(self.new_data)


def compare(pairs: Sequence[tuple[Target, Version, Version]], plan: Any, cache: Any = None, around: Sequence[tuple[str, Any]] = ()) -> list[Comparison]:
    """Each (target, old, new) compared; `plan` is the run plan (registry, settings per file). `around`: the
    charters the comparison leaves unchanged (path, data), which the repository rules (SCA03) count on both sides."""
    olds = _check([(t, old) for t, old, _ in pairs], plan, cache, around=around)
    previous = {display: result.data for display, (result, _) in olds.items() if isinstance(result.data, dict)}
    news = _check([(t, new) for t, _, new in pairs], plan, cache, previous, around)
    return [_comparison(t.display, old, new, olds.get(t.display), news.get(t.display), plan) for t, old, new in pairs]


def _check(sides: Sequence[tuple[Target, Version]], plan: Any, cache: Any, previous: dict[str, Any] | None = None, around: Sequence[tuple[str, Any]] = ()) -> dict[str, tuple[FileResult, FileScore]]:
    """Lint the versions present; each result with its score (measured before any matching marks a finding)."""
    from partnercheck.run.lint import Request, lint_reads

    reads = [Read(t, v.raw) for t, v in sides if v.raw is not None]
    request = Request(plan.paths, previous=previous, around=list(around) or None)  # the new side: the rules about change compare with the old one
    results = lint_reads(reads, plan.registry, plan.settings, plan.resolver, request, cache, plan.jobs)
    return {r.path: (r, s) for r, s in zip(results, scores_of(results, plan))}


def scores_of(results: list[FileResult], plan: Any) -> list[FileScore]:
    """Each result's score per dimension, with the run's rules and weights (before any matching marks a finding)."""
    from partnercheck.run.engine import Engine

    return list(measure(RunResult(results, Engine(plan.registry, plan.settings).rules, plan.settings)).files)


def _comparison(path: str, old: Version, new: Version, before: tuple[FileResult, FileScore] | None, after: tuple[FileResult, FileScore] | None, plan: Any) -> Comparison:
    old_findings = [f for f in before[0].findings if not f.suppressed] if before else []
    new_findings = [f for f in after[0].findings if not f.suppressed] if after else []
    old_data = before[0].data if before else None
    new_data = after[0].data if after else None
    return Comparison(
        path,
        old,
        new,
        changes(old_data, new_data),
        before[1] if before else None,
        after[1] if after else None,
        _unmatched(new_findings, old_findings),
        _unmatched(old_findings, new_findings),
        old_data,
        new_data,
    )


def _unmatched(findings: list[Finding], others: list[Finding]) -> list[Finding]:
    """The findings among `findings` that `others` do not hold (file, code, pointer; counted as a baseline counts)."""
    matched = {id(f) for f in record(others, Path.cwd() / "compare").match(findings)[0]}
    return [f for f in findings if id(f) not in matched]
