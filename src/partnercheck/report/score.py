"""Partnership health: a 0–100 score per dimension, an overall score, and the signing verdict attached.

Each of the ten built-in packs is a dimension of partnership health, scored as
a rate (`report/rate.py`): what its rules found per item they look at, weighed
by severity, with absent sections at 0::

    rule loss  = min(W(rule), Σ W(severity of a finding) / items of the finding's collection)
    dimension  = 100 × (1 − Σ rule losses / Σ W(rule))      (0 when its sections are absent)
    overall    = mean(scored dimensions)

The document, schema and reference checks (DOC, SCH, REF) weigh in the dimension
of the section they are on; the engine's findings about the run (SUP, INT) and a
plugin's own packs do not move the score (they may still fail the run). No cap: one
finding moves the overall score by at most its dimension's share, and the verdict, not the score, says
whether a charter is ready to sign. A dimension none of whose rules ran is "not scored" and left out of
the mean; when no dimension is scored the overall score is None ("n/a"). A file
that could not be read as a charter is not assessed (None, no number). The verdict comes from the run's
outcome (`run/gates.py`, `report/verdict.py`). `docs/score.md` documents all
this with a worked example; tests keep both true.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Sequence

from partnercheck.findings import Finding, Severity
from partnercheck.records import Record
from partnercheck.report.i18n import Translator
from partnercheck.report.rate import RuleWeight, Written, dimension_of, dimension_rate, is_document_check
from partnercheck.report.verdict import NOT_CHECKED, READY, Verdict, baselined, verdict_of  # noqa: F401  (NOT_CHECKED, READY: re-exported)
from partnercheck.run.grouping import ungrouped

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

#: The engine's own checks (document, schema, references, internal errors): they judge the file's form, not its health.
ENGINE_PACKS: frozenset[str] = frozenset({"core"})

#: What an active finding weighs, by severity: an error on every item of a rule takes the rule's whole weight,
#: and a rule weighs what its severity weighs (docs/score.md). Errors weigh more than warnings, infos nothing.
DEFAULT_WEIGHTS: dict[str, float] = {"error": 3.0, "warning": 1.0, "info": 0.0}

#: From this score up, a dimension or a charter shows as healthy (green, "good"); from FAIR up, as fair.
HEALTHY = 80.0
FAIR = 50.0


def band(score: float) -> str:
    """"good" (healthy), "fair" or "poor": the colour a score is shown in."""
    return "good" if score >= HEALTHY else "fair" if score >= FAIR else "poor"


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


class Dimension(Record):
    """One dimension's score (None when none of its rules ran), whether its sections are absent, and what it counted."""

    __slots__ = ("name", "score", "errors", "warnings", "infos", "waived", "baselined", "absent", "unjudged")

    name: str
    score: float | None
    errors: int
    warnings: int
    infos: int
    waived: int
    baselined: int
    absent: bool
    #: Rules that lost their weight with nothing to judge, each with what is not written (`MEM05 /charter/status`).
    unjudged: tuple[str, ...]

    def __init__(self, name: str, score: float | None, errors: int = 0, warnings: int = 0, infos: int = 0, waived: int = 0, baselined: int = 0, absent: bool = False, unjudged: tuple[str, ...] = ()) -> None:
        self.name = name
        self.score = score
        self.errors = errors
        self.warnings = warnings
        self.infos = infos
        self.waived = waived
        self.baselined = baselined
        self.absent = absent
        self.unjudged = unjudged

    def title_in(self, tr: Translator) -> str:
        return title_of(self.name, tr)

    @property
    def title(self) -> str:
        return title_of(self.name)

    def to_dict(self) -> dict[str, Any]:
        return {"score": self.score, "absent": self.absent, "errors": self.errors, "warnings": self.warnings, "infos": self.infos, "waived": self.waived, "baselined": self.baselined, "unjudged": list(self.unjudged)}


class FileScore(Record):
    __slots__ = ("path", "dimensions", "overall", "verdict", "waived", "baselined", "outside_penalty", "readable", "packs")

    path: str
    dimensions: tuple[Dimension, ...]
    overall: float | None
    verdict: Verdict
    waived: int
    baselined: int
    #: Always 0: findings outside the ten dimensions do not lower the score (kept for readers of earlier reports).
    outside_penalty: float
    readable: bool
    #: The packs outside the ten dimensions whose rules ran (a plugin's, `change`): they check without scoring.
    packs: tuple[str, ...]

    def __init__(self, path: str, dimensions: tuple[Dimension, ...], overall: float | None, verdict: Verdict | None = None, waived: int = 0, baselined: int = 0, outside_penalty: float = 0.0, readable: bool = True, packs: tuple[str, ...] = ()) -> None:
        self._fill(path, dimensions, overall, Verdict() if verdict is None else verdict, waived, baselined, outside_penalty, readable, packs)

    @property
    def scored(self) -> bool:
        """Some health dimension was scored."""
        return any(d.score is not None for d in self.dimensions)

    @property
    def checked(self) -> bool:
        """Some rule judged the charter: a dimension's, or a selected pack's outside them."""
        return self.scored or bool(self.packs)

    @property
    def only_packs(self) -> tuple[str, ...]:
        """The packs that alone checked the file, when no dimension was scored; () otherwise."""
        return () if self.scored else self.packs

    def dimension(self, name: str) -> Dimension:
        return next(d for d in self.dimensions if d.name == name)

    def to_dict(self, tr: Translator | None = None) -> dict[str, Any]:
        return {
            "path": self.path,
            "overall": self.overall,
            "dimensions": {d.name: d.to_dict() for d in self.dimensions},
            "outside_penalty": self.outside_penalty,
            "waived": self.waived,
            "baselined": self.baselined,
            "readable": self.readable,
            "verdict": self.verdict.to_dict(tr),
        }


