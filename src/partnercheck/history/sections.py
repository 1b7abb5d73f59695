"""What the HTML sections of `diff` and `history` show, for the templates `changes.html.j2` and `history.html.j2`.

The same two sections go into the board report (`partnercheck report CHARTER
--base REF`) and into the standalone pages of `diff --format html` and
`history --format html`: one computation (history/compare.py,
history/timeline.py), one set of words (history/words.py), one template each.
Every value is plain text; the templates escape it.
"""

from __future__ import annotations

from typing import Any

from partnercheck.findings import Finding
from partnercheck.history.compare import Comparison
from partnercheck.history.rendering import NO_CHANGE, by_section, findings_parts, score_rows
from partnercheck.history.timeline import Timeline
from partnercheck.history.timeline_render import amendment, chart, rows
from partnercheck.history.words import change_line, section_title
from partnercheck.report.i18n import Translator

MARKS = {"joined": "+", "added": "+", "left": "−", "dropped": "−"}


def changes_view(c: Comparison, tr: Translator, title: str, board: bool = False) -> dict[str, Any]:
    """One charter's changes: its terms by section, its scores before and after, the findings introduced and resolved.

    For the board (`board`), a finding is told where it is in words, without code or line (those are the appendix's).
    """
    return {
        "title": title,
        "versions": f"{c.old.label} → {c.new.label}",
        "sections": [(section_title(s, tr), [(MARKS.get(ch.kind, "~"), change_line(ch, tr)) for ch in found]) for s, found in by_section(c.terms)],
        "nothing": "" if c.terms else tr.words(NO_CHANGE),
        "head": (tr.words("Dimension"), tr.words("before"), tr.words("after"), "Δ"),
        "scores": score_rows(c, tr),
        "findings": [(heading, [_finding(f, c, tr, board) for f in listed]) for heading, listed in findings_parts(c, tr)],
    }


def _finding(f: Finding, c: Comparison, tr: Translator, board: bool) -> tuple[str, str]:
    """(where or code, what): `partner “Région” — representative`, or the code and `line 12: …`."""
    if board:
        from partnercheck.report.formats.where import where

        data = c.new_data if f in c.introduced else c.old_data
        return where(f.pointer, data if isinstance(data, dict) else {}, tr), f.message
    return f.code, tr.words("line {line}: {message}", line=f.line, message=f.message)


def history_view(timeline: Timeline, tr: Translator, table: bool = False) -> dict[str, Any]:
    """A charter's history: the chart of its scores, the partners who joined and left, the amendments (and, on its own page, the table)."""
    words = {"joined": "{partner} joined", "left": "{partner} left"}
    return {
        "title": tr.words("Score over time"),
        "chart": chart(timeline, tr),
        "partners": [(tr.date(day), tr.words(words[kind], partner=who)) for day, who, kind in timeline.partner_dates()],
        "amendments": [(tr.date(p.revision.date), amendment(p, tr), [change_line(t, tr) for t in p.terms]) for p in timeline.amendments()],
        "dates": [p.revision.date for p in timeline.points] if table else [],
        "rows": rows(timeline, timeline.points, tr) if table else [],
    }


def for_report(ref: str, plan: Any, files: Any, tr: Translator) -> dict[str, dict[str, Any]]:
    """`report --base REF`: by the report's file path, what changed since REF (as `diff --base` compares it) and,
    when git has its history, the charter's history (as `history` walks it). Standard input has neither."""
    from partnercheck.history.compare import Version, compare
    from partnercheck.history.gate import Base
    from partnercheck.history.git import GitError
    from partnercheck.history.timeline import timeline
    from partnercheck.run.discovery import read

    targets = {t.display: t for t in plan.walk.targets if t.source is not None}
    if not targets:  # standard input: no revision to compare with
        return {}
    base = Base.open(ref, plan.paths, plan.stdin_filename)
    out: dict[str, dict[str, Any]] = {}
    for file in files:
        target = targets.get(file.path)
        if target is None:
            continue
        now = read(target, None, plan.settings.limits.max_bytes).raw
        then = base.path_at(target)
        before = base.repository.show(base.commit, then) if then is not None else None
        (c,) = compare([(target, Version(f"{ref}:{then or file.path}", before), Version(file.path, now))], plan)
        c.introduced, c.resolved = [tr.finding(f) for f in c.introduced], [tr.finding(f) for f in c.resolved]
        out[file.path] = {"changes": changes_view(c, tr, tr.words("What changed since {ref}", ref=ref), board=True)}
        try:
            out[file.path]["history"] = history_view(timeline(target.source, plan), tr)
        except GitError:  # not committed yet: no history to draw
            pass
    return out
