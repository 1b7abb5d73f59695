"""What the HTML report tells a partnership board about findings: the actions before signing, the findings by
dimension (why it matters once per rule, where in words, what to write), and the technical appendix.

Codes, JSON Pointers, rule names and line numbers appear only in the appendix.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from partnercheck.findings import Finding, Severity, split_hint
from partnercheck.report.formats.common import severity_word
from partnercheck.report.formats.where import where
from partnercheck.report.i18n import Translator
from partnercheck.report.score import DIMENSIONS, FileScore, baselined, title_of
from partnercheck.rules.model import Rule
from partnercheck.run.grouping import ungrouped

OTHER = "document"
#: At most this many actions in the executive summary, and this many places named in one action.
ACTIONS, PLACES = 5, 3
#: Success conditions' codes at the start of a rule's `why` ("S2: …", "S1 and S6: …", "S1 et S3 : …"): technical.
_CONDITION = re.compile(r"^\s*S\d+(?:\s*(?:,|and|et|&)\s*S\d+)*\s*:\s*")


@dataclass(frozen=True)
class Action:
    text: str
    places: tuple[str, ...]
    more: int  # places not named
    baselined: bool = False  # an error hidden only by the baseline: it still blocks


@dataclass(frozen=True)
class Item:
    where: str
    message: str
    severity: str
    hint: str  # only when it differs from the rule's shared hint


@dataclass(frozen=True)
class RuleBlock:
    summary: str
    why: str
    severity: str  # the most severe of its findings: the block's class
    severity_label: str
    hint: str  # shared by all its findings, or ""
    items: tuple[Item, ...]
    alike: bool = False  # its findings say the same thing of different items: the places are enough


@dataclass(frozen=True)
class Group:
    """One dimension's findings in the report, rule by rule."""

    name: str
    title: str
    count: int
    rules: tuple[RuleBlock, ...]


@dataclass(frozen=True)
class AppendixRow:
    code: str
    name: str
    severity: str
    line: int
    pointer: str
    where: str


def actions(score: FileScore, findings: Iterable[Finding], rules: Mapping[str, Rule], data: Any, tr: Translator) -> tuple[tuple[Action, ...], int]:
    """The actions before signing (one per rule of the blocking findings), else the main improvements; and how many more."""
    active = [f for f in findings if not f.suppressed]
    chosen = ungrouped(score.verdict.blocking) or [f for f in active if f.severity is Severity.WARNING] or active
    by_rule = _by_rule(chosen)
    ordered = sorted(by_rule.values(), key=lambda fs: (-max(f.severity.rank for f in fs), -len(fs)))
    out = tuple(_action(fs, rules.get(fs[0].code), data, tr) for fs in ordered[:ACTIONS])
    return out, max(0, len(ordered) - ACTIONS)


def _action(findings: list[Finding], rule: Rule | None, data: Any, tr: Translator) -> Action:
    places = list(dict.fromkeys(where(f.pointer, data, tr) for f in findings))
    return Action(_imperative(findings[0], rule, tr), tuple(places[:PLACES]), max(0, len(places) - PLACES), any(baselined(f) for f in findings))


def _imperative(finding: Finding, rule: Rule | None, tr: Translator) -> str:
    """The hint's words ("Name the pilot (or co-pilots) by partner id"), else the rule's summary, else the message."""
    prose, _snippet = split_hint((finding.hint or "").strip())
    line = " ".join(prose.split()).rstrip(":").strip()  # its words whole, however they wrap
    if " " in line and not line.startswith(("-", "#")):
        return _plain(line)
    return _plain(tr.rule_field(rule, "summary") if rule else finding.message)


def _plain(text: str) -> str:
    """No code spans in the summary: `evaluation.measures` reads evaluation.measures."""
    return text.replace("`", "")


def groups(findings: Iterable[Finding], rules: Mapping[str, Rule], data: Any, tr: Translator) -> tuple[Group, ...]:
    """Active findings by dimension (document problems first), then by rule, most severe first."""
    by_dimension: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        if not f.suppressed:
            by_dimension[f.pack if f.pack in DIMENSIONS else OTHER].append(f)
    out = []
    for name in (OTHER, *DIMENSIONS):
        mine = by_dimension.get(name)
        if not mine:
            continue
        blocks = sorted(_by_rule(mine).values(), key=lambda fs: (-max(f.severity.rank for f in fs), min(f.line for f in fs), fs[0].code))
        title = tr.words("Document and references") if name == OTHER else title_of(name, tr)
        out.append(Group(name, title, len(mine), tuple(_block(fs, rules.get(fs[0].code), data, tr) for fs in blocks)))
    return tuple(out)


def _by_rule(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        out[f.code].append(f)
    return out


def _block(findings: list[Finding], rule: Rule | None, data: Any, tr: Translator) -> RuleBlock:
    ordered = sorted(findings, key=lambda f: (-f.severity.rank, f.line, f.column))
    hints = {(f.hint or "").strip() for f in ordered}
    shared = hints.pop() if len(hints) == 1 else ""
    worst = ordered[0].severity
    why = " ".join(tr.rule_field(rule, "why").split()) if rule else ""
    summary = tr.rule_field(rule, "summary") if rule else ordered[0].message
    items = tuple(Item(where(f.pointer, data, tr), f.message, f.severity.value, "" if shared else (f.hint or "").strip()) for f in ordered)
    alike = len(items) > 1 and bool(shared) and len({_gist(i.message) for i in items}) == 1 and len({i.severity for i in items}) == 1
    return RuleBlock(" ".join(summary.split()), _CONDITION.sub("", why), worst.value, severity_word(tr, worst), shared, items, alike)


def _gist(message: str) -> str:
    """A message without the names, ids and values it quotes: what it says of any item."""
    while True:
        bare = _QUOTED.sub("", message)  # again and again: a name may hold a parenthesis in a parenthesis
        if bare == message:
            return " ".join(bare.split())
        message = bare


_QUOTED = re.compile(r"`[^`]*`|\([^()]*\)|“[^”]*”|«[^»]*»|\"[^\"]*\"")


def appendix(findings: Iterable[Finding], data: Any, tr: Translator) -> tuple[AppendixRow, ...]:
    """Every active finding with its code, rule name, severity, line and pointer: for whoever edits the file."""
    active = sorted((f for f in findings if not f.suppressed), key=lambda f: (f.line, f.column, f.code))
    return tuple(AppendixRow(f.code, f.name, severity_word(tr, f.severity), f.line, f.pointer, where(f.pointer, data, tr)) for f in active)
