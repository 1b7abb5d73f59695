"""Partnership health: a 0–100 score per dimension, an overall score and a signing verdict.

Each of the ten built-in packs is a dimension of partnership health. A
dimension starts at 100 and loses the weight of each active (not suppressed)
finding of its pack, by severity, never going below 0::

    dimension = max(0, 100 - sum(weight[severity] for each active finding of the pack))
    overall   = clamp(mean(scored dimensions) - sum(weight[severity] for each active
                      finding outside the ten dimensions), 0, 100)

A dimension none of whose rules ran (all deselected) is "not scored" and left
out of the mean; when no dimension is scored the overall score is None ("n/a").
A file that could not be read as a charter scores 0. The verdict is "Ready to
sign" when some dimension was scored and no error remains active or hidden
only by the baseline (waivers and comments with a reason are sign-offs). `docs/score.md`
documents all this; a test keeps its default weights equal to `DEFAULT_WEIGHTS`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from partnercheck.findings import Finding, Severity
from partnercheck.report.i18n import Translator

DIMENSIONS: tuple[str, ...] = (
    "purpose",
    "pilot",
    "members",
    "governance",
    "accountability",
    "evaluation",
    "time",
    "beneficiary",
    "capitalisation",
    "scale",
)

#: Points an active finding takes from its dimension, by severity.
DEFAULT_WEIGHTS: dict[str, float] = {"error": 40.0, "warning": 15.0, "info": 5.0}

READY = "Ready to sign"
NOT_CHECKED = "Not checked: no health rule ran"

#: Each dimension's name for people: the English template of its translation (locale/<lang>/LC_MESSAGES/partnercheck.po).
TITLES: dict[str, str] = {
    "purpose": "Purpose",
    "pilot": "Pilot",
    "members": "Members",
    "governance": "Governance",
    "accountability": "Accountability",
    "evaluation": "Evaluation",
    "time": "Time",
    "beneficiary": "Beneficiary",
    "capitalisation": "Capitalisation",
    "scale": "Scale",
}


def title_of(name: str, tr: Translator | None = None) -> str:
    """A dimension's (or pack's) name for people, in the translator's language."""
    english = TITLES.get(name, name.capitalize())
    return tr.words(english) if tr is not None and name in TITLES else english


def weights_from(overrides: Mapping[str, Any] | None = None) -> dict[Severity, float]:
    """The default weights with `overrides` (by severity name) applied; each must be a number ≥ 0."""
    merged = dict(DEFAULT_WEIGHTS)
    for key, value in (overrides or {}).items():
        if key not in merged:
            raise ValueError(f"unknown score weight {key!r}: use error, warning or info")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise ValueError(f"score weight {key!r} must be a number of 0 or more, not {value!r}")
        merged[key] = float(value)
    return {Severity(key): value for key, value in merged.items()}


def verdict_label(blocking: int, checked: bool = True, tr: Translator | None = None) -> str:
    """"Ready to sign", "Not ready: N blocking finding(s)", or "Not checked: …" when no dimension was scored;
    in the translator's language (English without one: the JSON `label`)."""
    tr = tr or Translator()
    if not blocking:
        return tr.words(READY if checked else NOT_CHECKED)
    return tr.ngettext("Not ready: {n} blocking finding", "Not ready: {n} blocking findings", blocking)


@dataclass(frozen=True)
class Dimension:
    """One dimension's score (None when none of its rules ran) and what it counted."""

    name: str
    score: float | None
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    waived: int = 0
    baselined: int = 0

    @property
    def title(self) -> str:
        return title_of(self.name)

    def title_in(self, tr: Translator) -> str:
        return title_of(self.name, tr)

    def to_dict(self) -> dict[str, Any]:
        return {"score": self.score, "errors": self.errors, "warnings": self.warnings, "infos": self.infos, "waived": self.waived, "baselined": self.baselined}


