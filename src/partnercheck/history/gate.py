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

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from partnercheck.history.git import Change, Repository
from partnercheck.report.messages import said
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
    known: int = 0  # findings already there at the revision, as listed (`count_known`, after grouping)
    resolved: int = 0  # findings at the revision that are gone
    _old: dict[str, bytes | None] = field(default_factory=dict)  # each checked file's bytes at the revision, by display name
    _around: list[tuple[str, Any]] | None = None  # the unchanged charters' data (`around`)
    _reason: Any = None  # the reason given to the findings already there: what marks them

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

    def around(self, plan: Any, cache: Any = None) -> list[tuple[str, Any]]:
        """The unchanged charters of the walk, as (display name, data), for the repository rules (SCA03) to count.

        Only when a repository rule runs; each one's data comes from the results cache (its entry for these
        bytes and settings: nothing parsed) or from parsing it, with no rule run. Unchanged, they are the same
        at the revision: both sides of the comparison count them.
        """
        if self._around is None:
            self._around = _unchanged(self, plan, cache) if _repository_rules(plan) else []
        return self._around

    def mark_known(self, run: RunResult, plan: Any, cache: Any = None) -> None:
        """Mark the findings of `run` that were already there at the revision as known (a baseline suppression)."""
        reads = [Read(t, self._bytes(t, plan.stdin_filename)) for t in _targets(run, plan)]
        reads = [r for r in reads if r.raw is not None]
        from partnercheck.run.lint import Request, lint_reads

        request = Request(plan.paths, None, plan.stdin_filename, around=self.around(plan, cache))
        old = lint_reads(reads, plan.registry, plan.settings, plan.resolver, request, cache, plan.jobs)
        before = record([f for r in old for f in r.findings], Path.cwd() / "base")
        self._reason = said("suppression.already-at", ref=self.ref, commit=self.commit[:12])
        stale = before.apply(run.findings, reason=self._reason)
        self.known = sum(before.counts.values()) - stale.total()
        self.resolved = stale.total()

    def count_known(self, run: RunResult) -> None:
        """Count the findings already there as the run lists them (a grouped finding once), as its summary counts
        them baselined; called after grouping, before the findings are translated."""
        self.known = sum(1 for f in run.findings if f.suppression is not None and f.suppression.reason is self._reason)

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

    def path_at(self, target: Target) -> str | None:
        """The file's path at the revision, changed or not (relative to the repository): None when it is new."""
        if target.source is not None and _real(target.source) not in self.changes:
            return self._inside(target.source)
        return self.old_path(target)

    def _inside(self, path: Path) -> str | None:
        try:
            return self.repository.relative(path)
        except ValueError:  # outside the repository
            return None

def _repository_rules(plan: Any) -> bool:
    """Whether a rule that counts every charter of the run (SCA03) is selected."""
    return bool(_repository(plan))


def _repository(plan: Any) -> list[Any]:
    from partnercheck.rules.model import Function
    from partnercheck.run.engine import Engine

    return [r for r in Engine(plan.registry, plan.settings).rules if isinstance(r.check, Function) and r.check.scope == "repository"]


def _pointers_read(plan: Any) -> list[tuple[str, ...]] | None:
    """The pointer patterns the repository rules read (their `reads`); None when one of them does not say."""
    from partnercheck.document.sections import patterns

    reads: list[str] = []
    for rule in _repository(plan):
        if not any(p.startswith("/") and p.strip("/") and not p.startswith("/*") for p in rule.reads):
            return None
        reads += rule.reads
    return patterns(reads)


def _unchanged(base: Base, plan: Any, cache: Any) -> list[tuple[str, Any]]:
    """Each unchanged charter's data: from the results cache, else only what the repository rules read, parsed (document/sections.py)."""
    from partnercheck.document.load import load_document
    from partnercheck.document.sections import many_sections
    from partnercheck.run.discovery import read

    changed = {t.display for t in base.restrict(plan.discovered)[2]}
    found: list[tuple[str, Any]] = []
    todo: list[tuple[str, bytes]] = []
    for target in plan.discovered[2]:
        if target.source is None or target.display in changed or (not target.explicit and plan.resolver.excluded(target.source)):
            continue
        raw = read(target, None, plan.settings.limits.max_bytes).raw
        if raw is None:
            continue
        data = cache.data_of(cache.key(target.display, raw, plan.resolver.settings_for(target.source))) if cache is not None else None
        if data is not None:
            found.append((target.display, data))
        else:
            todo.append((target.display, raw))
    keys = _pointers_read(plan)
    if keys is None:
        parsed = [(lambda doc: doc.data if doc.is_charter else None)(load_document(path, raw, plan.settings.limits)) for path, raw in todo]
    else:
        parsed = many_sections(todo, keys, plan.settings.limits, plan.jobs)
    found += [(path, data) for (path, _), data in zip(todo, parsed)]
    return [(path, data) for path, data in found if isinstance(data, dict)]


def _targets(run: RunResult, plan: Any) -> list[Target]:
    """The run's files as targets, in order (their display names are the run's)."""
    by_display = {t.display: t for t in plan.walk.targets}
    stdin = Target(plan.stdin_filename or "<stdin>", None, True)
    return [by_display.get(f.path, stdin.replace(display=f.path)) for f in run.files]


def _real(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()
