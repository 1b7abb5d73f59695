"""The score block of the text output: verdict, overall score and a bar per dimension (rich)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..score import Dimension, FileScore, RunScore, baselined

#: Marks a blocking error that only the baseline hides.
BASELINED = " (baselined)"

BAR_WIDTH = 20
#: Added to "Ready to sign" when findings below error still fail the run.
NO_BLOCKING = " (no blocking error)"
#: The row under the chart for findings outside the ten dimensions (docs/score.md).
OTHER_RULES = "Other rules"
#: Past this many files, the per-file lines list only the files not ready to sign.
MANY_FILES = 20


def scorecard(scores: RunScore) -> RenderableType:
    """One file: its verdict, score and chart. Several: a line per file, then the summary and mean chart."""
    note = _note(scores)
    if len(scores.files) == 1:
        only = scores.files[0]
        head = _verdict_line(only.verdict.ready, only.verdict.label, only.overall, only.waived, only.baselined, note=note)
        return Group(head, *_note_lines(scores, note), _blocking(only), _chart(only.dimensions, only.outside_penalty))
    lines = _file_lines(scores.files)
    head = _verdict_line(scores.ready, scores.label, scores.mean, scores.waived, scores.baselined, f"mean of {len(scores.files)} files, lowest {_num(scores.lowest)}", note)
    return Group(*lines, head, *_note_lines(scores, note), _chart(scores.dimensions(), scores.outside_penalty))


def _note(scores: RunScore) -> str:
    """Why a run ready to sign still fails (findings at the fail level), or ""."""
    return scores.note if scores.ready else ""


def _note_lines(scores: RunScore, note: str) -> list[Text]:
    return [Text(f"  but {note}", style="yellow")] if note else []


def _verdict_line(ready: bool, label: str, overall: float | None, waived: int, baselined: int, extra: str = "", note: str = "") -> Text:
    text = Text()
    text.append(f"{'✔' if ready else '✘'} {label}{NO_BLOCKING if note else ''}", style="bold green" if ready else "bold red")
    text.append(f" — health score {_out_of(overall)}")
    details = [d for d in (extra, f"{waived} waived" if waived else "", f"{baselined} baselined" if baselined else "") if d]
    if details:
        text.append(f" ({'; '.join(details)})", style="dim")
    return text


def _file_lines(files: tuple[FileScore, ...]) -> list[Text]:
    if len(files) <= MANY_FILES:
        return [_file_line(f) for f in files]
    blocked = [f for f in files if not f.verdict.ready]
    ready = len(files) - len(blocked)
    return [_file_line(f) for f in blocked] + ([Text(f"  … and {ready} more file{'' if ready == 1 else 's'} ready to sign", style="green")] if ready else [])


def _file_line(score: FileScore) -> Text:
    style = "green" if score.verdict.ready else "red"
    return Text(f"  {score.path}: ", style="bold").append(f"{score.verdict.label}, score {_out_of(score.overall)}", style=style)


def _blocking(score: FileScore) -> RenderableType:
    lines = [Text(f"  - {f.code} line {f.line}: {f.message}{BASELINED if baselined(f) else ''}", style="red") for f in score.verdict.blocking]
    return Group(*lines)


def _chart(dimensions: tuple[Dimension, ...], outside: float = 0.0) -> Table:
    table = Table.grid(padding=(0, 1))
    for dim in dimensions:
        table.add_row(Text(f"  {dim.title:<15}"), Text(bar(dim.score, BAR_WIDTH), style=_style(dim.score)), Text(_num(dim.score).rjust(5), style="bold"))
    if outside > 0:
        table.add_row(Text(f"  {OTHER_RULES:<15}"), Text(" " * BAR_WIDTH), Text(f"-{outside:g}".rjust(5), style="bold red"))
    return table


def bar(score: float | None, width: int = BAR_WIDTH) -> str:
    """A text bar of `width` cells for a 0–100 score (dots for an unscored dimension)."""
    if score is None:
        return "·" * width
    full = int(round(score / 100 * width))
    return "█" * full + "░" * (width - full)


def _style(score: float | None) -> str:
    if score is None:
        return "dim"
    return "green" if score >= 80 else "yellow" if score >= 50 else "red"


def _out_of(value: float | None) -> str:
    """"85/100", or "n/a" when nothing was scored."""
    return "n/a" if value is None else f"{value:g}/100"


def _num(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:g}"
