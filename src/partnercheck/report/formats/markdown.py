"""Markdown for a pull-request comment or a note to signatories.

A headline, a table of counts per severity and per pack, then the findings
grouped by file, each with its position, message and hint, and last the
findings that were waived or suppressed, with their reasons. Text that comes
from a charter is escaped so it cannot inject HTML or break a table.
"""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from typing import Any, Iterable, Mapping

from partnercheck.findings import Finding, Severity, Suppression
from partnercheck.report.formats.common import (
    SEVERITY_WORDS,
    counts,
    files_count,
    severity_counts,
    severity_word,
)
from partnercheck.report.formats.locations import cwd_of, report_path
from partnercheck.report.formats.scoreblock import verdict_head
from partnercheck.report.i18n import Translator, of
from partnercheck.report.inputs import input_of
from partnercheck.report.score import TITLES, title_of
from partnercheck.run.gates import RunOutcome

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
LABELS = SEVERITY_WORDS
#: How a finding was set aside (`Suppression.kind`), for people.
KINDS = {"waiver": "waiver", "comment": "comment", "baseline": "baseline", "suppression": "suppression"}


def render(run: Any, options: Mapping[str, Any]) -> str:
    cwd = cwd_of(options)
    tr = of(options)
    prepared = input_of(run, options)
    outcome = prepared.outcome
    parts = ["## " + tr.words("partnercheck: {summary}", summary=headline(run, tr)), verdict_head(tr, prepared.scores.verdict)]
    if outcome.fails and not outcome.exit_zero:
        parts.append("**" + tr.words("This check fails: {reasons}.", reasons=fail_reasons(outcome, run.settings.fail_on.value, tr)) + "**")
    if run.active:
        parts += [_severity_table(run.active, tr), _pack_table(run.active, tr), "### " + tr.words("Findings")]
        parts += [_file_section(report_path(path, cwd), found, tr) for path, found in _by_file(run.active)]
    suppressed = [f for f in run.findings if f.suppressed]
    if suppressed:
        title = "Waived, suppressed or baselined ({n})" if any(f.suppression is not None and f.suppression.kind == "baseline" for f in suppressed) else "Waived or suppressed ({n})"
        parts += ["### " + tr.words(title, n=len(suppressed)), "\n".join(_suppressed_item(f, report_path(f.path, cwd), tr) for f in suppressed)]
    if run.errors:
        parts += ["### " + tr.words("Errors"), "\n".join(f"- {escape(message)}" for message in run.errors)]
    return "\n\n".join(parts) + "\n"


def headline(run: Any, tr: Translator | None = None) -> str:
    tr = tr or Translator()
    c = counts(run)
    if not run.active:
        return tr.words("all clear, {checked}, no findings", checked=tr.ngettext("{n} file checked", "{n} files checked", c["files"]))
    errors, warnings, infos = severity_counts(tr, c)
    return tr.words("{errors}, {warnings}, {infos} in {files}", errors=errors, warnings=warnings, infos=infos, files=files_count(tr, c["files"]))


def fail_reasons(outcome: RunOutcome, level: str, tr: Translator) -> str:
    """Why the run fails, as the exit code decides (gates.py): the failing findings, the files below the minimum score."""
    reasons = []
    if outcome.failing:
        n = len(outcome.failing)
        reasons.append(tr.ngettext("{n} finding fails at --fail-on {level}", "{n} findings fail at --fail-on {level}", n, level=level))
    if outcome.low_scores and outcome.min_score is not None:
        reasons.append(below_minimum(len(outcome.low_scores), outcome.min_score, tr))
    return tr.words("; ").join(reasons)


def _severity_table(findings: list[Finding], tr: Translator) -> str:
    by_severity = Counter(f.severity for f in findings)
    rows = [f"| {severity_word(tr, s)} | {by_severity[s]} |" for s in SEVERITIES]
    return "\n".join([tr.words("| Severity | Findings |"), "| --- | ---: |", *rows])


