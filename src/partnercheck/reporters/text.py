"""Human output: `path:line:col: CODE severity message`, the source line with a caret, the hint.

Colour output (a terminal, `--color always`) goes through rich. Without
colour (a pipe, a file, `NO_COLOR`) the same text is built from plain
strings, without importing rich: what rich prints without colour, faster,
and tests/test_text_plain.py compares both. Text that only rich lays out
exactly (tabs, control characters, a narrow width) is left to rich.
"""

from __future__ import annotations

import io
import re
from typing import Any, Mapping

from ..findings import Finding, Severity
from ..printable import visible
from .common import counts, plural

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
WIDTH = 100
#: Characters rich would expand or strip (tabs, control characters): such output is left to rich.
_RICH_ONLY = re.compile("[\x00-\x09\x0b-\x1f\x7f]")


def console_for(options: Mapping[str, Any]) -> tuple[Any, io.StringIO]:
    from rich.console import Console

    buffer = io.StringIO()
    color = bool(options.get("color"))
    console = Console(file=buffer, force_terminal=color, no_color=not color, color_system="standard" if color else None, width=int(options.get("width") or WIDTH), highlight=False, emoji=False, soft_wrap=True)
    return console, buffer


def render(run: Any, options: Mapping[str, Any]) -> str:
    if not options.get("color") and int(options.get("width") or WIDTH) == WIDTH:
        text = render_plain(run, options)
        if text is not None:
            return text
    return render_rich(run, options)


# plain ------------------------------------------------------------------------------
def render_plain(run: Any, options: Mapping[str, Any]) -> str | None:
    """The text without colour, or None when only rich can lay it out exactly."""
    out: list[str] = []
    quiet = bool(options.get("quiet"))
    for file in run.files:
        lines = file.document.text.splitlines() if file.document is not None else []
        for finding in file.findings:
            if not finding.suppressed:
                _plain_finding(out, finding, lines, quiet)
    if not quiet or run.active:
        out.append(_summary_text(run) + "\n")
    if not quiet and run.files:
        from ..score import score_run

        card = _plain_scorecard(score_run(run))
        if card is None:
            return None
        out.append(card)
    text = "".join(out)
    return None if _RICH_ONLY.search(text) else text


def _plain_finding(out: list[str], f: Finding, lines: list[str], quiet: bool) -> None:
    out.append(f"{f.path}:{f.line}:{f.column}: {f.code} {f.severity.value} {f.message} [{f.name}]\n")
    if quiet:
        return
    if 0 < f.line <= len(lines):
        gutter, caret = _excerpt_parts(f, lines[f.line - 1])
        out.append(gutter + "\n" + caret + "\n")
    if f.hint:
        out.append("  = hint: " + _indent(f.hint) + "\n")
    out.append("\n")


def _plain_scorecard(scores: Any) -> str | None:
    """reporters/scorecard.py's block, as plain lines (the same text rich prints without colour)."""
    from ..score import baselined

    lines: list[str] = []
    note = scores.note if scores.ready else ""
    if len(scores.files) == 1:
        only = scores.files[0]
        lines.append(_verdict_text(only.verdict.ready, only.verdict.label, only.overall, only.waived, only.baselined, note=note))
        lines += [f"  but {note}"] if note else []
        lines += [f"  - {f.code} line {f.line}: {f.message}{' (baselined)' if baselined(f) else ''}" for f in only.verdict.blocking]
        dimensions, outside = only.dimensions, only.outside_penalty
    else:
        files = scores.files
        shown = files if len(files) <= MANY_FILES else [f for f in files if not f.verdict.ready]
        lines += [f"  {f.path}: {f.verdict.label}, score {_out_of(f.overall)}" for f in shown]
        ready = len(files) - len(shown)
        if ready:
            lines.append(f"  … and {ready} more file{'' if ready == 1 else 's'} ready to sign")
        lines.append(_verdict_text(scores.ready, scores.label, scores.mean, scores.waived, scores.baselined, f"mean of {len(files)} files, lowest {_num(scores.lowest)}", note))
        lines += [f"  but {note}"] if note else []
        dimensions, outside = scores.dimensions(), scores.outside_penalty
    titles = [f"  {d.title:<15}" for d in dimensions]
    width = max((len(t) for t in titles), default=0)
    for title, dim in zip(titles, dimensions):
        row = f"{title:<{width}} {bar(dim.score, BAR_WIDTH)} {_num(dim.score).rjust(5)}"
        if len(row) > WIDTH or not title.isascii():
            return None
        lines.append(row)
    if outside > 0:
        penalty = f"-{outside:g}"
        if len(penalty) > 5:  # rich widens the column: left to rich
            return None
        lines.append(f"{'  Other rules':<{width}} {' ' * BAR_WIDTH} {penalty.rjust(5)}")
    return "".join(line + "\n" for line in lines)


