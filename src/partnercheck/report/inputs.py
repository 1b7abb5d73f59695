"""What a reporter receives: the run, its options, the score and the outcome, each computed once.

The command line prepares one `ReportInput` per run and hands it to every
format in its options (`options["report"]`, with `scores` and `outcome` beside
it for plugin reporters). A reporter called directly with a bare run (a
plugin's test, say) gets the same input built on the spot.
"""

from __future__ import annotations

from typing import Any, Mapping

from partnercheck.records import Record
from partnercheck.report.i18n import Translator, of
from partnercheck.report.score import RunScore, findings_by_path, judged, measure
from partnercheck.run.engine import RunResult
from partnercheck.run.gates import RunOutcome, failing, outcome


class ReportOptions(Record):
    """How to render: colour, quiet, width, the working directory, the reader's language, and SARIF's suppressed findings (omit or include)."""

    __slots__ = ("translator", "color", "quiet", "cwd", "width", "statistics", "sarif_suppressed")

    translator: Translator
    color: bool
    quiet: bool
    cwd: str | None
    width: int | None
    statistics: bool
    sarif_suppressed: str

    def __init__(self, translator: Translator, color: bool = False, quiet: bool = False, cwd: str | None = None, width: int | None = None, statistics: bool = False, sarif_suppressed: str = "omit") -> None:
        self.translator = translator
        self.color = color
        self.quiet = quiet
        self.cwd = cwd
        self.width = width
        self.statistics = statistics
        self.sarif_suppressed = sarif_suppressed

    def as_mapping(self) -> dict[str, Any]:
        """The options mapping `render(run, options)` has always received."""
        return {"color": self.color, "quiet": self.quiet, "cwd": self.cwd, "width": self.width, "translator": self.translator, "lang": self.translator.lang, "statistics": self.statistics, "sarif_suppressed": self.sarif_suppressed}


class ReportInput(Record):
    """A run ready to report: the results, the health scores and whether the run fails."""

    __slots__ = ("run", "scores", "outcome")

    run: RunResult
    scores: RunScore
    outcome: RunOutcome

    def __init__(self, run: RunResult, scores: RunScore, outcome: RunOutcome) -> None:
        self.run = run
        self.scores = scores
        self.outcome = outcome


def prepare(run: RunResult, tr: Translator | None = None) -> ReportInput:
    """Score the run, decide its outcome, and judge each file by that outcome: each once."""
    measured = measure(run)  # counts findings as reported, weighs each place of a grouped one
    decided = outcome(run, ((f.path, f.overall) for f in measured.files), failing(run))
    return ReportInput(run, judged(measured, decided, findings_by_path(run)), decided)


def options_for(report: ReportInput, options: ReportOptions) -> dict[str, Any]:
    """The options mapping handed to every format: the rendering options plus the prepared input."""
    return {**options.as_mapping(), "report": report, "scores": report.scores, "outcome": report.outcome}


def input_of(run: Any, options: Mapping[str, Any]) -> ReportInput:
    """The input the caller prepared for this run, else one built now."""
    found = options.get("report")
    if isinstance(found, ReportInput) and found.run is run:
        return found
    return prepare(run, of(options))
