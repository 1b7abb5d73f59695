"""The signing verdict: one sentence that agrees with the exit code, from the run's outcome (`run/gates.py`).

Three states a coordinator reads: "Not ready to sign: 2 blocking problems",
"Ready to sign, with 5 points to improve", "Ready to sign" (and "Not checked"
when no health rule ran). When only the rules of packs outside the ten dimensions
ran (a plugin's pack selected alone), the sentence says so: "Ready to sign
(checked by the selected rules of pack acme only)". What blocks is exactly what fails the run: the
findings at the fail level (`--fail-on`, `--max-warnings`) and a score below
`--min-score`; those options are stated beside the sentence only when they
decide the exit code. The verdict is given the outcome; it never recomputes it.
"""

from __future__ import annotations

from typing import Any

from partnercheck.findings import Finding, Severity
from partnercheck.records import Record
from partnercheck.report.i18n import Translator

READY = "Ready to sign"
NOT_CHECKED = "Not checked: no health rule ran"


class Verdict(Record):
    """What blocks signing (the failing findings, a score below the minimum) and what is left to improve."""

    __slots__ = ("blocking", "checked", "improve", "score", "below", "below_files", "fail_on", "max_warnings", "exit_zero", "packs", "files")

    blocking: tuple[Finding, ...]
    checked: bool
    #: Active findings that do not fail the run: points to improve.
    improve: int
    #: The score, and the minimum it falls below (None when no minimum decides); `below_files` for a run.
    score: float | None
    below: float | None
    below_files: int
    #: The fail level, when findings below error fail the run; `--max-warnings`, when warnings fail past it.
    fail_on: Severity | None
    max_warnings: int | None
    exit_zero: bool
    #: The packs outside the ten dimensions that alone checked the charter (no dimension scored), named in the sentence.
    packs: tuple[str, ...]
    #: How many charters the sentence is about: 1 for a file's verdict, the number of files for a run's.
    files: int

    def __init__(self, blocking: tuple[Finding, ...] = (), checked: bool = True, improve: int = 0, score: float | None = None, below: float | None = None, below_files: int = 0, fail_on: Severity | None = None, max_warnings: int | None = None, exit_zero: bool = False, packs: tuple[str, ...] = (), files: int = 1) -> None:
        self._fill(blocking, checked, improve, score, below, below_files, fail_on, max_warnings, exit_zero, packs, files)

    @property
    def ready(self) -> bool:
        """Nothing fails the run and something was checked: the exit code is 0 (`--exit-zero` aside)."""
        return self.checked and not self.blocking and self.below is None

    @property
    def label(self) -> str:
        return self.label_in(Translator())

    def label_in(self, tr: Translator, plain: bool = False) -> str:
        """The verdict sentence in the translator's language, naming the packs that alone checked the charter.
        `plain`: for a partnership board, the options that decide the exit code in words ("warnings included"),
        not as command-line options (`--fail-on warning`). Its subject is the charter, or the charters of a run of
        several files (French agrees with it)."""
        sentence = self._sentence(tr, plain)
        if not self.packs or not self.checked:
            return sentence
        by = tr.ngettext("checked by the selected rules of pack {packs} only", "checked by the selected rules of packs {packs} only", len(self.packs), packs=", ".join(self.packs))
        return f"{sentence} ({by})"

    def _sentence(self, tr: Translator, plain: bool) -> str:
        if self.blocking or self.below is not None:
            return _not_ready(self, tr, plain)
        if not self.checked:
            return tr.ngettext(NOT_CHECKED, NOT_CHECKED, self.files)
        ready = tr.ngettext(READY, READY, self.files)
        if not self.improve:
            return ready
        return tr.words("{verdict}, with {points} to improve", verdict=ready, points=tr.ngettext("{n} point", "{n} points", self.improve))

    def to_dict(self, tr: Translator | None = None) -> dict[str, Any]:
        """The verdict as data; its sentence in `tr`'s language (English without one)."""
        return {
            "ready": self.ready,
            "label": self.label_in(tr or Translator()),
            "checked": self.checked,
            "packs": list(self.packs),
            "improve": self.improve,
            "blocking": [
                {"code": f.code, "name": f.name, "severity": f.severity.value, "path": f.path, "line": f.line, "column": f.column, "pointer": f.pointer, "message": f.message, "baselined": baselined(f)}
                for f in self.blocking
            ],
        }


