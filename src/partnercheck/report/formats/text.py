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
import unicodedata
from typing import Any, Iterator, Mapping

from partnercheck.findings import Finding, Severity
from partnercheck.printable import visible
from partnercheck.report.formats import scoreblock as block
from partnercheck.report.formats.common import (
    counts,
    files_count,
    held_words,
    severity_counts,
    severity_word,
)
from partnercheck.report.formats.scoreblock import BAR_WIDTH, MANY_FILES
from partnercheck.report.grouped import more_places
from partnercheck.report.i18n import Translator, of
from partnercheck.report.inputs import input_of

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


def shown_findings(run: Any) -> Iterator[tuple[Finding, str | None]]:
    """Each active finding, with the text of the line it is on (None when its file's text is not at hand)."""
    for file in run.files:
        doc = file.document
        for finding in file.findings:
            if finding.suppressed:
                continue
            line = doc.line_text(finding.line) if doc is not None and doc.text else ""
            yield finding, line if line or 0 < finding.line < (doc.line_count if doc is not None else 0) else None


# plain ------------------------------------------------------------------------------
def render_plain(run: Any, options: Mapping[str, Any]) -> str | None:
    """The text without colour, or None when only rich can lay it out exactly."""
    out: list[str] = []
    quiet = bool(options.get("quiet"))
    tr = of(options)
    for finding, line in shown_findings(run):
        _plain_finding(out, finding, line, quiet, tr)
    if options.get("statistics"):
        from partnercheck.report.statistics import statistics  # only with --statistics

        out += [line + "\n" for line in block.statistics_lines(tr, statistics(run.findings))]
    if not quiet or run.active:
        out.append(_summary_text(run, tr) + "\n")
    if not quiet and run.files:
        card = _plain_scorecard(input_of(run, options).scores, tr, block.misspelt_sections(run.findings))
        if card is None:
            return None
        out.append(card)
    text = "".join(out)
    return None if _RICH_ONLY.search(text) else text


def _plain_finding(out: list[str], f: Finding, line: str | None, quiet: bool, tr: Translator) -> None:
    out.append(f"{f.path}:{f.line}:{f.column}: {f.code} {severity_word(tr, f.severity)} {f.message} [{f.name}]\n")
    if quiet:
        return
    if line is not None:
        gutter, caret = _excerpt_parts(f, line)
        out.append(gutter + "\n" + caret + "\n")
    if f.related:
        out.append(f"  = {more_places(tr, f)}\n")
    if f.hint:
        head = hint_head(tr)
        out.append(head + _indent(f.hint, len(head)) + "\n")
    out.append("\n")


def hint_head(tr: Translator) -> str:
    """"  = hint: ", the words before a finding's hint."""
    return f"  {tr.words('= hint:')} "


def _plain_scorecard(scores: Any, tr: Translator, misspelt: frozenset[str] = frozenset()) -> str | None:
    """scorecard.py's block, as plain lines (the same text rich prints without colour)."""
    lines: list[str] = []
    if len(scores.files) == 1:
        only = scores.files[0]
        lines.append(_verdict_text(tr, only.verdict, only.overall, only.waived, only.baselined, assessed=only.readable))
        lines += block.blocking_lines(tr, only.verdict)
        if not only.readable:
            return "".join(line + "\n" for line in [*lines, block.unread_line(tr)])
        dimensions = only.dimensions
    else:
        files = scores.files
        shown = files if len(files) <= MANY_FILES else [f for f in files if not f.verdict.ready]
        lines += [f"  {block.file_head(tr, f.path)}{block.file_verdict(tr, f)}" for f in shown]
        ready = len(files) - len(shown)
        if ready:
            lines.append(block.more_ready(tr, ready))
        lines.append(_verdict_text(tr, scores.verdict, scores.mean, scores.waived, scores.baselined, block.mean_of(tr, scores)))
        dimensions = scores.dimensions()
    titles = [f"  {d.title_in(tr):<15}" for d in dimensions]
    width = max((len(t) for t in titles), default=0)
    for title, dim in zip(titles, dimensions):
        row = f"{title:<{width}} {block.bar(dim.score, BAR_WIDTH)} {block.num(dim.score, tr).rjust(5)}"
        if len(row) > WIDTH or not _one_cell_each(title):
            return None
        lines.append(row)
    lines += [block.absent_line(tr, dimensions)] if any(d.absent for d in dimensions) else []
    lines += [line for line in [block.unjudged_line(tr, dimensions, misspelt)] if line]
    return "".join(line + "\n" for line in lines)


def _one_cell_each(text: str) -> bool:
    """Every character takes one terminal cell (ASCII, accented letters): padding by characters is padding by cells."""
    return text.isascii() or all(unicodedata.east_asian_width(ch) not in ("W", "F") and not unicodedata.combining(ch) and unicodedata.category(ch)[0] in "LNPSZ" for ch in text)


