"""The score block of the text output: verdict, overall score and a bar per dimension (rich)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..score import Dimension, FileScore, RunScore

BAR_WIDTH = 20
#: Past this many files, the per-file lines list only the files not ready to sign.
MANY_FILES = 20


def scorecard(scores: RunScore) -> RenderableType:
    """One file: its verdict, score and chart. Several: a line per file, then the summary and mean chart."""
    if len(scores.files) == 1:
        only = scores.files[0]
        return Group(_verdict_line(only.verdict.ready, only.verdict.label, only.overall, only.waived), _blocking(only), _chart(only.dimensions))
    lines = _file_lines(scores.files)
    head = _verdict_line(scores.ready, scores.label, scores.mean, scores.waived, f"mean of {len(scores.files)} files, lowest {_num(scores.lowest)}")
    return Group(*lines, head, _chart(scores.dimensions()))


def _verdict_line(ready: bool, label: str, overall: float | None, waived: int, extra: str = "") -> Text:
    text = Text()
    text.append(f"{'✔' if ready else '✘'} {label}", style="bold green" if ready else "bold red")
    text.append(f" — health score {_num(overall)}/100")
    details = [d for d in (extra, f"{waived} waived" if waived else "") if d]
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
    return Text(f"  {score.path}: ", style="bold").append(f"{score.verdict.label}, score {_num(score.overall)}/100", style=style)


def _blocking(score: FileScore) -> RenderableType:
    lines = [Text(f"  - {f.code} line {f.line}: {f.message}", style="red") for f in score.verdict.blocking]
    return Group(*lines)


def _chart(dimensions: tuple[Dimension, ...]) -> Table:
    table = Table.grid(padding=(0, 1))
    for dim in dimensions:
        table.add_row(Text(f"  {dim.title:<15}"), Text(bar(dim.score, BAR_WIDTH), style=_style(dim.score)), Text(_num(dim.score).rjust(5), style="bold"))
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


def _num(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:g}"