@dataclass(frozen=True)
class Verdict:
    """Ready to sign when something was checked and no error blocks (active, or hidden only by the baseline)."""

    blocking: tuple[Finding, ...] = ()
    checked: bool = True

    @property
    def ready(self) -> bool:
        return self.checked and not self.blocking

    @property
    def label(self) -> str:
        return verdict_label(len(self.blocking), self.checked)

    def label_in(self, tr: Translator) -> str:
        return verdict_label(len(self.blocking), self.checked, tr)

    def to_dict(self) -> dict[str, Any]:
        return {
            "ready": self.ready,
            "label": self.label,
            "checked": self.checked,
            "blocking": [
                {"code": f.code, "name": f.name, "path": f.path, "line": f.line, "column": f.column, "pointer": f.pointer, "message": f.message, "baselined": baselined(f)}
                for f in self.blocking
            ],
        }


def baselined(finding: Finding) -> bool:
    """Hidden by the baseline: recorded to fail CI only on new findings, not a decision to sign with it."""
    return finding.suppression is not None and finding.suppression.kind == "baseline"


@dataclass(frozen=True)
class FileScore:
    path: str
    dimensions: tuple[Dimension, ...]
    overall: float | None
    verdict: Verdict
    waived: int = 0
    baselined: int = 0
    outside_penalty: float = 0.0
    readable: bool = True

    def dimension(self, name: str) -> Dimension:
        return next(d for d in self.dimensions if d.name == name)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "overall": self.overall,
            "dimensions": {d.name: d.to_dict() for d in self.dimensions},
            "outside_penalty": self.outside_penalty,
            "waived": self.waived,
            "baselined": self.baselined,
            "readable": self.readable,
            "verdict": self.verdict.to_dict(),
        }


@dataclass(frozen=True)
class RunScore:
    """Every file's score, and a summary: mean and lowest overall, mean per dimension."""

    files: tuple[FileScore, ...]
    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    #: Why a run with no blocking error still fails (findings at the fail level), or "".
    note: str = ""

    @property
    def ready(self) -> bool:
        return all(f.verdict.ready for f in self.files)

    @property
    def blocking(self) -> int:
        return sum(len(f.verdict.blocking) for f in self.files)

    @property
    def waived(self) -> int:
        return sum(f.waived for f in self.files)

    @property
    def baselined(self) -> int:
        return sum(f.baselined for f in self.files)

    @property
    def mean(self) -> float | None:
        scored = [f.overall for f in self.files if f.overall is not None]
        return _round(sum(scored) / len(scored)) if scored else None

    @property
    def lowest(self) -> float | None:
        return min((f.overall for f in self.files if f.overall is not None), default=None)

    @property
    def outside_penalty(self) -> float:
        """The mean penalty of the findings outside the ten dimensions, over the readable files."""
        readable = [f.outside_penalty for f in self.files if f.readable]
        return _round(sum(readable) / len(readable)) if readable else 0.0

    @property
    def label(self) -> str:
        return verdict_label(self.blocking, all(f.verdict.checked for f in self.files))

    def label_in(self, tr: Translator) -> str:
        return verdict_label(self.blocking, all(f.verdict.checked for f in self.files), tr)

    def dimensions(self) -> tuple[Dimension, ...]:
        """Each dimension's mean score over the files where it was scored, with summed counts."""
        out = []
        for name in DIMENSIONS:
            dims = [f.dimension(name) for f in self.files if f.readable]
            scored = [d.score for d in dims if d.score is not None]
            out.append(
                Dimension(
                    name,
                    _round(sum(scored) / len(scored)) if scored else None,
                    sum(d.errors for d in dims),
                    sum(d.warnings for d in dims),
                    sum(d.infos for d in dims),
                    sum(d.waived for d in dims),
                    sum(d.baselined for d in dims),
                )
            )
        return tuple(out)

    def below(self, minimum: float) -> list[FileScore]:
        """The files scoring below `minimum`, and those with no score (nothing was checked)."""
        return [f for f in self.files if f.overall is None or f.overall < minimum]

    def to_dict(self) -> dict[str, Any]:
        """What machine formats publish: every file's score and the summary."""
        return {"files": [f.to_dict() for f in self.files], "summary": self.summary()}

    def summary(self) -> dict[str, Any]:
        return {
            "files": len(self.files),
            "ready": sum(1 for f in self.files if f.verdict.ready),
            "mean": self.mean,
            "lowest": self.lowest,
            "waived": self.waived,
            "baselined": self.baselined,
            "verdict": {"ready": self.ready, "label": self.label, "blocking": self.blocking},
            "dimensions": {d.name: d.score for d in self.dimensions()},
            "weights": dict(self.weights),
        }


