"""Run the YAML parser (C first, pure Python on rejection) and turn its errors into DOC01."""

from __future__ import annotations

import re
from typing import Any, Callable, Iterator, Sequence

from partnercheck.document.builder import Builder, Limits, Parsed, Stop
from partnercheck.document.positions import Marks
from partnercheck.findings import START, Problem, Text

#: The parsers `parse` tries, in order (docs/yaml-conformance.md compares the choices).
RETRY = ("c", "pure")


def parse(text: str, limits: Limits, parsers: Sequence[str] = RETRY) -> Parsed:
    """Parse `text` into data and positions; parser errors become problems, never exceptions.

    The C parser is fast; when it rejects a document, the pure-Python parser
    gets a second try, since it accepts some valid YAML the C one refuses.
    The last parser's error is the one reported.
    """
    from ruamel.yaml.error import YAMLError

    error: Exception | None = None
    for name in parsers:
        try:
            return Builder(text, limits).feed(_EVENTS[name](text))
        except Stop as stop:
            return _stopped(stop)
        except (YAMLError, AssertionError) as exc:  # the pure parser asserts on a `%YAML 1.3` directive
            error = exc
    parsed = Parsed()
    if error is not None:
        parsed.problems.append(syntax_problem(error, text))
    return parsed


def _stopped(stop: Stop) -> Parsed:
    parsed = Parsed()
    parsed.problems.append(stop.problem)
    return parsed


def _c_events(text: str) -> Iterator[Any]:
    """The C parser's events, up to the stream's end (after it, the parser returns None)."""
    try:
        from _ruamel_yaml import CParser  # type: ignore[import-not-found]
    except ImportError:  # no C extension on this platform: the pure parser does it all
        return _pure_events(text)
    return iter(CParser(text).get_event, None)


def _pure_events(text: str) -> Iterator[Any]:
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).parse(text)


_EVENTS: dict[str, Callable[[str], Iterator[Any]]] = {"c": _c_events, "pure": _pure_events}


def syntax_problem(exc: Exception, text: str = "") -> Problem:
    """A DOC01 problem from a parser exception, placed where the parser stopped."""
    if hasattr(exc, "position") and hasattr(exc, "character"):
        return _reader_problem(exc, text)
    from partnercheck.document.syntax_cause import cause_of  # a syntax error only

    cause = cause_of(exc, text)  # an unclosed `[`, `{` or quote: at the line where it was opened
    if cause is not None:
        return cause
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    detail = str(problem)
    context_mark = getattr(exc, "context_mark", None)
    marks = Marks(text)
    if context and context_mark is not None:
        line, column = marks.point(context_mark)
        detail += f" ({context}, line {line} column {column})"
    span = START if mark is None else marks.at(mark)
    if mark is None and hasattr(exc, "position"):  # ReaderError: an unacceptable character
        detail = f"{exc}".splitlines()[0]
    return Problem("DOC01", Text("DOC01.invalid-yaml", {"detail": detail}), "", span, _hint(problem))


def _reader_problem(exc: Any, text: str) -> Problem:
    """A character YAML does not allow (a control character, U+FFFE…): where it is, in plain words."""
    span = Marks(text).offset(int(exc.position))
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
    return Problem("DOC01", Text("DOC01.bad-character", {"code": f"{code:04X}"}), "", span, Text("DOC01.hint-invisible"))


def _hint(problem: str) -> Text:
    if re.search(r"\btabs?\b", problem) or "'\\t'" in problem:
        return Text("DOC01.hint-tabs")
    if "quoted scalar" in problem or "end of stream" in problem:
        return Text("DOC01.hint-quote")
    if "mapping values are not allowed" in problem:
        return Text("DOC01.hint-colon")
    return Text("DOC01.hint-syntax")
