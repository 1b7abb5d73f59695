"""`check --base REF`: only the findings a change brought count.

Only the charters that differ from where the work left REF (`git merge-base
REF HEAD`, as a pull request's diff; `git diff --name-status`, renames
followed, plus untracked files) are checked, at both revisions, under the
same names and with today's settings; the findings that were already there at
REF are matched by file, code and JSON Pointer exactly as a baseline's
(`run/baseline.py`), and marked as such. So a moved line or a reformatted
charter brings nothing new, and an unchanged charter is not read at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from partnercheck.history.git import Change, Repository
from partnercheck.run.baseline import record
from partnercheck.run.discovery import Read, Target
from partnercheck.run.engine import RunResult


@dataclass
class Base:
    """The revision a run is compared with, and the charters changed since."""

    ref: str
    repository: Repository
    commit: str
    changes: dict[Path, Change] = field(default_factory=dict)  # by the file's real path now
    known: int = 0  # findings already there at the revision
    resolved: int = 0  # findings at the revision that are gone
    _old: dict[str, bytes | None] = field(default_factory=dict)  # each checked file's bytes at the revision, by display name

    @classmethod
    def open(cls, ref: str, paths: tuple[str, ...], stdin_filename: str | None = None) -> Base:
        start = next((p for p in paths if p != "-"), stdin_filename or ".")
        repository = Repository(start)
        commit = repository.fork_point(repository.resolve(ref))  # a base branch that moved on brings nothing to this change
        changes = {(repository.root / c.path).resolve(): c for c in repository.changes(commit)}
        return cls(ref, repository, commit, changes)

    def restrict(self, discovered: tuple[Any, ...]) -> tuple[Any, ...]:
        """The walk (`RunPlan.discovered`) keeping only the charters changed since the revision; standard input stays."""
        paths, stdin_name, targets, errors = discovered
        kept = [t for t in targets if t.source is None or _real(t.source) in self.changes]
        return (paths, stdin_name, kept, errors)

    def previous(self, plan: Any) -> dict[str, Any]:
        """The data of each changed charter at the revision, by display name: the rules about change compare with it."""
        from partnercheck.document.load import load_document

        targets = self.restrict(plan.discovered)[2]
        from partnercheck.run.discovery import display_path

        stdin = [Target(display_path(plan.stdin_filename), None, True)] if plan.stdin_filename and "-" in plan.paths else []
        found = {}
        for target in [*(t for t in targets if t.source is not None), *stdin]:
            raw = self._bytes(target, plan.stdin_filename)
            doc = load_document(target.display, raw, plan.settings.limits) if raw is not None else None
            if doc is not None and doc.is_charter and isinstance(doc.data, dict):
                found[target.display] = doc.data
        return found

    def mark_known(self, run: RunResult, plan: Any, cache: Any = None) -> None:
        """Mark the findings of `run` that were already there at the revision as known (a baseline suppression)."""
        reads = [Read(t, self._bytes(t, plan.stdin_filename)) for t in _targets(run, plan)]
        reads = [r for r in reads if r.raw is not None]
        from partnercheck.run.lint import Request, lint_reads

        request = Request(plan.paths, None, plan.stdin_filename)
        old = lint_reads(reads, plan.registry, plan.settings, plan.resolver, request, cache, plan.jobs)
        before = record([f for r in old for f in r.findings], Path.cwd() / "base")
        stale = before.apply(run.findings, reason=f"already at {self.ref} ({self.commit[:12]})")
        self.known = sum(before.counts.values()) - stale.total()
        self.resolved = stale.total()

    def _bytes(self, target: Target, stdin_filename: str | None) -> bytes | None:
        if target.display not in self._old:
            self._old[target.display] = self.old_bytes(target, stdin_filename)
        return self._old[target.display]

    def old_bytes(self, target: Target, stdin_filename: str | None) -> bytes | None:
        """The file's bytes at the revision: None when it is new (or is standard input with no `--stdin-filename`)."""
        old_path = self.old_path(target, stdin_filename)
        return self.repository.show(self.commit, old_path) if old_path is not None else None

    def old_path(self, target: Target, stdin_filename: str | None = None) -> str | None:
        """The file's path at the revision (relative to the repository): None when it is new."""
        if target.source is not None:
            change = self.changes.get(_real(target.source))
            return change.old_path if change is not None else None
        if stdin_filename:
            change = self.changes.get(_real(Path(stdin_filename)))
            return change.old_path if change is not None else self._inside(Path(stdin_filename))
        return None

    def _inside(self, path: Path) -> str | None:
        try:
            return self.repository.relative(path)
        except ValueError:  # outside the repository
            return None

def _targets(run: RunResult, plan: Any) -> list[Target]:
    """The run's files as targets, in order (their display names are the run's)."""
    by_display = {t.display: t for t in plan.walk.targets}
    stdin = Target(plan.stdin_filename or "<stdin>", None, True)
    return [by_display.get(f.path, replace(stdin, display=f.path)) for f in run.files]


def _real(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()