def _pack_table(findings: list[Finding], tr: Translator) -> str:
    by_pack: dict[str, Counter[Severity]] = {}
    for f in findings:
        by_pack.setdefault(f.pack, Counter())[f.severity] += 1
    rows = [f"| {escape(_pack(pack, tr))} | " + " | ".join(str(c[s]) for s in SEVERITIES) + f" | {sum(c.values())} |" for pack, c in sorted(by_pack.items())]
    return "\n".join([tr.words("| Pack | Errors | Warnings | Infos | Total |"), "| --- | ---: | ---: | ---: | ---: |", *rows])


def _pack(pack: str, tr: Translator) -> str:
    """A pack's name: its id in English; in other languages, its dimension's name alone (no English id in a French table)."""
    return pack if tr.english or pack not in TITLES else title_of(pack, tr)


def _by_file(findings: Iterable[Finding]) -> list[tuple[str, list[Finding]]]:
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.path, []).append(f)
    return list(groups.items())


def _file_section(path: str, findings: list[Finding], tr: Translator) -> str:
    return f"#### `{code_span(path)}`\n\n" + "\n".join(_item(f, tr) for f in findings)


def _item(f: Finding, tr: Translator) -> str:
    where = tr.words("{name}, line {line}, column {column}: {message}", name=escape(f.name), line=f.line, column=f.column, message=escape(f.message))
    lines = [f"- **{severity_word(tr, f.severity)}** `{f.code}` {where}"]
    if f.hint:
        lines.append(textwrap.indent(_hint_block(f.hint, tr), "  "))
    return "\n".join(lines)


def _hint_block(hint: str, tr: Translator) -> str:
    text = hint.strip("\n")
    fence = "`" * max(3, _longest_backtick_run(text) + 1)
    return f"<details><summary>{tr.words('How to fix')}</summary>\n\n{fence}text\n{text}\n{fence}\n\n</details>"


def _suppressed_item(f: Finding, path: str, tr: Translator) -> str:
    s = f.suppression or Suppression("suppression", "")
    reason = f" — {escape(s.reason)}" if s.reason else ""
    by = tr.words(" (approved by {who})", who=escape(s.approved_by)) if s.approved_by else ""
    kind = tr.words(KINDS[s.kind]) if s.kind in KINDS else s.kind
    return f"- `{f.code}` `{code_span(path)}` " + tr.words("line {line}: {message}", line=f.line, message=escape(f.message)) + f" — {kind}{reason}{by}"


def escape(text: str) -> str:
    """Plain text for Markdown, on one line: no HTML, no accidental emphasis, links or
    mentions. Code spans (`like this`) are kept as they are.

    A code span is found as CommonMark finds it (a run of backticks closed by the
    next run of the same length), so a value holding backticks cannot end a span
    early and let what follows out as raw HTML; unmatched backticks are escaped.
    """
    text = " ".join(text.split())
    out, plain, at = [], 0, 0
    for run in _BACKTICKS.finditer(text):
        if run.start() < at:
            continue
        close = _closing_run(text, run)
        if close is None:
            continue
        out += [_plain(text[plain : run.start()]), text[run.start() : close]]
        plain = at = close
    out.append(_plain(text[plain:]))
    return "".join(out)


_BACKTICKS = re.compile(r"`+")


def _closing_run(text: str, opening: re.Match[str]) -> int | None:
    """Where the code span opened by `opening` ends (CommonMark: the next backtick run of the same length)."""
    width = len(opening.group())
    for run in _BACKTICKS.finditer(text, opening.end()):
        if len(run.group()) == width:
            return run.end()
    return None


def _plain(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"([\\*\[\]|`])", r"\\\1", text)
    return text.replace("@", "@\u200b")


def code_span(text: str) -> str:
    return text.replace("`", "'")


def _longest_backtick_run(text: str) -> int:
    return max((len(run) for run in re.findall(r"`+", text)), default=0)


def below_minimum(count: int, minimum: float, tr: Translator | None = None) -> str:
    """"N files score below the minimum health score M", in `tr`'s language."""
    tr = tr or Translator()
    files = tr.ngettext("{n} file", "{n} files", count)
    if count == 1:
        return tr.words("{files} scores below the minimum health score {minimum}", files=files, minimum=tr.number(minimum))
    return tr.words("{files} score below the minimum health score {minimum}", files=files, minimum=tr.number(minimum))
