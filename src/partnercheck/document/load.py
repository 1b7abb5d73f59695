"""A charter file, read: its text, plain data, positions and document-level problems."""

from __future__ import annotations

from typing import Any

from partnercheck.document.builder import Limits
from partnercheck.document.decoding import decode
from partnercheck.document.lines import LineMap
from partnercheck.document.parsing import parse
from partnercheck.document.positions import PositionIndex
from partnercheck.findings import START, Problem, Span, Text
from partnercheck.records import Record

SUPPORTED_VERSIONS = (1, 1.1)
_VERSION_HINT = None  # DOC03's own hint, from the core pack


class Document(Record):
    """One charter: `data` is usable by the schema and rules only when `is_charter`."""

    __slots__ = ("path", "text", "data", "index", "problems", "is_charter", "_lines")

    path: str
    text: str
    data: Any
    index: PositionIndex
    problems: list[Problem]
    is_charter: bool

    def __init__(self, path: str, text: str = "", data: Any = None, index: PositionIndex | None = None, problems: list[Problem] | None = None, is_charter: bool = False) -> None:
        self.path = path
        self.text = text
        self.data = data
        self.index = PositionIndex() if index is None else index
        self.problems = [] if problems is None else problems
        self.is_charter = is_charter
        self._lines: LineMap | None = None  # made on first use

    @property
    def line_count(self) -> int:
        """How many lines the text has (YAML 1.2's); a final line break opens one more, empty, line."""
        return self._map().line_count

    def line_text(self, number: int) -> str:
        """Line `number` (1-based) without its line break, or "" past the end."""
        return self._map().line_text(number)

    def stated_language(self) -> Any:
        """`charter.language` as the charter writes it (a string), or None when it states none or is no charter;
        for YAML that cannot be read, its `language:` line found by a light scan of the text (syntax_cause.py)."""
        if self.data is None and self.text:
            from partnercheck.document.syntax_cause import language_in_text

            return language_in_text(self.text) or None
        data = self.data if self.is_charter else None
        charter = data.get("charter") if isinstance(data, dict) else None
        language = charter.get("language") if isinstance(charter, dict) else None
        return language if isinstance(language, str) else None

    def _map(self) -> LineMap:
        if self._lines is None or self._lines.text is not self.text:
            self._lines = LineMap(self.text)
        return self._lines


def load_document(path: str, raw: bytes, limits: Limits | None = None) -> Document:
    """Read a charter from its bytes; every problem becomes a `Problem`, nothing raises."""
    limits = limits or Limits()
    doc = Document(path)
    if len(raw) > limits.max_bytes:
        doc.problems.append(_too_large(limits))
        return doc
    text, problem = decode(raw)
    if problem is not None or text is None:
        doc.problems.append(problem or Problem("DOC01", Text("DOC01.unreadable")))
        return doc
    doc.text = text
    parsed = parse(text, limits)
    doc.index = parsed.index
    doc.problems.extend(parsed.problems)
    if any(p.code in _FATAL for p in parsed.problems):
        return doc
    doc.data = parsed.documents[0] if parsed.documents else None
    version = _version_problem(doc.data, parsed.document_starts)
    if version is not None:
        doc.problems.append(version)
    doc.is_charter = version is None
    return doc


_FATAL = {"DOC01", "DOC04", "DOC06", "DOC07"}


def text_of(raw: bytes, limits: Limits) -> str:
    """The text `load_document` would keep: none for a file over the size limit or not in UTF-8."""
    if len(raw) > limits.max_bytes:
        return ""
    text, problem = decode(raw)
    return text if problem is None and text is not None else ""


def _too_large(limits: Limits) -> Problem:
    return Problem(
        "DOC07",
        Text("DOC07.size", {"limit": f"{limits.max_bytes:,}"}),
        "",
        START,
        Text("DOC07.hint"),
    )


def _version_problem(data: Any, starts: list[Span]) -> Problem | None:
    if len(starts) > 1:
        return Problem("DOC03", Text("DOC03.documents", {"count": len(starts)}), "", starts[1], Text("DOC03.hint-documents"))
    if not isinstance(data, dict):
        what = Text("DOC03.empty") if data is None else _kind(data)
        return Problem("DOC03", what, "", None, _VERSION_HINT)
    if "partnercheck" not in data:
        return Problem("DOC03", Text("DOC03.no-version"), "", None, _VERSION_HINT)
    version = data["partnercheck"]
    if isinstance(version, bool) or version not in SUPPORTED_VERSIONS:
        supported = ", ".join(map(str, SUPPORTED_VERSIONS))
        quoted = _quoted_version(version)
        if quoted is not None:
            return Problem("DOC03", Text("DOC03.version-text", {"version": version.strip(), "number": quoted}), "/partnercheck", None, _VERSION_HINT)
        return Problem("DOC03", Text("DOC03.version-unsupported", {"version": repr(version), "supported": supported}), "/partnercheck", None, _VERSION_HINT)
    return None


def _quoted_version(value: Any) -> int | None:
    """A supported version written in quotes (`partnercheck: "1"`), as the number it should be."""
    if not isinstance(value, str) or not value.strip().isdecimal():
        return None
    number = int(value.strip())
    return number if number in SUPPORTED_VERSIONS else None


def _kind(value: Any) -> Text:
    """DOC03 for a document that is no mapping: a list, a text, a number, a boolean (or another kind, named by its type)."""
    kind = {list: "list", str: "text", int: "number", float: "number", bool: "boolean"}.get(type(value))
    return Text(f"DOC03.{kind}") if kind else Text("DOC03.other-kind", {"kind": type(value).__name__})
