"""Inline suppressions: `# partnercheck: disable-line=CODE -- reason` in YAML comments.

Three directives, each naming rule codes or names separated by commas, then
two dashes and the reason::

    # partnercheck: disable-line=BEN02 -- reason         the finding on this line
    # partnercheck: disable-next-line=BEN02,TIM01 -- why  the next line that is not a comment
    # partnercheck: disable-file=CAP01 -- reason          anywhere in the file

Directives are read from comments only. A `#` inside a quoted scalar or a
block scalar (`|`, `>`) is text, not a comment: the YAML scanner's own tokens
tell where scalars start and end, so text that merely looks like a directive
never suppresses anything. A directive without a reason still suppresses and
is reported (SUP01); one that suppresses nothing is reported (SUP02).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Callable, Iterator

from partnercheck.document.lines import split_lines
from partnercheck.document.positions import Marks
from partnercheck.findings import UNSUPPRESSIBLE, Finding, Problem, Span, Suppression, Text
from partnercheck.printable import visible
from partnercheck.records import Record

KINDS = ("disable-line", "disable-next-line", "disable-file")
#: What may be a directive: a known word, or any word given rules (`disabel-line=PIL05`, a typo, is reported, not ignored).
_CANDIDATE = re.compile(r"#[ \t]*partnercheck[ \t]*:[ \t]*(?:disable|enable|[A-Za-z-]+[ \t]*=)", re.IGNORECASE)
_DIRECTIVE = re.compile(r"^#[ \t]*partnercheck[ \t]*:[ \t]*(?P<kind>[A-Za-z-]+)[ \t]*(?P<rest>.*)$", re.IGNORECASE)


class Directive(Record):
    """One suppression comment: its kind, the rules it names, its reason, where it is."""

    __slots__ = ("kind", "rules", "reason", "line", "column", "end_column", "target", "used")

    kind: str
    rules: tuple[str, ...]
    reason: str
    line: int  # 1-based line of the comment
    column: int  # 1-based column of the `#`
    end_column: int
    target: int | None  # the line it covers (None: the whole file)
    used: set[str]

    def __init__(self, kind: str, rules: tuple[str, ...], reason: str, line: int, column: int, end_column: int, target: int | None = None, used: set[str] | None = None) -> None:
        self.kind = kind
        self.rules = rules
        self.reason = reason
        self.line = line
        self.column = column
        self.end_column = end_column
        self.target = target
        self.used = set() if used is None else used

    @property
    def span(self) -> Span:
        return Span(self.line, self.column, self.line, self.end_column)

    def covers(self, finding: Finding) -> str | None:
        """The rule (as written in the comment) that covers `finding`, if any."""
        if self.target is not None and finding.line != self.target:
            return None
        return next((r for r in self.rules if names(r, finding)), None)


def names(selector: str, finding: Finding) -> bool:
    """A directive or waiver names a finding by its code (any case) or its rule name."""
    return selector.upper() == finding.code or selector == finding.name


# reading ---------------------------------------------------------------------
def directives(text: str) -> tuple[list[Directive], list[Problem]]:
    """The directives in `text`'s comments, and a problem for each malformed one."""
    if not _CANDIDATE.search(text):
        return [], []
    lines = split_lines(text)  # YAML's lines, as findings count them
    inside = _ScalarRegions(text)
    targets = _NextLines(lines)
    found: list[Directive] = []
    problems: list[Problem] = []
    for number, line in enumerate(lines, start=1):
        if not _CANDIDATE.search(line):
            continue
        start = _comment_start(line, number, inside)
        if start is None:
            continue
        comment = line[start:].rstrip()
        parsed = _parse(comment, number, start + 1)
        if isinstance(parsed, Problem):
            problems.append(parsed)
        elif parsed is not None:
            parsed.target = _target(parsed, number, targets)
            found.append(parsed)
    return found, problems


def _comment_start(line: str, number: int, inside: _ScalarRegions) -> int | None:
    """The 0-based column where the line's comment starts, or None when it has none."""
    for match in re.finditer("#", line):
        col = match.start()
        if col > 0 and line[col - 1] not in " \t":
            continue
        if not inside.contains(number, col + 1):
            return col
    return None


def _parse(comment: str, line: int, column: int) -> Directive | Problem | None:
    match = _DIRECTIVE.match(comment)
    if match is None:
        return None
    kind = match.group("kind").lower()
    span = Span(line, column, line, column + len(comment) - 1)
    rest = match.group("rest")
    if kind not in KINDS:
        return Problem("SUP02", Text("SUP02.not-directive", {"word": match.group("kind"), "directives": ", ".join(KINDS)}), "", span)
    if not rest.startswith("="):
        return Problem("SUP02", Text("SUP02.no-rule", {"directive": kind}), "", span)
    selectors, _, reason = rest[1:].partition("--")
    rules = tuple(r.strip() for r in selectors.split(",") if r.strip())
    if not rules:
        return Problem("SUP02", Text("SUP02.no-rule", {"directive": kind}), "", span)
    return Directive(kind, rules, visible(reason.strip()), line, column, span.end_column)


def _target(directive: Directive, line: int, targets: _NextLines) -> int | None:
    if directive.kind == "disable-file":
        return None
    if directive.kind == "disable-line":
        return line
    return targets.after(line)


