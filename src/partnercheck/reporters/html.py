"""The shareable health report: one self-contained, printable HTML page per run.

No script, no external font, image or style sheet: the page opens from an
e-mail attachment with no network. Every value from a charter or a finding is
escaped. Per charter: a header (title, status, period, verdict, score), an
inline SVG bar chart of the ten dimensions, the partner map, the findings
grouped by dimension with why they matter and a hint, and the waived findings.
"""

from __future__ import annotations

import re
from collections import defaultdict
from html import escape
from typing import Any, Iterable, Mapping

from .. import __version__
from ..context import Charter
from ..findings import Finding
from ..rules import Rule
from ..score import DIMENSIONS, Dimension, FileScore, baselined, score_run
from .html_style import CSS
from .partner_map import PartnerRow, beneficiary_rows, partner_rows
from .partner_map import text_of as _text

OTHER = "document"


def render(run: Any, options: Mapping[str, Any]) -> str:
    scores = score_run(run)
    rules = {r.code: r for r in run.rules}
    by_path = {s.path: s for s in scores.files}
    articles = [_article(file, by_path[file.path], rules, run.settings.today.isoformat()) for file in run.files]
    if not articles:
        articles = ['<p class="empty">No charter was checked.</p>']
    title = _title(run.files[0]) if len(run.files) == 1 else f"{len(run.files)} charters"
    return _page(f"Partnership health report — {title}", "\n".join(articles))


def _page(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="partnercheck {escape(__version__)}">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n"
        f'<footer>Report made by partnercheck {escape(__version__)}, a linter for partnership charters.</footer>\n'
        "</body>\n</html>\n"
    )


def _article(file: Any, score: FileScore, rules: Mapping[str, Rule], today: str) -> str:
    data = file.data if isinstance(file.data, dict) else {}
    parts = [
        _header(file, data, score, today),
        _chart_section(score),
        _partner_section(data),
        _findings_section(file.findings, rules),
        _waived_section(file.findings),
    ]
    return f'<article class="charter">\n{"".join(parts)}</article>\n'


# header ------------------------------------------------------------------------


def _header(file: Any, data: Mapping[str, Any], score: FileScore, today: str) -> str:
    charter, period = Charter(data).section("charter"), Charter(data).section("charter", "period")
    facts = [
        ("File", file.path),
        ("Status", _text(charter.get("status")) or "not stated"),
        ("Period", _period(period)),
        ("Territory", _text(charter.get("territory"))),
        ("Version", _text(charter.get("version"))),
        ("Checked on", today),
    ]
    rows = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts if v)
    state = "ready" if score.verdict.ready else "blocked"
    blocking = "".join(f"<li><code>{escape(f.code)}</code> line {f.line}: {_prose(f.message)}{' (baselined)' if baselined(f) else ''}</li>" for f in score.verdict.blocking)
    blocking = f'<ul class="blocking">{blocking}</ul>' if blocking else ""
    waived = f'<p class="waived-count">{score.waived} finding{"" if score.waived == 1 else "s"} waived (listed at the end).</p>' if score.waived else ""
    if score.baselined:
        waived += f'<p class="waived-count">{score.baselined} finding{"" if score.baselined == 1 else "s"} baselined (listed at the end); a baselined error still blocks.</p>'
    return (
        f"<header>\n<h1{_lang(data)}>{escape(_title(file))}</h1>\n<dl class=\"facts\">{rows}</dl>\n"
        f'<div class="verdict {state}"><p class="label">{escape(score.verdict.label)}</p>'
        f'<p class="score"><span class="number">{_num(score.overall)}</span>{_out_of(score.overall)} overall health score</p>'
        f"{blocking}{waived}</div>\n</header>\n"
    )


def _period(period: Mapping[str, Any]) -> str:
    start, end = _text(period.get("start")), _text(period.get("end"))
    if start and end:
        return f"{start} to {end}"
    return f"from {start}" if start else (f"until {end}" if end else "")


# chart -------------------------------------------------------------------------

ROW, LABEL_W, TRACK_W, PAD = 30, 130, 300, 10