#: As in reporters/scorecard.py, which imports rich; tests/test_text_plain.py keeps both outputs equal.
BAR_WIDTH = 20
MANY_FILES = 20


def bar(score: float | None, width: int = BAR_WIDTH) -> str:
    if score is None:
        return "·" * width
    full = int(round(score / 100 * width))
    return "█" * full + "░" * (width - full)


def _verdict_text(ready: bool, label: str, overall: float | None, waived: int, baselined: int, extra: str = "", note: str = "") -> str:
    details = [d for d in (extra, f"{waived} waived" if waived else "", f"{baselined} baselined" if baselined else "") if d]
    label += " (no blocking error)" if note else ""
    return f"{'✔' if ready else '✘'} {label} — health score {_out_of(overall)}" + (f" ({'; '.join(details)})" if details else "")


def _out_of(value: float | None) -> str:
    """"85/100", or "n/a" when nothing was scored."""
    return "n/a" if value is None else f"{value:g}/100"


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}"


# shared -------------------------------------------------------------------------------
def _excerpt_parts(f: Finding, source: str) -> tuple[str, str]:
    """The source line (control characters escaped, so it cannot drive the terminal) and its caret line."""
    source = source.expandtabs(1)
    width = max(1, (f.end_column - f.column + 1) if f.end_line == f.line else len(source) - f.column + 1)
    width = min(width, max(1, len(source) - f.column + 1), 80)
    shown = [visible(ch) for ch in source[:200]]
    start = len("".join(shown[: f.column - 1])) + max(0, f.column - 1 - len(shown))
    width = max(1, len("".join(shown[f.column - 1 : f.column - 1 + width])))
    return f"{f.line:>5} | " + "".join(shown), " " * 5 + " | " + " " * start + "^" * width


def _indent(text: str) -> str:
    return text.strip("\n").replace("\n", "\n" + " " * 10)


def _summary_text(run: Any) -> str:
    c = counts(run)
    held = sum(1 for f in run.findings if f.suppression is not None and f.suppression.kind == "baseline")
    hidden = [f"{c['suppressed'] - held} waived or suppressed" if c["suppressed"] > held else "", f"{held} baselined" if held else ""]
    waived = f" ({'; '.join(h for h in hidden if h)})" if c["suppressed"] else ""
    if not run.active and run.errors:  # never "all clear" when part of the run failed
        return f"Not checked in full: {plural(len(run.errors), 'error')} reported on standard error; {plural(c['files'], 'file')} checked, no findings{waived}."
    if not run.active and not c["files"]:
        return "No charter found: 0 files checked."
    if not run.active:
        return f"All clear: {plural(c['files'], 'file')} checked, no findings{waived}."
    parts = [plural(c["errors"], "error"), plural(c["warnings"], "warning"), plural(c["infos"], "info")]
    return f"Found {', '.join(parts)} in {plural(c['files'], 'file')}{waived}."


# rich ---------------------------------------------------------------------------------
def render_rich(run: Any, options: Mapping[str, Any]) -> str:
    console, buffer = console_for(options)
    quiet = bool(options.get("quiet"))
    for file in run.files:
        lines = file.document.text.splitlines() if file.document is not None else []
        for finding in file.findings:
            if not finding.suppressed:
                _finding(console, finding, lines, quiet)
    if not quiet or run.active:
        console.print(summary(run))
    if not quiet and run.files:
        from ..score import score_run
        from .scorecard import scorecard

        console.print(scorecard(score_run(run)))
    return buffer.getvalue()


def _finding(console: Any, f: Finding, lines: list[str], quiet: bool) -> None:
    from rich.text import Text

    head = Text()
    head.append(f"{f.path}:{f.line}:{f.column}: ", style="bold")
    head.append(f.code, style=STYLES[f.severity])
    head.append(f" {f.severity.value} ", style=STYLES[f.severity])
    head.append(f.message)
    head.append(f" [{f.name}]", style="dim")
    console.print(head)
    if quiet:
        return
    if 0 < f.line <= len(lines):
        _excerpt(console, f, lines[f.line - 1])
    if f.hint:
        console.print(Text("  = hint: ", style="green").append(_indent(f.hint), style=""))
    console.print()


def _excerpt(console: Any, f: Finding, source: str) -> None:
    from rich.text import Text

    gutter, caret = _excerpt_parts(f, source)
    console.print(Text(gutter[:8], style="blue").append(gutter[8:]))
    console.print(Text(caret[:8], style="blue").append(caret[8:], style=STYLES[f.severity]))


def summary(run: Any) -> Any:
    from rich.text import Text

    c = counts(run)
    style = "green" if not run.active and not run.errors and c["files"] else "bold red" if c["errors"] else "yellow"
    return Text(_summary_text(run), style=style)