class _NextLines:
    """For each line, the next line that is neither blank nor a comment: one pass from the end, made on first use."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.next: list[int | None] | None = None

    def after(self, line: int) -> int:
        """The first line after `line` (1-based) that holds content; `line + 1` when none does."""
        if self.next is None:
            self.next = [None] * (len(self.lines) + 2)
            following: int | None = None
            for number in range(len(self.lines), 0, -1):
                self.next[number] = following
                stripped = self.lines[number - 1].strip()
                if stripped and not stripped.startswith("#"):
                    following = number
        found = self.next[line] if line < len(self.next) else None
        return line + 1 if found is None else found


class _ScalarRegions:
    """Where the scalars of a YAML text are, from the scanner's tokens (1-based lines and columns).

    The scanner gives them in order and they do not overlap, so a position is
    looked up by bisection: linear in the number of comments overall.
    """

    def __init__(self, text: str) -> None:
        self.regions: list[tuple[tuple[int, int], tuple[int, int]]] = []
        marks = Marks(text)
        for token in _scalar_tokens(text):
            begin, end = marks.point(token.start_mark), marks.point(token.end_mark)
            if getattr(token, "style", None) in ("|", ">"):  # a comment on the header line is a comment
                begin = (begin[0] + 1, 1)
            self.regions.append((begin, end))
        self.regions.sort()
        self.begins = [begin for begin, _ in self.regions]

    def contains(self, line: int, column: int) -> bool:
        from bisect import bisect_right

        at = bisect_right(self.begins, (line, column)) - 1
        return at >= 0 and (line, column) < self.regions[at][1]


def _scalar_tokens(text: str) -> Iterator[Any]:
    """The scanner's scalar tokens; a scanning error ends the list (the parser reports it)."""
    from ruamel.yaml.error import YAMLError

    try:
        for token in _tokens(text):
            if type(token).__name__ == "ScalarToken":
                yield token
    except (YAMLError, AssertionError):
        return


def _tokens(text: str) -> Iterator[Any]:
    try:
        from _ruamel_yaml import CParser  # type: ignore[import-not-found]
    except ImportError:
        from ruamel.yaml import YAML

        yield from YAML(typ="safe", pure=True).scan(text)
        return
    parser = CParser(text)
    while True:
        token = parser.get_token()
        if token is None or type(token).__name__ == "StreamEndToken":
            return
        yield token


# applying ----------------------------------------------------------------------
Enabled = Callable[[str], "bool | None"]


def apply(findings: list[Finding], text: str, data: Any, today: date, enabled: Enabled) -> list[Problem]:
    """Mark the findings that comments and waivers suppress; return the SUP problems to report.

    `enabled(selector)` tells whether the rule a selector names runs (True),
    is known but not selected (False: unused directives for it are not
    reported), or is unknown (None).
    """
    found, problems = directives(text)
    index = _CommentIndex(found)
    for finding in findings:
        if finding.code.startswith(UNSUPPRESSIBLE):
            continue
        finding.suppression = _by_comment(finding, index.candidates(finding))
    if isinstance(data, dict) and data.get("waivers"):  # waivers.py only for a charter that writes some
        from partnercheck.run.waivers import apply_waivers, waivers_of

        problems += apply_waivers(findings, waivers_of(data), today, enabled)
    problems += _comment_problems(found, enabled)
    return problems


class _CommentIndex:
    """The directives by the line they cover and the codes and names they give: a finding looks up only its own."""

    def __init__(self, found: list[Directive]) -> None:
        self.order = {id(d): i for i, d in enumerate(found)}
        self.by: dict[tuple[int | None, str, str], list[Directive]] = {}
        for d in found:
            for rule in d.rules:
                for key in (("code", rule.upper()), ("name", rule)):
                    entries = self.by.setdefault((d.target, *key), [])
                    if not entries or entries[-1] is not d:
                        entries.append(d)

    def candidates(self, finding: Finding) -> list[Directive]:
        """The directives that may cover `finding`, in the file's order.

        Once a finding has looked up a key, every directive under it is marked
        used (`_by_comment`) exactly as a later finding of the same rule would
        mark it, so only the first stays: many findings and many comments of
        one rule cost their sum, not their product.
        """
        keys = [(line, *key) for line in (finding.line, None) for key in (("code", finding.code), ("name", finding.name))]
        unique = {id(d): d for key in keys for d in self.by.get(key, ())}
        for key in keys:
            if len(self.by.get(key, ())) > 1:
                self.by[key] = self.by[key][:1]
        return sorted(unique.values(), key=lambda d: self.order[id(d)])


def _by_comment(finding: Finding, found: list[Directive]) -> Suppression | None:
    suppression = finding.suppression
    for directive in found:
        rule = directive.covers(finding)
        if rule is None:
            continue
        directive.used.add(rule)
        if suppression is None:
            suppression = Suppression("comment", directive.reason)
    return suppression


def _comment_problems(found: list[Directive], enabled: Enabled) -> list[Problem]:
    problems: list[Problem] = []
    for d in found:
        if not d.reason:
            problems.append(Problem("SUP01", Text("SUP01.no-reason", {"directive": d.kind}), "", d.span))
        unused = [r for r in d.rules if r not in d.used and enabled(r) is not False]
        for rule in unused:
            problems.append(Problem("SUP02", _unused_message(d, rule, enabled(rule) is None), "", d.span))
    return problems


def _unused_message(d: Directive, rule: str, unknown: bool) -> Text:
    if unknown:
        return Text("SUP02.unknown-rule", {"directive": d.kind, "rule": rule})
    where = {"disable-line": Text("SUP02.on-this-line"), "disable-next-line": Text("SUP02.on-line", {"line": d.target}), "disable-file": Text("SUP02.in-this-file")}[d.kind]
    return Text("SUP02.unused", {"directive": d.kind, "rule": rule, "where": where})