class RunScore(Record):
    """Every file's score, and a summary: mean and lowest overall, mean per dimension; the run's verdict."""

    __slots__ = ("files", "weights", "verdict")

    files: tuple[FileScore, ...]
    weights: Mapping[str, float]
    verdict: Verdict

    def __init__(self, files: tuple[FileScore, ...], weights: Mapping[str, float] | None = None, verdict: Verdict | None = None) -> None:
        self.files = files
        self.weights = dict(DEFAULT_WEIGHTS) if weights is None else weights
        self.verdict = Verdict() if verdict is None else verdict

    @property
    def ready(self) -> bool:
        return self.verdict.ready

    @property
    def blocking(self) -> int:
        return len(self.verdict.blocking)

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
        """Always 0: findings outside the ten dimensions do not lower the score."""
        return 0.0

    @property
    def label(self) -> str:
        return self.verdict.label

    def label_in(self, tr: Translator) -> str:
        return self.verdict.label_in(tr)

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
                    bool(dims) and all(d.absent for d in dims),
                )
            )
        return tuple(out)

    def below(self, minimum: float) -> list[FileScore]:
        """The files scoring below `minimum`, and those with no score (nothing was checked)."""
        return [f for f in self.files if f.overall is None or f.overall < minimum]

    def to_dict(self, tr: Translator | None = None) -> dict[str, Any]:
        """What machine formats publish: every file's score and the summary, sentences in `tr`'s language."""
        return {"files": [f.to_dict(tr) for f in self.files], "summary": self.summary(tr)}

    def summary(self, tr: Translator | None = None) -> dict[str, Any]:
        return {
            "files": len(self.files),
            "ready": sum(1 for f in self.files if f.verdict.ready),
            "mean": self.mean,
            "lowest": self.lowest,
            "waived": self.waived,
            "baselined": self.baselined,
            "verdict": {"ready": self.ready, "label": self.label_in(tr or Translator()), "blocking": self.blocking, "improve": self.verdict.improve, "packs": list(self.verdict.packs)},
            "dimensions": {d.name: d.score for d in self.dimensions()},
            "weights": dict(self.weights),
        }


def rule_weights(rules: Iterable[Any], weights: Mapping[Severity, float], settings: Any = None) -> dict[str, list[RuleWeight]]:
    """The rules that ran, by pack, each with the weight of its severity in the run (configuration overrides applied)."""
    out: dict[str, list[RuleWeight]] = {}
    for rule in rules:
        severity = settings.severity_of(rule) if settings is not None else rule.severity
        out.setdefault(rule.pack, []).append(RuleWeight(rule.code, weights[severity], tuple(rule.reads), rule.subject))
    return out


def score_findings(
    path: str,
    findings: Iterable[Finding],
    rules: Mapping[str, Sequence[RuleWeight]],
    data: Any,
    weights: Mapping[Severity, float] | None = None,
    readable: bool = True,
    written: Written | None = None,
) -> FileScore:
    """Score one file's findings: `rules` are the rules that ran, by pack (`rule_weights`), `data` the charter,
    `written` what the rate reads of it when the worker that checked the file worked it out (`FileResult.written`)."""
    weights = weights or weights_from()
    findings = list(findings)
    dimensions = tuple(_dimension(name, findings, rules.get(name, ()) if readable else (), data, weights, written) for name in DIMENSIONS)
    scored = [d.score for d in dimensions if d.score is not None]
    overall = _round(sum(scored) / len(scored)) if scored and readable else None
    held = sum(1 for f in findings if baselined(f))
    packs = tuple(sorted(p for p, ran in rules.items() if ran and p not in DIMENSIONS and p not in ENGINE_PACKS)) if readable else ()
    return FileScore(path, dimensions, overall, waived=sum(1 for f in findings if f.suppressed) - held, baselined=held, readable=readable, packs=packs)


def judged(scores: RunScore, outcome: Any, findings: Mapping[str, list[Finding]]) -> RunScore:
    """The scores with each file's verdict and the run's, from the run's outcome (`run/gates.Outcome`)."""
    files = tuple(f.replace(verdict=verdict_of(outcome, findings.get(f.path, []), f.overall, f.checked, f.path, packs=f.only_packs)) for f in scores.files)
    every = [x for fs in findings.values() for x in fs]
    checked = bool(files) and all(f.checked for f in files)
    below = len(outcome.below) if len(files) > 1 else 0
    packs = () if any(f.scored for f in files) else tuple(sorted({p for f in files for p in f.packs}))
    run = verdict_of(outcome, every, files[0].overall if len(files) == 1 else scores.mean, checked, None, below, packs=packs)
    return scores.replace(files=files, verdict=run.replace(files=max(1, len(files))))