def _chart_section(score: FileScore) -> str:
    table = "".join(f"<tr><th scope=\"row\">{escape(d.title)}</th><td>{_num(d.score)}</td><td>{_counts(d)}</td></tr>" for d in score.dimensions)
    return (
        '<section class="dimensions">\n<h2>Health by dimension</h2>\n'
        f'<div class="pair">{chart_svg(score.dimensions)}\n'
        '<table class="scores"><thead><tr><th>Dimension</th><th>Score</th><th>Active findings</th></tr></thead>'
        f"<tbody>{table}</tbody></table></div>\n{_other_rules(score)}</section>\n"
    )


def _other_rules(score: FileScore) -> str:
    """What findings outside the ten dimensions take from the overall score (docs/score.md)."""
    if score.outside_penalty <= 0:
        return ""
    return f'<p class="other-rules">Other rules: -{score.outside_penalty:g} (findings outside the ten dimensions, taken from the overall score)</p>\n'


def chart_svg(dimensions: Iterable[Dimension]) -> str:
    """A horizontal bar chart of the dimension scores, as inline SVG."""
    dims = list(dimensions)
    width, height = LABEL_W + TRACK_W + 70, PAD * 2 + ROW * len(dims)
    rows = [_bar_row(i, d) for i, d in enumerate(dims)]
    return (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="chart-title"><title id="chart-title">Health score of each dimension, from 0 to 100</title>'
        f'{"".join(rows)}</svg>'
    )


def _bar_row(i: int, d: Dimension) -> str:
    y = PAD + i * ROW
    mid = y + ROW / 2 + 5
    label = f'<text x="{LABEL_W - 8}" y="{mid}" text-anchor="end" class="axis">{escape(d.title)}</text>'
    track = f'<rect x="{LABEL_W}" y="{y + 6}" width="{TRACK_W}" height="{ROW - 12}" rx="3" class="track"/>'
    if d.score is None:
        return f'{label}{track}<text x="{LABEL_W + 8}" y="{mid}" class="na">not checked</text>'
    fill = f'<rect x="{LABEL_W}" y="{y + 6}" width="{TRACK_W * d.score / 100:.1f}" height="{ROW - 12}" rx="3" class="bar {_band(d.score)}"><title>{escape(d.title)}: {_num(d.score)}/100</title></rect>'
    value = f'<text x="{LABEL_W + TRACK_W + 8}" y="{mid}" class="value">{_num(d.score)}</text>'
    return label + track + fill + value


def _band(score: float) -> str:
    return "good" if score >= 80 else "fair" if score >= 50 else "poor"


def _counts(d: Dimension) -> str:
    parts = [(d.errors, "error"), (d.warnings, "warning"), (d.infos, "info")]
    text = ", ".join(f"{n} {w}{'' if n == 1 else 's'}" for n, w in parts if n)
    return escape(text or ("none" if d.score is not None else "not checked"))


# partner map -------------------------------------------------------------------


def _partner_section(data: Mapping[str, Any]) -> str:
    partners = partner_rows(data)
    if not partners:
        return ""
    head = "<tr><th>Partner</th><th>Type</th><th>Pilot</th><th>Sits in</th><th>Accountable for</th><th>Contributes to</th></tr>"
    rows = "".join(_partner_row(p) for p in partners)
    return (
        '<section class="partners">\n<h2>Partner map</h2>\n'
        f'<table class="map"><thead>{head}</thead><tbody>{rows}</tbody></table>\n{_beneficiaries(data)}</section>\n'
    )


def _partner_row(p: PartnerRow) -> str:
    active = p.status == "active"
    status = "" if active else f' <span class="status">{escape(p.status)}</span>'
    pilot = "<strong>pilot</strong>" if p.pilot else "no"
    return (
        f'<tr class="{"" if active else "inactive"}"><th scope="row">{escape(p.name)} <span class="id">{escape(p.id)}</span>{status}</th>'
        f"<td>{escape(p.type)}</td><td>{pilot}</td>"
        f"<td>{_list(p.bodies)}</td><td>{_list(p.accountable)}</td><td>{_list(p.contributes)}</td></tr>"
    )


def _beneficiaries(data: Mapping[str, Any]) -> str:
    groups = beneficiary_rows(data)
    if not groups:
        return '<p class="none">No beneficiary group is described.</p>\n'
    head = "<tr><th>Beneficiary group</th><th>Represented by</th><th>Seats in</th><th>Participation</th></tr>"
    rows = "".join(
        f"<tr><th scope=\"row\">{escape(g.group)}</th><td>{_list(g.represented_by) if g.represented_by else '<em>nobody</em>'}</td>"
        f"<td>{_list(g.seats)}</td><td>{escape(g.participation or 'not stated')}</td></tr>"
        for g in groups
    )
    return f'<h3>Beneficiaries</h3>\n<table class="map"><thead>{head}</thead><tbody>{rows}</tbody></table>\n'


