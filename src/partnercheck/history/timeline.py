"""A charter's git history: each revision's score per dimension, its version, and what changed in its terms."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from partnercheck.history.compare import scores_of
from partnercheck.history.git import GitError, Repository, Revision
from partnercheck.history.terms import TermChange, changes
from partnercheck.report.messages import said
from partnercheck.report.score import FileScore
from partnercheck.run.discovery import Read, Target, display_path


@dataclass
class Point:
    """The charter at one commit: its version, its score (None when it was no charter then), the changes since the commit before."""

    revision: Revision
    version: str | None
    score: FileScore | None
    terms: list[TermChange] = field(default_factory=list)
    data: Any = None  # the charter's data at this commit

    @property
    def stated_language(self) -> Any:
        """`charter.language` at this commit (what `report.i18n.charter_language` reads)."""
        from partnercheck.report.i18n import stated_in

        return stated_in(self.data)


@dataclass
class Timeline:
    path: str
    points: list[Point]
    change_log: list[dict[str, Any]] = field(default_factory=list)  # the last version's `evolution.change_log`

    def partner_dates(self) -> list[tuple[str, str, str]]:
        """(date, partner, joined|left): the partner's own `joined_on` or `left_on` when the charter gives it, else the commit's date."""
        out = []
        for p in self.points:
            for t in p.terms:
                if t.section == "partners" and t.kind in ("joined", "left"):
                    out.append((dated(p, t.subject, "joined_on" if t.kind == "joined" else "left_on"), t.subject, t.kind))
        return out

    def amendments(self) -> list[Point]:
        """The commits that changed the partnership's terms (the first version included)."""
        return [p for i, p in enumerate(self.points) if i == 0 or any(t.section != "charter" for t in p.terms)]


def timeline(path: Path, plan: Any) -> Timeline:
    """Walk the git history of the charter at `path` (renames followed), checking each version with today's settings."""
    from partnercheck.run.lint import Request, lint_reads

    repository = Repository(path)
    try:
        relative = repository.relative(path)
    except ValueError:
        raise GitError(said("usage.git-outside-path", path=str(path), root=str(repository.root))) from None
    revisions = repository.history(relative)
    if not revisions:
        raise GitError(said("usage.git-no-history", path=str(path)))
    display = display_path(path)
    points: list[Point] = []
    before: Any = None
    for revision in revisions:
        raw = repository.show(revision.commit, revision.path)
        if raw is None:
            continue
        request = Request((display,), previous={display: before} if isinstance(before, dict) else None)
        (result,) = lint_reads([Read(Target(display, None, True), raw)], plan.registry, plan.settings, plan.resolver, request)
        data = result.data
        score = scores_of([result], plan)[0] if result.readable else None
        points.append(Point(revision, _version(data), score, changes(before, data) if points else [], data))
        before = data
    log = before.get("evolution", {}).get("change_log") if isinstance(before, dict) and isinstance(before.get("evolution"), dict) else None
    return Timeline(display, points, [e for e in log if isinstance(e, dict)] if isinstance(log, list) else [])


def dated(point: Point, partner: str, key: str) -> str:
    """The partner's own `joined_on` or `left_on` (`key`) at this point, else the commit's date."""
    partners = point.data.get("partners") if isinstance(point.data, dict) else None
    for item in partners if isinstance(partners, list) else []:
        if isinstance(item, dict) and item.get("id") == partner and isinstance(item.get(key), str):
            return item[key]
    return point.revision.date


def _version(data: Any) -> str | None:
    charter = data.get("charter") if isinstance(data, dict) else None
    version = charter.get("version") if isinstance(charter, dict) else None
    return None if version is None else str(version)
