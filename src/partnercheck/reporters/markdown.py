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

from ..findings import Finding, Severity, Suppression
from .common import counts, plural
from .locations import cwd_of, report_path

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
LABELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}


def render(run: Any, options: Mapping[str, Any]) -> str:
    cwd = cwd_of(options)
    parts = [f"## partnercheck: {headline(run)}"]
    if run.active:
        parts += [_severity_table(run.active), _pack_table(run.active), "### Findings"]
        parts += [_file_section(report_path(path, cwd), found) for path, found in _by_file(run.active)]
    suppressed = [f for f in run.findings if f.suppressed]
    if suppressed:
        parts += [f"### Waived or suppressed ({len(suppressed)})", "\n".join(_suppressed_item(f, report_path(f.path, cwd)) for f in suppressed)]
    if run.errors:
        parts += ["### Errors", "\n".join(f"- {escape(message)}" for message in run.errors)]
    return "\n\n".join(parts) + "\n"


def headline(run: Any) -> str:
    c = counts(run)
    if not run.active:
        return f"all clear, {plural(c['files'], 'file')} checked, no findings"
    parts = [plural(c["errors"], "error"), plural(c["warnings"], "warning"), plural(c["infos"], "info")]
    return f"{', '.join(parts)} in {plural(c['files'], 'file')}"


def _severity_table(findings: list[Finding]) -> str:
    by_severity = Counter(f.severity for f in findings)
    rows = [f"| {LABELS[s]} | {by_severity[s]} |" for s in SEVERITIES]
    return "\n".join(["| Severity | Findings |", "| --- | ---: |", *rows])


def _pack_table(findings: list[Finding]) -> str:
    by_pack: dict[str, Counter[Severity]] = {}
    for f in findings:
        by_pack.setdefault(f.pack, Counter())[f.severity] += 1
    rows = [f"| {escape(pack)} | " + " | ".join(str(c[s]) for s in SEVERITIES) + f" | {sum(c.values())} |" for pack, c in sorted(by_pack.items())]
    return "\n".join(["| Pack | Errors | Warnings | Infos | Total |", "| --- | ---: | ---: | ---: | ---: |", *rows])


def _by_file(findings: Iterable[Finding]) -> list[tuple[str, list[Finding]]]:
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.path, []).append(f)
    return list(groups.items())


def _file_section(path: str, findings: list[Finding]) -> str:
    return f"#### `{code_span(path)}`\n\n" + "\n".join(_item(f) for f in findings)


def _item(f: Finding) -> str:
    lines = [f"- **{LABELS[f.severity]}** `{f.code}` {escape(f.name)}, line {f.line}, column {f.column}: {escape(f.message)}"]
    if f.hint:
        lines.append(textwrap.indent(_hint_block(f.hint), "  "))
    return "\n".join(lines)


def _hint_block(hint: str) -> str:
    text = hint.strip("\n")
    fence = "`" * max(3, _longest_backtick_run(text) + 1)
    return f"<details><summary>How to fix</summary>\n\n{fence}text\n{text}\n{fence}\n\n</details>"


def _suppressed_item(f: Finding, path: str) -> str:
    s = f.suppression or Suppression("suppression", "")
    reason = f" — {escape(s.reason)}" if s.reason else ""
    by = f" (approved by {escape(s.approved_by)})" if s.approved_by else ""
    return f"- `{f.code}` `{code_span(path)}` line {f.line}: {escape(f.message)} — {s.kind}{reason}{by}"


def escape(text: str) -> str:
    """Plain text for Markdown, on one line: no HTML, no accidental emphasis, links or
    mentions. Code spans (`like this`) are kept as they are."""
    parts = re.split(r"(`[^`]*`)", " ".join(text.split()))
    return "".join(part if part.startswith("`") and part.endswith("`") and len(part) > 1 else _plain(part) for part in parts)


def _plain(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"([\\*\[\]|`])", r"\\\1", text)
    return text.replace("@", "@\u200b")


def code_span(text: str) -> str:
    return text.replace("`", "'")


def _longest_backtick_run(text: str) -> int:
    return max((len(run) for run in re.findall(r"`+", text)), default=0)
