"""A comparison rendered: text for a terminal, JSON, Markdown for a pull-request comment."""

from __future__ import annotations

import json
from typing import Any, Iterable, Sequence

from partnercheck.findings import Finding
from partnercheck.history.compare import Comparison
from partnercheck.history.terms import SECTIONS, TermChange
from partnercheck.history.words import change_line, delta_text, score_text, section_title
from partnercheck.report.formats.markdown import escape
from partnercheck.report.i18n import Translator
from partnercheck.report.score import DIMENSIONS, FileScore, title_of

FORMAT = 1
FORMATS = ("text", "json", "markdown", "html")  # html: history/page.py
NO_CHANGE = "No change in the partnership's terms."


def render(fmt: str, comparisons: Sequence[Comparison], tr: Translator) -> str:
    """Text, JSON or Markdown; the HTML page is history/page.py's `diff_page`."""
    return {"text": text, "json": as_json, "markdown": markdown}[fmt](comparisons, tr)


# text ----------------------------------------------------------------------
def text(comparisons: Sequence[Comparison], tr: Translator) -> str:
    if not comparisons:
        return tr.words("No charter changed.") + "\n"
    return "\n".join(_text_one(c, tr) for c in comparisons)


def _text_one(c: Comparison, tr: Translator) -> str:
    lines = [f"{c.path}: {c.old.label} → {c.new.label}"]
    for section, found in by_section(c.terms):
        lines.append(f"  {section_title(section, tr)}")
        lines += [f"    {_mark(ch)} {change_line(ch, tr)}" for ch in found]
    if not c.terms:
        lines.append("  " + tr.words(NO_CHANGE))
    rows = score_rows(c, tr)
    width = max(len(r[0]) for r in rows)
    lines.append("  " + tr.words("Score") + " " * (width - len(tr.words("Score")) + 2) + f"{tr.words('before'):>8} {tr.words('after'):>8}")
    lines += [f"    {name:<{width}} {before:>8} {after:>8} {delta}".rstrip() for name, before, after, delta in rows]
    for title, listed in findings_parts(c, tr):
        lines.append(f"  {title}")
        lines += [f"    {f.line}:{f.column} {f.code} {f.message}" for f in listed]
    return "\n".join(lines) + "\n"


def _mark(change: TermChange) -> str:
    return "+" if change.kind in ("joined", "added") else "-" if change.kind in ("left", "dropped") else "~"


# JSON ----------------------------------------------------------------------
def as_json(comparisons: Sequence[Comparison], tr: Translator) -> str:
    data = {"partnercheck-diff": FORMAT, "charters": [_json_one(c, tr) for c in comparisons]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _json_one(c: Comparison, tr: Translator) -> dict[str, Any]:
    return {
        "path": c.path,
        "old": c.old.label,
        "new": c.new.label,
        "changes": [{**ch.to_json(), "text": change_line(ch, tr)} for ch in c.terms],
        "scores": {"before": _score_json(c.before), "after": _score_json(c.after)},
        "introduced": [_finding_json(f) for f in c.introduced],
        "resolved": [_finding_json(f) for f in c.resolved],
    }


def _score_json(score: FileScore | None) -> dict[str, Any] | None:
    if score is None:
        return None
    return {"overall": score.overall, "dimensions": {d.name: d.score for d in score.dimensions}}


def _finding_json(f: Finding) -> dict[str, Any]:
    return {"code": f.code, "severity": f.severity.value, "line": f.line, "column": f.column, "pointer": f.pointer, "message": f.message}


# Markdown ------------------------------------------------------------------
def markdown(comparisons: Sequence[Comparison], tr: Translator) -> str:
    head = "## " + tr.words("partnercheck: what this change does to the partnership")
    if not comparisons:
        return head + "\n\n" + tr.words("No charter changed.") + "\n"
    return head + "\n\n" + "\n\n".join(_markdown_one(c, tr) for c in comparisons) + "\n"


def _markdown_one(c: Comparison, tr: Translator) -> str:
    parts = [f"### `{escape(c.path).strip('`')}`"]
    for section, found in by_section(c.terms):
        parts.append(f"**{section_title(section, tr)}**\n\n" + "\n".join(f"- {escape(change_line(ch, tr))}" for ch in found))
    if not c.terms:
        parts.append(tr.words(NO_CHANGE))
    table = [f"| {tr.words('Dimension')} | {tr.words('before')} | {tr.words('after')} | Δ |", "|---|---:|---:|---:|"]
    table += [f"| {escape(name)} | {before} | {after} | {delta} |" for name, before, after, delta in score_rows(c, tr)]
    parts.append("\n".join(table))
    for title, listed in findings_parts(c, tr):
        parts.append(f"**{title}**\n\n" + "\n".join(f"- `{f.code}` " + tr.words("line {line}: {message}", line=f.line, message=escape(f.message)) for f in listed))
    return "\n\n".join(parts)


# shared --------------------------------------------------------------------
def by_section(terms: Iterable[TermChange]) -> list[tuple[str, list[TermChange]]]:
    terms = list(terms)
    return [(s, [t for t in terms if t.section == s]) for s in SECTIONS if any(t.section == s for t in terms)]


def score_rows(c: Comparison, tr: Translator) -> list[tuple[str, str, str, str]]:
    """(dimension, before, after, difference) for every dimension scored on either side, then the overall score."""
    before = {d.name: d.score for d in c.before.dimensions} if c.before else {}
    after = {d.name: d.score for d in c.after.dimensions} if c.after else {}
    rows = [(title_of(n, tr), score_text(before.get(n), tr), score_text(after.get(n), tr), delta_text(before.get(n), after.get(n), tr)) for n in DIMENSIONS if before.get(n) is not None or after.get(n) is not None]
    old, new = (c.before.overall if c.before else None), (c.after.overall if c.after else None)
    return [*rows, (tr.words("Overall"), score_text(old, tr), score_text(new, tr), delta_text(old, new, tr))]


def findings_parts(c: Comparison, tr: Translator) -> list[tuple[str, list[Finding]]]:
    parts = [(tr.words("Findings introduced ({n})", n=len(c.introduced)), c.introduced), (tr.words("Findings resolved ({n})", n=len(c.resolved)), c.resolved)]
    return [(title, found) for title, found in parts if found]
