"""A YAML syntax error told at its cause, in plain words: the `[`, `{` or quote that was opened, not the
place where the parser gave up (often the next line), for coordinators rather than programmers; and the
language the unreadable charter is written in (`language: fr`, found by a light scan of its text), so
that it is told in that language."""

from __future__ import annotations

import re
from typing import Any

from partnercheck.document.lines import split_lines
from partnercheck.document.positions import Marks
from partnercheck.findings import Problem, Span, Text

_FLOW = {"while parsing a flow sequence": ("[", "]", "list"), "while parsing a flow mapping": ("{", "}", "mapping")}
#: A value that starts with a quote: after `key: `, after `- `, or alone on its line.
_QUOTED_VALUE = re.compile(r"^(?P<lead>[ \t]*(?:-[ \t]+)*(?:[^\s#'\"][^#]*?:[ \t]+)?)(?P<quote>[\"'])")


def cause_of(exc: Any, text: str) -> Problem | None:
    """The problem at the cause of a parser error, in plain words: an unclosed bracket or quote (where it was
    opened), a tab, a colon in a value, a key indented too far; else None (the parser's own words are kept)."""
    marks = Marks(text)
    context, opened, stopped = getattr(exc, "context", None), getattr(exc, "context_mark", None), getattr(exc, "problem_mark", None)
    if stopped is None:
        return None
    end = marks.point(stopped)
    if opened is not None and context in _FLOW:
        found = _unclosed_flow(text, marks.point(opened), end, *_FLOW[context])
    elif opened is not None and context == "while scanning a quoted scalar":
        start = marks.point(opened)
        quote = _char_at(text, start)
        found = _quote_problem("DOC01.unclosed-quote", quote, start) if quote in "\"'" else None
    else:
        found = _quote_cause(text, marks.point(opened)[0], end[0]) if opened is not None else None
    return found or _at_stop(str(getattr(exc, "problem", "") or ""), text, end)


def _at_stop(problem: str, text: str, at: tuple[int, int]) -> Problem | None:
    """A tab that indents, or a colon the parser did not expect, told in plain words where it is."""
    span = Span(at[0], at[1], at[0], at[1])
    if "'\\t'" in problem or "\t" in problem:
        return Problem("DOC01", Text("DOC01.tab", {"line": at[0]}), "", span, Text("DOC01.hint-tabs"))
    if problem != "mapping values are not allowed here":
        return None
    before = _line(text, at[0])[: at[1] - 1]
    if re.search(r":[ \t]", before):  # `title: Objet: formation`: a second colon in the value
        return Problem("DOC01", Text("DOC01.colon-in-value", {"line": at[0]}), "", span, Text("DOC01.hint-colon"))
    return Problem("DOC01", Text("DOC01.indented-key", {"line": at[0]}), "", span, Text("DOC01.hint-indented-key"))


def _unclosed_flow(text: str, start: tuple[int, int], end: tuple[int, int], opener: str, closer: str, kind: str) -> Problem | None:
    line = _line(text, start[0])
    if end[0] <= start[0] or _closes_on_its_line(line, start[1] - 1, opener, closer):
        return None
    span = Span(start[0], start[1], start[0], start[1])
    return Problem("DOC01", Text(f"DOC01.unclosed-{kind}", {"line": start[0]}), "", span, Text(f"DOC01.hint-unclosed-{kind}"))


def _closes_on_its_line(line: str, column: int, opener: str, closer: str) -> bool:
    depth, quote = 0, ""
    for ch in line[column:]:
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch == opener:
            depth += 1
        elif ch == closer:
            depth -= 1
            if depth == 0:
                return True
    return False


def _quote_cause(text: str, first: int, last: int) -> Problem | None:
    """A quoted value, between the lines the parser names, that does not end where its line does."""
    lines = split_lines(text)
    for number in range(max(first, 1), min(last, len(lines)) + 1):
        line = lines[number - 1]
        match = _QUOTED_VALUE.match(line)
        if match is None:
            continue
        column = match.end("lead")
        ends = _quote_end(line, column)
        if ends is None:
            return _quote_problem("DOC01.quote-open-at-line-end", match.group("quote"), (number, column + 1))
        rest = line[ends + 1 :].strip()
        if rest and not rest.startswith(("#", ",", "]", "}")):
            problem = _quote_problem("DOC01.quote-closed-early", match.group("quote"), (number, column + 1))
            return Problem(problem.code, Text(problem.message.id, {**problem.message.params, "column": ends + 1}), "", problem.span, problem.hint)
    return None


def _quote_end(line: str, column: int) -> int | None:
    """Where the quoted text opened at `column` ends on its line (the index of its closing quote), else None."""
    quote, i = line[column], column + 1
    while i < len(line):
        ch = line[i]
        if quote == '"' and ch == "\\":
            i += 2
            continue
        if ch == quote:
            if quote == "'" and line[i + 1 : i + 2] == "'":
                i += 2
                continue
            return i
        i += 1
    return None


def _quote_problem(id: str, quote: str, at: tuple[int, int]) -> Problem:
    span = Span(at[0], at[1], at[0], at[1])
    hint = "DOC01.hint-apostrophe" if quote == "'" else "DOC01.hint-quote"
    return Problem("DOC01", Text(id, {"quote": quote, "line": at[0]}), "", span, Text(hint))


def _line(text: str, number: int) -> str:
    lines = split_lines(text)
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _char_at(text: str, point: tuple[int, int]) -> str:
    line = _line(text, point[0])
    return line[point[1] - 1] if 0 < point[1] <= len(line) else ""


_LANGUAGE_LINE = re.compile(r"^[ \t]+language:[ \t]*[\"']?([A-Za-z]{2}(?:[-_][A-Za-z]{2})?)\b", re.MULTILINE)


def language_in_text(text: str) -> str:
    """The `language:` of a charter's text that the YAML parser could not read (an indented `language: fr` line), else ""."""
    found = {m.group(1) for m in _LANGUAGE_LINE.finditer(text[:200_000])}
    return found.pop() if len(found) == 1 else ""