def _verdict_text(tr: Translator, verdict: Any, overall: float | None, waived: int, baselined: int, extra: str = "", assessed: bool = True) -> str:
    details = block.verdict_details(tr, waived, baselined, extra)
    return block.verdict_head(tr, verdict) + block.health_score(tr, overall, assessed) + (f" ({tr.words('; ').join(details)})" if details else "")


# shared -------------------------------------------------------------------------------
def _excerpt_parts(f: Finding, source: str) -> tuple[str, str]:
    """The source line (control characters escaped, so it cannot drive the terminal) and its caret line."""
    source = source.expandtabs(1)
    width = max(1, (f.end_column - f.column + 1) if f.end_line == f.line else len(source) - f.column + 1)
    width = min(width, max(1, len(source) - f.column + 1), 80)
    head = source[:200]
    shown = list(head) if head.isprintable() else [visible(ch) for ch in head]  # a printable character shows as itself
    start = len("".join(shown[: f.column - 1])) + max(0, f.column - 1 - len(shown))
    width = max(1, len("".join(shown[f.column - 1 : f.column - 1 + width])))
    return f"{f.line:>5} | " + "".join(shown), " " * 5 + " | " + " " * start + "^" * width


def _indent(text: str, width: int = 10) -> str:
    return text.strip("\n").replace("\n", "\n" + " " * width)


def _summary_text(run: Any, tr: Translator) -> str:
    c = counts(run)
    held = sum(1 for f in run.findings if f.suppression is not None and f.suppression.kind == "baseline")
    waived = f" ({tr.words('; ').join(held_words(tr, c['suppressed'] - held, held))})" if c["suppressed"] else ""
    checked = tr.ngettext("{n} file checked", "{n} files checked", c["files"])
    if not run.active and run.errors:  # never "all clear" when part of the run failed
        errors = tr.ngettext("{n} error reported on standard error", "{n} errors reported on standard error", len(run.errors))
        return tr.words("Not checked in full: {errors}; {checked}, no findings{waived}.", errors=errors, checked=checked, waived=waived)
    if not run.active and not c["files"]:
        if getattr(run, "since", None):  # `check --base REF`: the charters exist, none changed
            return tr.words("No charter changed since {ref}: 0 files checked.", ref=run.since)
        return tr.words("No charter found: 0 files checked.")
    if not run.active:
        return tr.words("All clear: {checked}, no findings{waived}.", checked=checked, waived=waived)
    errors, warnings, infos = severity_counts(tr, c)
    return tr.words("Found {errors}, {warnings}, {infos} in {files}{waived}.", errors=errors, warnings=warnings, infos=infos, files=files_count(tr, c["files"]), waived=waived)


# rich ---------------------------------------------------------------------------------
def render_rich(run: Any, options: Mapping[str, Any]) -> str:
    console, buffer = console_for(options)
    quiet = bool(options.get("quiet"))
    tr = of(options)
    for finding, line in shown_findings(run):
        _finding(console, finding, line, quiet, tr)
    if options.get("statistics"):
        _statistics(console, tr, run)
    if not quiet or run.active:
        console.print(summary(run, tr))
    if not quiet and run.files:
        from partnercheck.report.formats.scorecard import scorecard

        console.print(scorecard(input_of(run, options).scores, tr, block.misspelt_sections(run.findings)))
    return buffer.getvalue()


def _statistics(console: Any, tr: Translator, run: Any) -> None:
    from rich.text import Text

    from partnercheck.report.statistics import statistics  # only with --statistics

    for i, line in enumerate(block.statistics_lines(tr, statistics(run.findings))):
        console.print(Text(line, style="bold" if i == 0 else ""))


def _finding(console: Any, f: Finding, line: str | None, quiet: bool, tr: Translator) -> None:
    from rich.text import Text

    head = Text()
    head.append(f"{f.path}:{f.line}:{f.column}: ", style="bold")
    head.append(f.code, style=STYLES[f.severity])
    head.append(f" {severity_word(tr, f.severity)} ", style=STYLES[f.severity])
    head.append(f.message)
    head.append(f" [{f.name}]", style="dim")
    console.print(head)
    if quiet:
        return
    if line is not None:
        _excerpt(console, f, line)
    if f.related:
        console.print(Text(f"  = {more_places(tr, f)}"))
    if f.hint:
        lead = hint_head(tr)
        console.print(Text(lead, style="green").append(_indent(f.hint, len(lead)), style=""))
    console.print()


def _excerpt(console: Any, f: Finding, source: str) -> None:
    from rich.text import Text

    gutter, caret = _excerpt_parts(f, source)
    console.print(Text(gutter[:8], style="blue").append(gutter[8:]))
    console.print(Text(caret[:8], style="blue").append(caret[8:], style=STYLES[f.severity]))


def summary(run: Any, tr: Translator | None = None) -> Any:
    from rich.text import Text

    c = counts(run)
    style = "green" if not run.active and not run.errors and c["files"] else "bold red" if c["errors"] else "yellow"
    return Text(_summary_text(run, tr or Translator()), style=style)