def measure(run: Any, weights: Mapping[str, Any] | None = None) -> RunScore:
    """Score every file of a `RunResult`, with the weights of its settings unless given; no verdict yet."""
    if weights is None:
        weights = getattr(run.settings, "score_weights", None)
    table = weights_from(weights)
    rules = rule_weights(run.rules, table, run.settings)
    files = _measured(run, table, rules)
    return RunScore(files, {s.value: w for s, w in table.items()})


def _measured(run: Any, table: Mapping[Severity, float], rules: Mapping[str, Sequence[RuleWeight]]) -> tuple[FileScore, ...]:
    """Every file's score; from the results cache when this run (its files, bytes and settings: the cache's run key)
    was scored before with the same weights, rules and findings (baselined ones included), else measured and kept."""
    cache = getattr(run, "cache", None)
    inputs = _score_inputs(run, table, rules) if cache is not None else None
    known = cache.recall("score", inputs) if cache is not None else None
    if known is not None:
        try:
            return tuple(_file_score_from(row) for row in known)
        except Exception:  # an entry of another shape: measured again
            pass
    files = tuple(score_findings(f.path, f.findings, rules, f.data if f.readable else None, table, f.readable, getattr(f, "written", None)) for f in run.files)
    if cache is not None:
        cache.remember("score", inputs, [_file_score_row(f) for f in files])
    return files


def _score_inputs(run: Any, table: Mapping[Severity, float], rules: Mapping[str, Sequence[RuleWeight]]) -> list[Any]:
    """What measuring reads beyond the files' data (which the cache's run key fixes): weights, rules, every finding."""
    return [
        sorted((s.value, w) for s, w in table.items()),
        sorted([pack, [[r.code, r.weight, list(r.reads), r.subject] for r in found]] for pack, found in rules.items()),
        [[f.path, f.readable, [[x.code, x.pack, x.severity.value, x.pointer, x.suppression.kind if x.suppression is not None else None] for x in f.findings]] for f in run.files],
    ]


def _file_score_row(f: FileScore) -> list[Any]:
    return [f.path, f.overall, f.waived, f.baselined, f.readable, list(f.packs), [[d.name, d.score, d.errors, d.warnings, d.infos, d.waived, d.baselined, d.absent, list(d.unjudged)] for d in f.dimensions]]


def _file_score_from(row: list[Any]) -> FileScore:
    path, overall, waived, held, readable, packs, dimensions = row
    dims = tuple(Dimension(str(n), s, int(e), int(w), int(i), int(wv), int(b), bool(a), tuple(str(u) for u in un)) for n, s, e, w, i, wv, b, a, un in dimensions)
    if tuple(d.name for d in dims) != DIMENSIONS:
        raise ValueError("not the dimensions of this version")
    return FileScore(str(path), dims, overall, waived=int(waived), baselined=int(held), readable=bool(readable), packs=tuple(str(p) for p in packs))


def score_run(run: Any, weights: Mapping[str, Any] | None = None, tr: Translator | None = None, outcome: Any = None) -> RunScore:
    """Score every file of a `RunResult` and judge it by `outcome` (the run's `run/gates.RunOutcome`;
    decided here when the caller has none). The verdict's words are translated when shown
    (`label_in`); `tr` is accepted for callers that pass it. `report/inputs.prepare` does both once per run."""
    from partnercheck.run.gates import outcome as outcome_of

    scores = measure(run, weights)
    if outcome is None:
        outcome = outcome_of(run, ((f.path, f.overall) for f in scores.files))
    return judged(scores, outcome, findings_by_path(run))


def findings_by_path(run: Any) -> dict[str, list[Finding]]:
    return {f.path: list(f.findings) for f in run.files}


def _dimension(name: str, findings: Sequence[Finding], rules: Sequence[RuleWeight], data: Any, weights: Mapping[Severity, float], written: Written | None = None) -> Dimension:
    """The dimension's rate and counts: its pack's findings and the document checks on its sections. The counts are
    of findings as reported (a grouped finding once); the rate weighs each of their places (docs/score.md)."""
    mine = [f for f in findings if f.pack == name or (is_document_check(f) and dimension_of(f.pointer) == name)]
    active = [f for f in mine if not f.suppressed]
    count = {s: sum(1 for f in active if f.severity is s) for s in Severity}
    rate = dimension_rate(name, rules, ungrouped(active), data, weights, written)
    held = sum(1 for f in mine if baselined(f))
    score = _round(rate.score) if rate.score is not None else None
    return Dimension(name, score, count[Severity.ERROR], count[Severity.WARNING], count[Severity.INFO], len(mine) - len(active) - held, held, rate.absent, rate.unjudged)


def _round(value: float) -> float:
    return round(value, 1)
