"""Human output: `path:line:col: CODE severity message`, the source line with a caret, the hint."""

from __future__ import annotations

import io
from typing import Any, Mapping

from rich.console import Console
from rich.text import Text

from ..findings import Finding, Severity
from .common import counts, plural

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def console_for(options: Mapping[str, Any]) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    color = bool(options.get("color"))
    console = Console(file=buffer, force_terminal=color, no_color=not color, color_system="standard" if color else None, width=int(options.get("width") or 100), highlight=False, emoji=False, soft_wrap=True)
    return console, buffer


def render(run: Any, options: Mapping[str, Any]) -> str:
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


def _finding(console: Console, f: Finding, lines: list[str], quiet: bool) -> None:
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


def _excerpt(console: Console, f: Finding, source: str) -> None:
    source = source.expandtabs(1)
    gutter = f"{f.line:>5} | "
    console.print(Text(gutter, style="blue").append(source[:200]))
    width = max(1, (f.end_column - f.column + 1) if f.end_line == f.line else len(source) - f.column + 1)
    width = min(width, max(1, len(source) - f.column + 1), 80)
    console.print(Text(" " * 5 + " | ", style="blue").append(" " * (f.column - 1) + "^" * width, style=STYLES[f.severity]))


def _indent(text: str) -> str:
    return text.strip("\n").replace("\n", "\n" + " " * 10)


def summary(run: Any) -> Text:
    c = counts(run)
    waived = f" ({c['suppressed']} waived or suppressed)" if c["suppressed"] else ""
    if not run.active:
        return Text(f"All clear: {plural(c['files'], 'file')} checked, no findings{waived}.", style="green")
    parts = [plural(c["errors"], "error"), plural(c["warnings"], "warning"), plural(c["infos"], "info")]
    style = "bold red" if c["errors"] else "yellow"
    return Text(f"Found {', '.join(parts)} in {plural(c['files'], 'file')}{waived}.", style=style)