def _list(items: Iterable[str]) -> str:
    items = list(items)
    if not items:
        return '<span class="none">—</span>'
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


# findings ------------------------------------------------------------------------


def _findings_section(findings: list[Finding], rules: Mapping[str, Rule]) -> str:
    active = [f for f in findings if not f.suppressed]
    if not active:
        return '<section class="findings">\n<h2>Findings</h2>\n<p class="clear">No finding: nothing is left to fix.</p>\n</section>\n'
    groups: dict[str, list[Finding]] = defaultdict(list)
    for f in active:
        groups[f.pack if f.pack in DIMENSIONS else OTHER].append(f)
    order = [OTHER, *DIMENSIONS]
    blocks = "".join(_group(name, groups[name], rules) for name in order if groups.get(name))
    return f'<section class="findings">\n<h2>Findings ({len(active)})</h2>\n{blocks}</section>\n'


def _group(name: str, findings: list[Finding], rules: Mapping[str, Rule]) -> str:
    title = "Document and references" if name == OTHER else name.capitalize()
    ordered = sorted(findings, key=lambda f: (-f.severity.rank, f.line, f.column, f.code))
    items = "".join(_finding(f, rules.get(f.code)) for f in ordered)
    return f'<h3 id="dim-{escape(name)}">{escape(title)}</h3>\n<ol class="finding-list">{items}</ol>\n'


def _finding(f: Finding, rule: Rule | None) -> str:
    where = f"line {f.line}" + (f", at <code>{escape(f.pointer)}</code>" if f.pointer else "")
    why = f'<p class="why"><strong>Why it matters:</strong> {_prose(" ".join(rule.why.split()))}</p>' if rule and rule.why.strip() else ""
    hint = f'<div class="hint"><strong>What to write:</strong><pre>{escape(f.hint.strip())}</pre></div>' if f.hint else ""
    return (
        f'<li class="finding {escape(f.severity.value)}"><p class="head"><span class="sev">{escape(f.severity.value)}</span> '
        f"<code>{escape(f.code)}</code> <span class=\"name\">{escape(f.name)}</span> "
        f'<span class="where">· {where}</span></p>'
        f'<p class="message">{_prose(f.message)}</p>{why}{hint}</li>'
    )


def _waived_section(findings: list[Finding]) -> str:
    waived = [f for f in findings if f.suppression is not None]
    if not waived:
        return ""
    rows = "".join(
        f"<tr><td><code>{escape(f.code)}</code></td><td>{escape(f.message)}</td><td>{f.line}</td><td>{escape(s.kind)}</td>"
        f"<td>{escape(s.reason)}</td><td>{escape(s.approved_by or '—')}</td><td>{escape(s.expires_on or 'no expiry')}</td></tr>"
        for f in waived
        if (s := f.suppression) is not None
    )
    head = "<tr><th>Rule</th><th>Finding</th><th>Line</th><th>How</th><th>Reason</th><th>Approved by</th><th>Expires on</th></tr>"
    title = "Waived and baselined findings" if any(baselined(f) for f in waived) else "Waived findings"
    return f'<section class="waived">\n<h2>{title} ({len(waived)})</h2>\n<table><thead>{head}</thead><tbody>{rows}</tbody></table>\n</section>\n'


# small helpers -------------------------------------------------------------------


def _title(file: Any) -> str:
    data = file.data if isinstance(file.data, dict) else {}
    return _text(Charter(data).section("charter").get("title")) or file.path


def _lang(data: Mapping[str, Any]) -> str:
    """A `lang` attribute for the charter's own text (the report's words are English)."""
    lang = Charter(data).section("charter").get("language")
    return f' lang="{escape(lang)}"' if isinstance(lang, str) and lang.replace("-", "").isalnum() else ""


def _prose(text: str) -> str:
    """Escaped text, with `backquoted` words shown as code."""
    return _BACKQUOTED.sub(r"<code>\1</code>", escape(text))


_BACKQUOTED = re.compile(r"`([^`<>]+)`")


def _out_of(value: float | None) -> str:
    return "" if value is None else '<span class="out-of">/100</span>'


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}"
