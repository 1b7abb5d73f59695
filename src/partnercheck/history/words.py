"""The words of a comparison: each change in the partnership's terms as one line, in the reader's language."""

from __future__ import annotations

from typing import Any, Mapping

from partnercheck.history.terms import TermChange
from partnercheck.printable import visible
from partnercheck.report.i18n import Translator

SECTION_TITLES = {
    "charter": "Charter",
    "partners": "Partners",
    "pilot": "Pilot",
    "objectives": "Objectives",
    "bodies": "Bodies",
    "beneficiaries": "Beneficiary groups",
    "measures": "Evaluation measures",
}

#: Each kind of change, as an English template (the `msgid` of its translation).
TEMPLATES = {
    "joined": "{subject} joined ({after})",
    "left": "{subject} left ({before})",
    "type": "{subject}: type {before} → {after}",
    "representative": "{subject}: representative {before} → {after}",
    "status": "{subject}: status {before} → {after}",
    "added": "{subject} added: {after}",
    "dropped": "{subject} dropped: {before}",
    "reworded": "{subject} reworded: {before} → {after}",
    "retargeted": "{subject} retargeted: {before} → {after}",
    "accountable": "{subject}: accountable partner {before} → {after}",
    "endorsement": "{subject}: endorsed by {before} → {after}",
    "members": "{subject}: members {before} → {after}",
    "seats": "{subject}: seats {before} → {after}",
    "representation": "{subject}: represented by {before} → {after}",
    "changed": "{subject} changed: {before} → {after}",
    "mandate": "pilot re-mandated: {before} → {after}",
    "version": "version {before} → {after}",
}
PILOT_CHANGED = "pilot {before} → {after}"
STATUS = "status {before} → {after}"
NOTHING = "—"


def section_title(section: str, tr: Translator) -> str:
    return tr.words(SECTION_TITLES[section])


def change_line(change: TermChange, tr: Translator) -> str:
    """One change in words: `region: representative Mme A (présidente) → M. B (vice-président)`."""
    template = TEMPLATES[change.kind]
    if change.section == "pilot" and change.kind == "changed":
        template = PILOT_CHANGED
    elif change.section == "charter" and change.kind == "status":
        template = STATUS
    before, after = value_text(change.before), value_text(change.after)
    if change.kind in ("joined", "left"):  # the partner's name in brackets, left out when it has none
        before, after = ("" if change.before is None else before), ("" if change.after is None else after)
    return tr.words(template, subject=visible(change.subject, 80), before=before, after=after)


def value_text(value: Any, limit: int = 160) -> str:
    """A charter value on one line: a list joined by commas, a mapping as `key: value; …`, nothing as —."""
    return visible(" ".join(_plain(value).split()), limit)


def _plain(value: Any) -> str:
    if value is None or value == [] or value == {}:
        return NOTHING
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value)
    if isinstance(value, Mapping):
        if set(value) <= {"name", "role", "mandate_ref"} and "name" in value:  # a representative
            return str(value["name"]) + (f" ({value['role']})" if value.get("role") else "")
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def score_text(score: float | None, tr: Translator) -> str:
    return tr.words("n/a") if score is None else tr.number(score)


def delta_text(before: float | None, after: float | None, tr: Translator) -> str:
    """The difference with its sign (`+5`, `-2.9`), nothing when there is none."""
    if before is None or after is None or before == after:
        return ""
    return ("+" if after > before else "-") + tr.number(round(abs(after - before), 1))
