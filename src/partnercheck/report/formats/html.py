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

from partnercheck import __version__
from partnercheck.findings import Finding
from partnercheck.report.formats.common import severity_word
from partnercheck.report.formats.html_style import CSS
from partnercheck.report.formats.partner_map import (
    PartnerRow,
    beneficiary_rows,
    partner_rows,
)
from partnercheck.report.formats.partner_map import text_of as _text
from partnercheck.report.inputs import input_of
from partnercheck.report.i18n import Translator, of
from partnercheck.report.score import (
    DIMENSIONS,
    Dimension,
    FileScore,
    baselined,
    title_of,
)
from partnercheck.rules.context import Charter
from partnercheck.rules.model import Rule

OTHER = "document"

#: The charter's enumerated values the report shows (charter.schema.json), as people read them in English;
#: other languages translate them (locale/<lang>/LC_MESSAGES/partnercheck.po), a value outside the schema is shown as written.
STATUSES = ("draft", "signed", "active", "ended", "observer", "left")
PARTNER_TYPES = (
    "institution",
    "local authority",
    "funder",
    "employer",
    "employer federation",
    "training body",
    "public employment service",
    "association",
    "beneficiary representative",
    "other",
)
PARTICIPATION = ("manipulation", "therapy", "informing", "consultation", "placation", "partnership", "delegated_power", "citizen_control")
KINDS = ("waiver", "comment", "baseline")


def render(run: Any, options: Mapping[str, Any]) -> str:
    tr = of(options)
    scores = input_of(run, options).scores
    rules = {r.code: r for r in run.rules}
    by_path = {s.path: s for s in scores.files}
    articles = [_article(file, by_path[file.path], rules, run.settings.today.isoformat(), tr) for file in run.files]
    if not articles:
        articles = [f'<p class="empty">{escape(tr.words("No charter was checked."))}</p>']
    title = _title(run.files[0]) if len(run.files) == 1 else tr.words("{n} charters", n=len(run.files))
    return _page(tr.words("Partnership health report — {title}", title=title), "\n".join(articles), tr)


def _page(title: str, body: str, tr: Translator) -> str:
    footer = tr.words("Report made by partnercheck {version}, a linter for partnership charters.", version=__version__)
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(tr.lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="partnercheck {escape(__version__)}">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n"
        f"<footer>{escape(footer)}</footer>\n"
        "</body>\n</html>\n"
    )


def _article(file: Any, score: FileScore, rules: Mapping[str, Rule], today: str, tr: Translator) -> str:
    data = file.data if isinstance(file.data, dict) else {}
    parts = [
        _header(file, data, score, today, tr),
        _chart_section(score, tr),
        _partner_section(data, tr),
        _findings_section(file.findings, rules, tr),
        _waived_section(file.findings, tr),
    ]
    return f'<article class="charter">\n{"".join(parts)}</article>\n'


def _value(tr: Translator, value: str, known: tuple[str, ...]) -> str:
    """A value from the charter's schema in the report's language; anything else as written."""
    return tr.words(value) if value in known else value


# header ------------------------------------------------------------------------


def _header(file: Any, data: Mapping[str, Any], score: FileScore, today: str, tr: Translator) -> str:
    charter, period = Charter(data).section("charter"), Charter(data).section("charter", "period")
    status = _text(charter.get("status"))
    facts = [
        (tr.words("File"), file.path),
        (tr.words("Status"), _value(tr, status, STATUSES) if status else tr.words("not stated")),
        (tr.words("Period"), _period(period, tr)),
        (tr.words("Territory"), _text(charter.get("territory"))),
        (tr.words("Version"), _text(charter.get("version"))),
        (tr.words("Checked on"), tr.date(today)),
    ]
    rows = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts if v)
    state = "ready" if score.verdict.ready else "blocked"
    blocking = "".join(f"<li>{_blocking_item(f, tr)}</li>" for f in score.verdict.blocking)
    blocking = f'<ul class="blocking">{blocking}</ul>' if blocking else ""
    waived = f'<p class="waived-count">{escape(tr.ngettext("{n} finding waived (listed at the end).", "{n} findings waived (listed at the end).", score.waived))}</p>' if score.waived else ""
    if score.baselined:
        held = tr.ngettext("{n} finding baselined (listed at the end); a baselined error still blocks.", "{n} findings baselined (listed at the end); a baselined error still blocks.", score.baselined)
        waived += f'<p class="waived-count">{escape(held)}</p>'
    overall = escape(tr.words("overall health score"))
    return (
        f"<header>\n<h1{_lang(data)}>{escape(_title(file))}</h1>\n<dl class=\"facts\">{rows}</dl>\n"
        f'<div class="verdict {state}"><p class="label">{escape(score.verdict.label_in(tr))}</p>'
        f'<p class="score"><span class="number">{_num(score.overall, tr)}</span>{_out_of(score.overall)} {overall}</p>'
        f"{blocking}{waived}</div>\n</header>\n"
    )


