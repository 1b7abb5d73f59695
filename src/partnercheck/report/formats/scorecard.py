"""The score block of the text output: verdict, overall score and a bar per dimension (rich)."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from partnercheck.report.formats.scoreblock import (
    BAR_WIDTH,
    MANY_FILES,
    absent_line,
    bar,
    blocking_lines,
    file_head,
    file_verdict,
    health_score,
    mean_of,
    more_ready,
    num,
    unjudged_line,
    unread_line,
    verdict_details,
    verdict_head,
)
from partnercheck.report.i18n import Translator
from partnercheck.report.score import Dimension, FileScore, RunScore, band


def scorecard(scores: RunScore, tr: Translator | None = None, misspelt: frozenset[str] = frozenset()) -> RenderableType:
    """One file: its verdict, score and chart. Several: a line per file, then the summary and mean chart."""
    tr = tr or Translator()
    if len(scores.files) == 1:
        only = scores.files[0]
        head = _verdict_line(tr, only.verdict, only.overall, only.waived, only.baselined, assessed=only.readable)
        if not only.readable:
            return Group(head, _blocking(tr, only), Text(unread_line(tr), style="yellow"))
        return Group(head, _blocking(tr, only), _chart(tr, only.dimensions, misspelt))
    lines = _file_lines(tr, scores.files)
    head = _verdict_line(tr, scores.verdict, scores.mean, scores.waived, scores.baselined, mean_of(tr, scores))
    return Group(*lines, head, _chart(tr, scores.dimensions()))


def _verdict_line(tr: Translator, verdict: Any, overall: float | None, waived: int, baselined: int, extra: str = "", assessed: bool = True) -> Text:
    text = Text()
    text.append(verdict_head(tr, verdict), style="bold green" if verdict.ready else "bold red")
    text.append(health_score(tr, overall, assessed))
    details = verdict_details(tr, waived, baselined, extra)
    if details:
        text.append(f" ({tr.words('; ').join(details)})", style="dim")
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
    return Group(*[Text(line, style="red") for line in blocking_lines(tr, score.verdict)])


def _chart(tr: Translator, dimensions: tuple[Dimension, ...], misspelt: frozenset[str] = frozenset()) -> RenderableType:
    table = Table.grid(padding=(0, 1))
    for dim in dimensions:
        table.add_row(Text(f"  {dim.title_in(tr):<15}"), Text(bar(dim.score, BAR_WIDTH), style=_style(dim.score)), Text(num(dim.score, tr).rjust(5), style="bold"))
    notes = [Text(absent_line(tr, dimensions), style="yellow")] if any(d.absent for d in dimensions) else []
    unjudged = unjudged_line(tr, dimensions, misspelt)
    notes += [Text(unjudged, style="yellow")] if unjudged else []
    return Group(table, *notes) if notes else table


def _style(score: float | None) -> str:
    if score is None:
        return "dim"
    return {"good": "green", "fair": "yellow", "poor": "red"}[band(score)]
