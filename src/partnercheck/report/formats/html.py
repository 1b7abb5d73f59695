"""The health report for a partnership board: one self-contained, printable HTML page per run.

Built from the Jinja2 templates in `report/templates/` (autoescaped: every
value from a charter or a finding is escaped). No script, no external font,
image or style sheet: the page opens from an e-mail attachment with no
network, reads on a phone and prints on few A4 pages. Per charter: an
executive summary (verdict, score, the actions before signing, in plain
words), the partnership at a glance (partner map, objectives, governance
bodies, evaluation calendar, signatures), the health of each dimension, the
findings by dimension, the waived findings, and a technical appendix (codes,
lines, pointers) for whoever edits the file.
"""

from __future__ import annotations

from html import escape
from typing import Any, Iterable, Mapping

from partnercheck import __version__
from partnercheck.report.formats import board
from partnercheck.report.formats.glance import STATUSES, glance, value_in
from partnercheck.report.formats.html_style import CSS
from partnercheck.report.formats.partner_map import network, text_of
from partnercheck.report.formats.scoreblock import misspelt_sections, unjudged_line
from partnercheck.report.i18n import Translator, of
from partnercheck.report.inputs import input_of
from partnercheck.report.score import Dimension, FileScore, band, baselined
from partnercheck.report.templating import environment
from partnercheck.rules.context import Charter
from partnercheck.rules.model import Rule
from partnercheck.run.grouping import ungrouped

KINDS = ("waiver", "comment", "baseline")


def render(run: Any, options: Mapping[str, Any]) -> str:
    tr = of(options)
    scores = input_of(run, options).scores
    rules = {r.code: r for r in run.rules}
    by_path = {s.path: s for s in scores.files}
    over_time = options.get("over_time") or {}  # `report --base REF`: each charter's changes and history (history/sections.py)
    charters = [_charter(file, by_path[file.path], rules, run.settings.today.isoformat(), tr) | {"index": i, "changes": None, "history": None, **over_time.get(file.path, {})} for i, file in enumerate(run.files, 1)]
    title = _title(run.files[0]) if len(run.files) == 1 else tr.words("{n} charters", n=len(run.files))
    pieces = environment().get_template("report.html.j2").generate(
        _=tr.words,
        lang=tr.lang,
        title=tr.words("Partnership health report — {title}", title=title),
        version=__version__,
        css=CSS,
        charters=charters,
    )
    return _bounded(pieces, MAX_CHARACTERS_PER_CHARTER * max(1, len(run.files)))


#: The most characters the report may hold per charter (about 16 MB): far above a real charter's
#: (tens of kilobytes), far below what a charter of thousands of aliased partners would make.
MAX_CHARACTERS_PER_CHARTER = 16 * 1024 * 1024


def _bounded(pieces: Iterable[str], limit: int) -> str:
    """The page, built piece by piece and refused once it passes `limit` characters, before it takes that much memory."""
    from partnercheck.errors import UsageError

    kept: list[str] = []
    size = 0
    for piece in pieces:
        size += len(piece)
        if size > limit:
            raise UsageError(
                f"the HTML report would be larger than {limit // (1024 * 1024):,} MB ({MAX_CHARACTERS_PER_CHARTER // (1024 * 1024)} MB per charter); "
                "no board reads a report that size: check the charter with `partnercheck check` first"
            )
        kept.append(piece)
    return "".join(kept)


def _charter(file: Any, score: FileScore, rules: Mapping[str, Rule], today: str, tr: Translator) -> dict[str, Any]:
    data = file.data if isinstance(file.data, dict) else {}
    findings = ungrouped(file.findings)  # the board lists every place of a grouped finding
    actions, more = board.actions(score, findings, rules, data, tr)
    waived = [f for f in file.findings if f.suppression is not None]  # as listed: a grouped finding is one row
    return {
        "title": _title(file),
        "lang": _lang(data),
        "facts": _facts(file, data, today, tr),
        "ready": score.verdict.ready,
        "verdict": score.verdict.label_in(tr, plain=True),
        "gates": _gates(score, tr),
        "unjudged": unjudged_line(tr, score.dimensions, misspelt_sections(file.findings), technical=True).strip(),
        "overall": _num(score.overall, tr),
        "scored": score.overall is not None,
        "assessed": score.readable,
        "blocking": bool(score.verdict.blocking),
        "actions": actions,
        "more_actions": tr.ngettext("and {n} more point in the findings below", "and {n} more points in the findings below", more) if more else "",
        "held": _held(score, tr),
        "network": network(data),
        "glance": glance(data, tr),
        "chart": chart_svg(score.dimensions, tr),
        "dimensions": [(d.title_in(tr), _num(d.score, tr), _counts(d, tr)) for d in score.dimensions],
        "outside": _other_rules(score, tr),
        "groups": board.groups(findings, rules, data, tr),
        "active": sum(1 for f in file.findings if not f.suppressed),
        "waived": _waived(waived, tr),
        "waived_title": tr.words("Waived and baselined findings ({n})" if any(baselined(f) for f in waived) else "Waived findings ({n})", n=len(waived)),
        "appendix": board.appendix(findings, data, tr),
    }