def _blocking_item(f: Finding, tr: Translator) -> str:
    """"<code>PIL01</code> line 3: message (baselined)"."""
    marker = f" ({escape(tr.words('baselined'))})" if baselined(f) else ""
    return _markup(tr, "{code} line {line}: {message}", code=f"<code>{escape(f.code)}</code>", line=str(f.line), message=_prose(f.message)) + marker


def _period(period: Mapping[str, Any], tr: Translator) -> str:
    start, end = (tr.date(_text(period.get(key))) if _text(period.get(key)) else "" for key in ("start", "end"))
    if start and end:
        return tr.words("{start} to {end}", start=start, end=end)
    return tr.words("from {start}", start=start) if start else (tr.words("until {end}", end=end) if end else "")


# chart -------------------------------------------------------------------------

ROW, LABEL_W, TRACK_W, PAD = 30, 130, 300, 10
#: Width of a label character in the chart's 13px font, generously: longer names widen the label column.
CHAR_W = 8


def _chart_section(score: FileScore, tr: Translator) -> str:
    table = "".join(f"<tr><th scope=\"row\">{escape(d.title_in(tr))}</th><td>{_num(d.score, tr)}</td><td>{_counts(d, tr)}</td></tr>" for d in score.dimensions)
    head = "".join(f"<th>{escape(tr.words(h))}</th>" for h in ("Dimension", "Score", "Active findings"))
    return (
        f'<section class="dimensions">\n<h2>{escape(tr.words("Health by dimension"))}</h2>\n'
        f'<div class="pair">{chart_svg(score.dimensions, tr)}\n'
        f'<table class="scores"><thead><tr>{head}</tr></thead>'
        f"<tbody>{table}</tbody></table></div>\n{_other_rules(score, tr)}</section>\n"
    )


def _other_rules(score: FileScore, tr: Translator) -> str:
    """What findings outside the ten dimensions take from the overall score (docs/score.md)."""
    if score.outside_penalty <= 0:
        return ""
    text = tr.words("Other rules: -{penalty} (findings outside the ten dimensions, taken from the overall score)", penalty=tr.number(score.outside_penalty))
    return f'<p class="other-rules">{escape(text)}</p>\n'


def chart_svg(dimensions: Iterable[Dimension], tr: Translator | None = None) -> str:
    """A horizontal bar chart of the dimension scores, as inline SVG."""
    tr = tr or Translator()
    dims = list(dimensions)
    label_w = max([LABEL_W] + [8 + CHAR_W * len(d.title_in(tr)) for d in dims])  # room for long names (French)
    width, height = label_w + TRACK_W + 70, PAD * 2 + ROW * len(dims)
    rows = [_bar_row(i, d, tr, label_w) for i, d in enumerate(dims)]
    return (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="chart-title"><title id="chart-title">{escape(tr.words("Health score of each dimension, from 0 to 100"))}</title>'
        f'{"".join(rows)}</svg>'
    )


def _bar_row(i: int, d: Dimension, tr: Translator, label_w: int = LABEL_W) -> str:
    y = PAD + i * ROW
    mid = y + ROW / 2 + 5
    title = escape(d.title_in(tr))
    label = f'<text x="{label_w - 8}" y="{mid}" text-anchor="end" class="axis">{title}</text>'
    track = f'<rect x="{label_w}" y="{y + 6}" width="{TRACK_W}" height="{ROW - 12}" rx="3" class="track"/>'
    if d.score is None:
        return f'{label}{track}<text x="{label_w + 8}" y="{mid}" class="na">{escape(tr.words("not checked"))}</text>'
    fill = f'<rect x="{label_w}" y="{y + 6}" width="{TRACK_W * d.score / 100:.1f}" height="{ROW - 12}" rx="3" class="bar {_band(d.score)}"><title>{escape(tr.words("{title}: {score}/100", title=d.title_in(tr), score=_num(d.score, tr)))}</title></rect>'
    value = f'<text x="{label_w + TRACK_W + 8}" y="{mid}" class="value">{_num(d.score, tr)}</text>'
    return label + track + fill + value


