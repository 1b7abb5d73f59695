"""The score block of the text output: verdict, overall score and a bar per dimension (rich)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from partnercheck.report.formats.scoreblock import (
    BAR_WIDTH,
    BASELINED_WORD,
    MANY_FILES,
    NO_BLOCKING_WORDS,
    OUTSIDE,
    bar,
    blocking_line,
    but_line,
    file_head,
    file_verdict,
    health_score,
    mean_of,
    more_ready,
    num,
    verdict_details,
    verdict_head,
)
from partnercheck.report.i18n import Translator
from partnercheck.report.score import Dimension, FileScore, RunScore

#: Marks a blocking error that only the baseline hides (English; the words go through the translator).
BASELINED = f" ({BASELINED_WORD})"

#: Added to "Ready to sign" when findings below error still fail the run.
NO_BLOCKING = f" ({NO_BLOCKING_WORDS})"
#: The row under the chart for findings outside the ten dimensions (docs/score.md).
OTHER_RULES = "Other rules"


def scorecard(scores: RunScore, tr: Translator | None = None) -> RenderableType:
    """One file: its verdict, score and chart. Several: a line per file, then the summary and mean chart."""
    tr = tr or Translator()
    note = _note(scores)
    if len(scores.files) == 1:
        only = scores.files[0]
        head = _verdict_line(tr, only.verdict.ready, only.verdict.label_in(tr), only.overall, only.waived, only.baselined, note=note)
        return Group(head, *_note_lines(tr, note), _blocking(tr, only), _chart(tr, only.dimensions, only.outside_penalty))
    lines = _file_lines(tr, scores.files)
    head = _verdict_line(tr, scores.ready, scores.label_in(tr), scores.mean, scores.waived, scores.baselined, mean_of(tr, scores), note)
    return Group(*lines, head, *_note_lines(tr, note), _chart(tr, scores.dimensions(), scores.outside_penalty))


def _note(scores: RunScore) -> str:
    """Why a run ready to sign still fails (findings at the fail level), or ""."""
    return scores.note if scores.ready else ""


def _note_lines(tr: Translator, note: str) -> list[Text]:
    return [Text(but_line(tr, note), style="yellow")] if note else []


def _verdict_line(tr: Translator, ready: bool, label: str, overall: float | None, waived: int, baselined: int, extra: str = "", note: str = "") -> Text:
    text = Text()
    text.append(verdict_head(tr, ready, label, note), style="bold green" if ready else "bold red")
    text.append(health_score(tr, overall))
    details = verdict_details(tr, waived, baselined, extra)
    if details:
        text.append(f" ({'; '.join(details)})", style="dim")
    return text


def _file_lines(tr: Translator, files: tuple[FileScore, ...]) -> list[Text]:
    if len(files) <= MANY_FILES:
        return [_file_line(tr, f) for f in files]
    blocked = [f for f in files if not f.verdict.ready]
    ready = len(files) - len(blocked)
    return [_file_line(tr, f) for f in blocked] + ([Text(more_ready(tr, ready), style="green")] if ready else [])


def _file_line(tr: Translator, score: FileScore) -> Text:
    style = "green" if score.verdict.ready else "red"
    return Text(f"  {file_head(tr, score.path)}", style="bold").append(file_verdict(tr, score), style=style)


def _blocking(tr: Translator, score: FileScore) -> RenderableType:
    return Group(*[Text(blocking_line(tr, f), style="red") for f in score.verdict.blocking])


def _chart(tr: Translator, dimensions: tuple[Dimension, ...], outside: float = 0.0) -> Table:
    table = Table.grid(padding=(0, 1))
    for dim in dimensions:
        table.add_row(Text(f"  {dim.title_in(tr):<15}"), Text(bar(dim.score, BAR_WIDTH), style=_style(dim.score)), Text(num(dim.score, tr).rjust(5), style="bold"))
    if outside > 0:
        table.add_row(Text(f"  {tr.words(OTHER_RULES):<15}"), Text(tr.words(OUTSIDE)[:BAR_WIDTH].ljust(BAR_WIDTH), style="dim"), Text(f"-{tr.number(outside)}".rjust(5), style="bold red"))
    return table


def _style(score: float | None) -> str:
    if score is None:
        return "dim"
    return "green" if score >= 80 else "yellow" if score >= 50 else "red"
