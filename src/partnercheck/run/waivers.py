"""Waivers: findings the partners accept knowingly, written in the charter's `waivers:` list.

A waiver names a rule (code or name) and, with `at`, a JSON Pointer: it covers
the rule's findings at that pointer or below it (no `at`: the whole charter).
It holds until `expires_on` included; from the next day it stops suppressing,
the finding comes back and the waiver is reported (SUP03). A waiver that
covers nothing is reported as unused (SUP02). Waived findings stay in the
results, marked with their suppression, so machine outputs still show them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable

from partnercheck.findings import UNSUPPRESSIBLE, Finding, Problem, Suppression, Text
from partnercheck.pointers import is_within, join
from partnercheck.printable import visible, visible_value


@dataclass
class Waiver:
    """One entry of `waivers:` and the pointer of that entry."""

    pointer: str
    rule: str
    at: str = ""
    reason: str = ""
    approved_by: str | None = None
    expires_on: str | None = None
    used: bool = False

    def expired(self, today: date) -> bool:
        expiry = _date(self.expires_on)
        return expiry is not None and today > expiry

    def covers(self, finding: Finding) -> bool:
        named = self.rule.upper() == finding.code or self.rule == finding.name
        return named and is_within(finding.pointer, self.at)

    def suppression(self) -> Suppression:
        return Suppression("waiver", self.reason, self.approved_by, self.expires_on)

    def describe(self) -> Text:
        return Text("SUP.waiver-at", {"rule": self.rule, "at": self.at}) if self.at else Text("SUP.waiver", {"rule": self.rule})


def waivers_of(data: Any) -> list[Waiver]:
    """The well-formed waivers of a charter's data (the schema reports the others)."""
    entries = data.get("waivers") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return []
    out = []
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("rule"), str):
            continue
        at = entry.get("at")
        out.append(
            Waiver(
                pointer=join("/waivers", i),
                rule=entry["rule"],
                at=at if isinstance(at, str) else "",
                reason=visible(_text(entry.get("reason")) or ""),
                approved_by=visible_value(_text(entry.get("approved_by")), 200),
                expires_on=_text(entry.get("expires_on")),
            )
        )
    return out


def apply_waivers(findings: list[Finding], waivers: list[Waiver], today: date, enabled: Callable[[str], bool | None]) -> list[Problem]:
    """Suppress what the live waivers cover; return SUP03 for expired waivers and SUP02 for unused ones."""
    live = [w for w in waivers if not w.expired(today)]
    for finding in findings:
        if finding.code.startswith(UNSUPPRESSIBLE):
            continue
        for waiver in live:
            if waiver.covers(finding):
                waiver.used = True
                if finding.suppression is None:
                    finding.suppression = waiver.suppression()
    problems = [_expired(w) for w in waivers if w.expired(today)]
    problems += [_unused(w, enabled(w.rule) is None) for w in live if not w.used and enabled(w.rule) is not False]
    return problems


def _expired(w: Waiver) -> Problem:
    message = Text("SUP03.expired", {"waiver": w.describe(), "date": w.expires_on})
    return Problem("SUP03", message, join(w.pointer, "expires_on"))


def _unused(w: Waiver, unknown: bool) -> Problem:
    if unknown:
        message = Text("SUP02.waiver-unknown-rule", {"waiver": w.describe(), "rule": w.rule})
    else:
        message = Text("SUP02.waiver-unused", {"waiver": w.describe(), "rule": w.rule})
    return Problem("SUP02", message, w.pointer)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