def _facts(file: Any, data: Mapping[str, Any], today: str, tr: Translator) -> list[tuple[str, str]]:
    charter, period = Charter(data).section("charter"), Charter(data).section("charter", "period")
    status = charter.get("status")
    facts = [
        (tr.words("File"), file.path),
        (tr.words("Status"), value_in(tr, status, STATUSES) if text_of(status) else tr.words("not stated")),
        (tr.words("Period"), _period(period, tr)),
        (tr.words("Territory"), text_of(charter.get("territory"))),
        (tr.words("Version"), text_of(charter.get("version"))),
        (tr.words("Checked on"), tr.date(today)),
    ]
    return [(k, v) for k, v in facts if v]


def _gates(score: FileScore, tr: Translator) -> str:
    """For the technical appendix: the command-line options that decided the verdict, which the summary says in words."""
    technical = score.verdict.label_in(tr)
    return technical if technical != score.verdict.label_in(tr, plain=True) else ""


def _held(score: FileScore, tr: Translator) -> list[str]:
    out = []
    if score.waived:
        out.append(tr.ngettext("{n} finding waived (listed at the end).", "{n} findings waived (listed at the end).", score.waived))
    if score.baselined:
        out.append(tr.ngettext("{n} finding baselined (listed at the end).", "{n} findings baselined (listed at the end).", score.baselined))
    return out


def _waived(findings: list[Any], tr: Translator) -> list[tuple[str, str, str, str, str, str, str]]:
    return [
        (f.code, f.message, ", ".join(str(m.line) for m in f.members()), value_in(tr, s.kind, KINDS), s.reason, s.approved_by or "—", s.expires_on or tr.words("no expiry"))
        for f in findings
        if (s := f.suppression) is not None
    ]


def _period(period: Mapping[str, Any], tr: Translator) -> str:
    start, end = (tr.date(text_of(period.get(key))) if text_of(period.get(key)) else "" for key in ("start", "end"))
    if start and end:
        return tr.words("{start} to {end}", start=start, end=end)
    return tr.words("from {start}", start=start) if start else (tr.words("until {end}", end=end) if end else "")


# chart -------------------------------------------------------------------------

ROW, LABEL_W, TRACK_W, PAD = 30, 130, 300, 10
#: Width of a label character in the chart's 13px font, generously: longer names widen the label column.
CHAR_W = 8


def _other_rules(score: FileScore, tr: Translator) -> str:
    """What findings outside the ten dimensions take from the overall score (docs/score.md)."""
    if score.outside_penalty <= 0:
        return ""
    return tr.words("Other rules: -{penalty} (findings outside the ten dimensions, taken from the overall score)", penalty=tr.number(score.outside_penalty))


def chart_svg(dimensions: Iterable[Dimension], tr: Translator | None = None) -> str:
    """A horizontal bar chart of the dimension scores, as inline SVG (escaped markup)."""
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
    fill = f'<rect x="{label_w}" y="{y + 6}" width="{TRACK_W * d.score / 100:.1f}" height="{ROW - 12}" rx="3" class="bar {band(d.score)}"><title>{escape(tr.words("{title}: {score}/100", title=d.title_in(tr), score=_num(d.score, tr)))}</title></rect>'
    value = f'<text x="{label_w + TRACK_W + 8}" y="{mid}" class="value">{_num(d.score, tr)}</text>'
    return label + track + fill + value


def _counts(d: Dimension, tr: Translator) -> str:
    parts = [
        tr.ngettext("{n} error", "{n} errors", d.errors) if d.errors else "",
        tr.ngettext("{n} warning", "{n} warnings", d.warnings) if d.warnings else "",
        tr.ngettext("{n} info", "{n} infos", d.infos) if d.infos else "",
    ]
    text = ", ".join(p for p in parts if p)
    return text or tr.words("none" if d.score is not None else "not checked")


# small helpers -------------------------------------------------------------------


def _title(file: Any) -> str:
    data = file.data if isinstance(file.data, dict) else {}
    return text_of(Charter(data).section("charter").get("title")) or file.path


def _lang(data: Mapping[str, Any]) -> str:
    """A `lang` attribute for the charter's own text (the page's `lang` is the report's language), or ""."""
    lang = Charter(data).section("charter").get("language")
    return lang if isinstance(lang, str) and lang.replace("-", "").isalnum() else ""


def _num(value: float | None, tr: Translator) -> str:
    return tr.words("n/a") if value is None else tr.number(value)