def _band(score: float) -> str:
    return "good" if score >= 80 else "fair" if score >= 50 else "poor"


def _counts(d: Dimension, tr: Translator) -> str:
    parts = [
        tr.ngettext("{n} error", "{n} errors", d.errors) if d.errors else "",
        tr.ngettext("{n} warning", "{n} warnings", d.warnings) if d.warnings else "",
        tr.ngettext("{n} info", "{n} infos", d.infos) if d.infos else "",
    ]
    text = ", ".join(p for p in parts if p)
    return escape(text or tr.words("none" if d.score is not None else "not checked"))


# partner map -------------------------------------------------------------------


def _head(tr: Translator, *titles: str) -> str:
    return "<tr>" + "".join(f"<th>{escape(tr.words(t))}</th>" for t in titles) + "</tr>"


def _partner_section(data: Mapping[str, Any], tr: Translator) -> str:
    partners = partner_rows(data)
    if not partners:
        return ""
    head = _head(tr, "Partner", "Type", "Pilot", "Sits in", "Accountable for", "Contributes to")
    rows = "".join(_partner_row(p, tr) for p in partners)
    return (
        f'<section class="partners">\n<h2>{escape(tr.words("Partner map"))}</h2>\n'
        f'<table class="map"><thead>{head}</thead><tbody>{rows}</tbody></table>\n{_beneficiaries(data, tr)}</section>\n'
    )


def _partner_row(p: PartnerRow, tr: Translator) -> str:
    active = p.status == "active"
    status = "" if active else f' <span class="status">{escape(_value(tr, p.status, STATUSES))}</span>'
    pilot = f"<strong>{escape(tr.words('pilot'))}</strong>" if p.pilot else escape(tr.words("no"))
    return (
        f'<tr class="{"" if active else "inactive"}"><th scope="row">{escape(p.name)} <span class="id">{escape(p.id)}</span>{status}</th>'
        f"<td>{escape(_value(tr, p.type, PARTNER_TYPES))}</td><td>{pilot}</td>"
        f"<td>{_list(p.bodies)}</td><td>{_list(p.accountable)}</td><td>{_list(p.contributes)}</td></tr>"
    )


def _beneficiaries(data: Mapping[str, Any], tr: Translator) -> str:
    groups = beneficiary_rows(data)
    if not groups:
        return f'<p class="none">{escape(tr.words("No beneficiary group is described."))}</p>\n'
    head = _head(tr, "Beneficiary group", "Represented by", "Seats in", "Participation")
    nobody = f"<em>{escape(tr.words('nobody'))}</em>"
    rows = "".join(
        f"<tr><th scope=\"row\">{escape(g.group)}</th><td>{_list(g.represented_by) if g.represented_by else nobody}</td>"
        f"<td>{_list(g.seats)}</td><td>{escape(_value(tr, g.participation, PARTICIPATION) if g.participation else tr.words('not stated'))}</td></tr>"
        for g in groups
    )
    return f'<h3>{escape(tr.words("Beneficiaries"))}</h3>\n<table class="map"><thead>{head}</thead><tbody>{rows}</tbody></table>\n'


def _list(items: Iterable[str]) -> str:
    items = list(items)
    if not items:
        return '<span class="none">—</span>'
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


# findings ------------------------------------------------------------------------


def _findings_section(findings: list[Finding], rules: Mapping[str, Rule], tr: Translator) -> str:
    active = [f for f in findings if not f.suppressed]
    if not active:
        return f'<section class="findings">\n<h2>{escape(tr.words("Findings"))}</h2>\n<p class="clear">{escape(tr.words("No finding: nothing is left to fix."))}</p>\n</section>\n'
    groups: dict[str, list[Finding]] = defaultdict(list)
    for f in active:
        groups[f.pack if f.pack in DIMENSIONS else OTHER].append(f)
    order = [OTHER, *DIMENSIONS]
    blocks = "".join(_group(name, groups[name], rules, tr) for name in order if groups.get(name))
    return f'<section class="findings">\n<h2>{escape(tr.words("Findings ({n})", n=len(active)))}</h2>\n{blocks}</section>\n'