def verdict_of(
    outcome: Any, findings: list[Finding], score: float | None, checked: bool, path: str | None = None, below_files: int = 0, packs: tuple[str, ...] = ()
) -> Verdict:
    """The verdict of one file (`path`) or of the whole run (None), from the run's outcome (`run/gates.Outcome`);
    `packs`: the packs outside the ten dimensions that alone checked it."""
    blocking = outcome.failing if path is None else outcome.failing_in(path)
    below = outcome.min_score if (outcome.below if path is None else path in outcome.below) else None
    warnings = sum(1 for f in blocking if f.severity is Severity.WARNING)
    return Verdict(
        blocking=tuple(blocking),
        checked=checked,
        improve=sum(1 for f in findings if not f.suppressed) - len(blocking),
        score=score,
        below=below,
        below_files=below_files,
        fail_on=outcome.fail_on if any(f.severity is not Severity.ERROR and f.severity.at_least(outcome.fail_on) for f in blocking) else None,
        max_warnings=outcome.max_warnings if warnings else None,
        exit_zero=outcome.exit_zero,
        packs=packs,
    )


def baselined(finding: Finding) -> bool:
    """Hidden by the baseline: recorded to fail CI only on new findings."""
    return finding.suppression is not None and finding.suppression.kind == "baseline"


def _not_ready(v: Verdict, tr: Translator, plain: bool = False) -> str:
    """"Not ready to sign: 17 blocking problems (--fail-on warning); health score below --min-score 80"."""
    reasons = []
    if v.blocking:
        reasons.append(tr.ngettext("{n} blocking problem", "{n} blocking problems", len(v.blocking)) + (_in_words(v, tr) if plain else _stated(v, tr)))
    if v.below is not None:
        reasons.append(_below(v, tr, plain))
    sentence = tr.ngettext("Not ready to sign: {reasons}", "Not ready to sign: {reasons}", v.files, reasons=tr.words("; ").join(reasons))
    return sentence + (" (" + tr.words("exit code 0 by --exit-zero") + ")" if v.exit_zero and not plain else "")


def _stated(v: Verdict, tr: Translator) -> str:
    """The options that decide the exit code beside the count: the fail level, the warnings allowed."""
    parts = [f"--fail-on {v.fail_on.value}"] if v.fail_on is not None else []
    if v.max_warnings is not None:
        parts.append(tr.words("past --max-warnings {n}", n=v.max_warnings))
    return f" ({', '.join(parts)})" if parts else ""


def _in_words(v: Verdict, tr: Translator) -> str:
    """The same, for a board: "(warnings included)", "(more warnings than the 5 allowed)"."""
    parts = []
    if v.fail_on is Severity.WARNING:
        parts.append(tr.words("warnings included"))
    elif v.fail_on is Severity.INFO:
        parts.append(tr.words("warnings and infos included"))
    if v.max_warnings is not None:
        parts.append(tr.ngettext("more warnings than the {n} allowed", "more warnings than the {n} allowed", v.max_warnings))
    return f" ({', '.join(parts)})" if parts else ""


def _below(v: Verdict, tr: Translator, plain: bool = False) -> str:
    minimum = tr.number(v.below or 0)
    if plain:
        return tr.words("health score below the minimum of {minimum} set for this check", minimum=minimum)
    if v.below_files:
        return tr.ngettext("{n} file below --min-score {minimum}", "{n} files below --min-score {minimum}", v.below_files, minimum=minimum)
    if v.score is None:
        return tr.words("no health score to meet --min-score {minimum}", minimum=minimum)
    return tr.words("health score below --min-score {minimum}", minimum=minimum)