def score_findings(
    path: str,
    findings: Iterable[Finding],
    packs: Iterable[str] = DIMENSIONS,
    weights: Mapping[Severity, float] | None = None,
    readable: bool = True,
) -> FileScore:
    """Score one file's findings; `packs` are the packs of the rules that ran (unscored otherwise)."""
    weights = weights or weights_from()
    findings = list(findings)
    active = [f for f in findings if not f.suppressed]
    ran = set(packs)
    dimensions = tuple(_dimension(name, findings, weights, name in ran and readable) for name in DIMENSIONS)
    outside = sum(weights[f.severity] for f in active if f.pack not in DIMENSIONS)
    blocking = tuple(f for f in findings if f.severity is Severity.ERROR and (not f.suppressed or baselined(f)))
    held = sum(1 for f in findings if baselined(f))
    return FileScore(
        path=path,
        dimensions=dimensions,
        overall=_overall(dimensions, outside) if readable else 0.0,
        verdict=Verdict(blocking, checked=any(d.score is not None for d in dimensions)),
        waived=sum(1 for f in findings if f.suppressed) - held,
        baselined=held,
        outside_penalty=outside,
        readable=readable,
    )


def score_run(run: Any, weights: Mapping[str, Any] | None = None, tr: Translator | None = None) -> RunScore:
    """Score every file of a `RunResult`, with the weights of its settings unless given
    (`tr`: the language of the run's note)."""
    if weights is None:
        weights = getattr(run.settings, "score_weights", None)
    table = weights_from(weights)
    packs = {rule.pack for rule in run.rules}
    files = tuple(score_findings(f.path, f.findings, packs, table, readable=f.readable) for f in run.files)
    return RunScore(files, {s.value: w for s, w in table.items()}, fail_note(run, tr))


def fail_note(run: Any, tr: Translator | None = None) -> str:
    """"N warnings fail this check at --fail-on warning" when findings below error fail the run; else ""."""
    from partnercheck.run.gates import failing
    if getattr(run.settings, "exit_zero", False):
        return ""
    held = [f for f in failing(run) if f.severity is not Severity.ERROR]
    if not held:
        return ""
    tr = tr or Translator()
    warnings = sum(1 for f in held if f.severity is Severity.WARNING)
    infos = len(held) - warnings
    counts = [tr.ngettext("{n} warning", "{n} warnings", warnings) if warnings else "", tr.ngettext("{n} info", "{n} infos", infos) if infos else ""]
    listed = tr.words(" and ").join(c for c in counts if c)
    level = run.settings.fail_on.value
    return tr.ngettext("{listed} fails this check at --fail-on {level}", "{listed} fail this check at --fail-on {level}", len(held), listed=listed, level=level)


def _dimension(name: str, findings: Sequence[Finding], weights: Mapping[Severity, float], scored: bool) -> Dimension:
    mine = [f for f in findings if f.pack == name]
    active = [f for f in mine if not f.suppressed]
    count = {s: sum(1 for f in active if f.severity is s) for s in Severity}
    score = max(0.0, 100.0 - sum(weights[f.severity] for f in active)) if scored else None
    held = sum(1 for f in mine if baselined(f))
    return Dimension(name, _round(score) if score is not None else None, count[Severity.ERROR], count[Severity.WARNING], count[Severity.INFO], len(mine) - len(active) - held, held)


def _overall(dimensions: Sequence[Dimension], outside: float) -> float | None:
    scored = [d.score for d in dimensions if d.score is not None]
    if not scored:
        return None
    return _round(min(100.0, max(0.0, sum(scored) / len(scored) - outside)))


def _round(value: float) -> float:
    return round(value, 1)