def _group(name: str, findings: list[Finding], rules: Mapping[str, Rule], tr: Translator) -> str:
    title = tr.words("Document and references") if name == OTHER else title_of(name, tr)
    ordered = sorted(findings, key=lambda f: (-f.severity.rank, f.line, f.column, f.code))
    items = "".join(_finding(f, rules.get(f.code), tr) for f in ordered)
    return f'<h3 id="dim-{escape(name)}">{escape(title)}</h3>\n<ol class="finding-list">{items}</ol>\n'


def _finding(f: Finding, rule: Rule | None, tr: Translator) -> str:
    line = str(f.line)
    where = _markup(tr, "line {line}, at {pointer}", line=line, pointer=f"<code>{escape(f.pointer)}</code>") if f.pointer else _markup(tr, "line {line}", line=line)
    why_text = tr.rule_field(rule, "why") if rule else ""
    why = f'<p class="why"><strong>{escape(tr.words("Why it matters:"))}</strong> {_prose(" ".join(why_text.split()))}</p>' if why_text.strip() else ""
    hint = f'<div class="hint"><strong>{escape(tr.words("What to write:"))}</strong><pre>{escape(f.hint.strip())}</pre></div>' if f.hint else ""
    return (
        f'<li class="finding {escape(f.severity.value)}"><p class="head"><span class="sev">{escape(severity_word(tr, f.severity))}</span> '
        f"<code>{escape(f.code)}</code> <span class=\"name\">{escape(f.name)}</span> "
        f'<span class="where">· {where}</span></p>'
        f'<p class="message">{_prose(f.message)}</p>{why}{hint}</li>'
    )


def _waived_section(findings: list[Finding], tr: Translator) -> str:
    waived = [f for f in findings if f.suppression is not None]
    if not waived:
        return ""
    rows = "".join(
        f"<tr><td><code>{escape(f.code)}</code></td><td>{escape(f.message)}</td><td>{f.line}</td><td>{escape(_value(tr, s.kind, KINDS))}</td>"
        f"<td>{escape(s.reason)}</td><td>{escape(s.approved_by or '—')}</td><td>{escape(s.expires_on or tr.words('no expiry'))}</td></tr>"
        for f in waived
        if (s := f.suppression) is not None
    )
    head = _head(tr, "Rule", "Finding", "Line", "How", "Reason", "Approved by", "Expires on")
    title = tr.words("Waived and baselined findings ({n})" if any(baselined(f) for f in waived) else "Waived findings ({n})", n=len(waived))
    return f'<section class="waived">\n<h2>{escape(title)}</h2>\n<table><thead>{head}</thead><tbody>{rows}</tbody></table>\n</section>\n'


# small helpers -------------------------------------------------------------------


def _title(file: Any) -> str:
    data = file.data if isinstance(file.data, dict) else {}
    return _text(Charter(data).section("charter").get("title")) or file.path


def _lang(data: Mapping[str, Any]) -> str:
    """A `lang` attribute for the charter's own text (the page's `lang` is the report's language)."""
    lang = Charter(data).section("charter").get("language")
    return f' lang="{escape(lang)}"' if isinstance(lang, str) and lang.replace("-", "").isalnum() else ""


def _markup(tr: Translator, template: str, **html: str) -> str:
    """The translated `template`, escaped, with each `{name}` replaced by the markup `html[name]` (already escaped)."""
    return _PLACEHOLDER.sub(lambda m: html.get(m.group(1), m.group(0)), escape(tr.words(template)))


_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def _prose(text: str) -> str:
    """Escaped text, with `backquoted` words shown as code."""
    return _BACKQUOTED.sub(r"<code>\1</code>", escape(text))


_BACKQUOTED = re.compile(r"`([^`<>]+)`")


def _out_of(value: float | None) -> str:
    return "" if value is None else '<span class="out-of">/100</span>'


def _num(value: float | None, tr: Translator) -> str:
    return escape(tr.words("n/a")) if value is None else tr.number(value)
