"""A charter's history rendered: a text table, JSON, and an HTML page with an SVG chart of the scores."""

from __future__ import annotations

import json
from html import escape
from typing import Any

from partnercheck.history.timeline import Point, Timeline, dated
from partnercheck.history.words import change_line, score_text
from partnercheck.report.i18n import Translator
from partnercheck.report.score import DIMENSIONS, title_of

FORMAT = 1
FORMATS = ("text", "json", "html")  # html: history/page.py
#: The text table shows at most this many revisions, the latest (JSON and HTML show all).
TEXT_COLUMNS = 8
PALETTE = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666", "#1f78b4", "#b15928")


def render(fmt: str, timeline: Timeline, tr: Translator) -> str:
    """Text or JSON; the HTML page is history/page.py's `history_page`."""
    return {"text": text, "json": as_json}[fmt](timeline, tr)


def rows(timeline: Timeline, points: list[Point], tr: Translator) -> list[tuple[str, list[str]]]:
    """(label, one value per point): the version, each dimension scored at some point, the overall score."""
    def dim(p: Point, name: str) -> float | None:
        return next((d.score for d in p.score.dimensions if d.name == name), None) if p.score else None

    out = [(tr.words("Version"), [p.version or "—" for p in points])]
    out += [(title_of(n, tr), [score_text(dim(p, n), tr) for p in points]) for n in DIMENSIONS if any(dim(p, n) is not None for p in points)]
    out.append((tr.words("Overall"), [score_text(p.score.overall if p.score else None, tr) for p in points]))
    return out


def text(timeline: Timeline, tr: Translator) -> str:
    points = timeline.points[-TEXT_COLUMNS:]
    lines = [f"{timeline.path}: " + tr.ngettext("{n} revision", "{n} revisions", len(timeline.points))]
    if len(points) < len(timeline.points):
        lines.append("  " + tr.words("the last {n} shown", n=len(points)))
    table = [("", [p.revision.date for p in points]), ("", [p.revision.commit[:7] for p in points]), *rows(timeline, points, tr)]
    width = max(len(label) for label, _ in table)
    lines += ["  " + f"{label:<{width}}" + "".join(f" {v:>10}" for v in values) for label, values in table]
    joined = timeline.partner_dates()
    if joined:
        lines.append(tr.words("Partners"))
        lines += [f"  {day}  {'+' if kind == 'joined' else '-'} {who}" for day, who, kind in joined]
    lines.append(tr.words("Amendments"))
    lines += [f"  {p.revision.date}  {p.revision.commit[:7]}  {amendment(p, tr)}" for p in timeline.amendments()]
    if timeline.change_log:
        lines.append(tr.words("Change log"))
        lines += [f"  {e.get('date', '')}  {' '.join(str(e.get('change', '')).split())}" for e in timeline.change_log]
    return "\n".join(lines) + "\n"


def amendment(p: Point, tr: Translator) -> str:
    terms = [t for t in p.terms if t.section != "charter"]
    if not p.terms:
        return tr.words("first version: {subject}", subject=p.revision.subject)
    return tr.ngettext("{subject}: {n} change", "{subject}: {n} changes", len(terms), subject=p.revision.subject)


def as_json(timeline: Timeline, tr: Translator) -> str:
    data = {
        "partnercheck-history": FORMAT,
        "path": timeline.path,
        "revisions": [_point_json(p, tr) for p in timeline.points],
        "partners": [{"date": day, "partner": who, "kind": kind} for day, who, kind in timeline.partner_dates()],
        "change_log": timeline.change_log,
    }
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


def _point_json(p: Point, tr: Translator) -> dict[str, Any]:
    return {
        "commit": p.revision.commit,
        "date": p.revision.date,
        "subject": p.revision.subject,
        "version": p.version,
        "overall": p.score.overall if p.score else None,
        "dimensions": {d.name: d.score for d in p.score.dimensions} if p.score else {},
        "changes": [{**t.to_json(), "text": change_line(t, tr)} for t in p.terms],
    }


def chart(timeline: Timeline, tr: Translator, width: int = 640, height: int = 280) -> str:
    """An SVG line chart: one line per dimension, the overall score thicker; x the revisions in order, y 0-100.

    Each amendment is a dashed vertical line; a partner who joined (+) or left (−) is marked above the revision
    that records it, named with its date in the mark's title (a tooltip on screen, read by screen readers).
    """
    points = [p for p in timeline.points if p.score is not None]
    scores = [p.score for p in timeline.points if p.score is not None]
    left, top, plot_w, plot_h = 40, 24, width - 200, height - 58
    step = plot_w / max(1, len(points) - 1)

    def y(score: float) -> float:
        return top + plot_h * (1 - score / 100)

    parts = [f'<svg class="history-chart" xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}"><title>{escape(tr.words("Health score at each revision, from 0 to 100"))}</title>']
    parts += [f'<line x1="{left}" x2="{left + plot_w}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#ddd"/><text x="{left - 6}" y="{y(v) + 4:.1f}" font-size="10" text-anchor="end">{v}</text>' for v in (0, 50, 100)]
    amended = {id(p) for p in timeline.amendments()[1:]}
    for i, p in enumerate(points):
        x = left + i * step
        if id(p) in amended:
            parts.append(f'<line class="amendment" x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{top + plot_h}" stroke="#52606d" stroke-dasharray="3 3"><title>{escape(tr.words("Amendment: {what}", what=amendment(p, tr)))}</title></line>')
        parts += _partner_marks(p, x, top, tr)
    series = [(title_of(n, tr), [next((d.score for d in s.dimensions if d.name == n), None) for s in scores], PALETTE[i % len(PALETTE)], 1.5) for i, n in enumerate(DIMENSIONS)]
    series.append((tr.words("Overall"), [s.overall for s in scores], "#000", 3.0))
    shown = 0
    for label, values, colour, stroke in series:
        coords = [f"{left + i * step:.1f},{y(v):.1f}" for i, v in enumerate(values) if v is not None]
        if not coords:
            continue
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="{stroke}" points="{" ".join(coords)}"><title>{escape(label)}</title></polyline>')
        parts.append(f'<text x="{left + plot_w + 12}" y="{top + 12 + shown * 14}" font-size="11" fill="{colour}">{escape(label)}</text>')
        shown += 1
    every = max(1, -(-len(points) // 8))  # at most eight dates under the axis
    parts += [f'<text x="{left + i * step:.1f}" y="{height - 8}" font-size="10" text-anchor="middle">{escape(p.revision.date)}</text>' for i, p in enumerate(points) if i % every == 0 or i == len(points) - 1]
    return "".join(parts) + "</svg>"


def _partner_marks(p: Point, x: float, top: float, tr: Translator) -> list[str]:
    """A + (joined) or − (left) above the revision, one per partner, stacked."""
    moves = [t for t in p.terms if t.section == "partners" and t.kind in ("joined", "left")]
    words = {"joined": "{partner} joined", "left": "{partner} left"}
    out = []
    for k, t in enumerate(moves[:4]):
        label = tr.words(words[t.kind], partner=t.subject) + f" ({tr.date(dated(p, t.subject, t.kind + '_on'))})"
        colour = "#2f855a" if t.kind == "joined" else "#c53030"
        out.append(f'<text class="partner-mark {t.kind}" x="{x - 10 * k:.1f}" y="{top - 8}" font-size="13" font-weight="700" text-anchor="middle" fill="{colour}"><title>{escape(label)}</title>{"+" if t.kind == "joined" else "−"}</text>')
    return out
