"""A charter file, read: its text, plain data, positions and document-level problems."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from partnercheck.document.builder import Limits
from partnercheck.document.decoding import decode
from partnercheck.document.parsing import parse
from partnercheck.document.positions import PositionIndex
from partnercheck.findings import Problem, Span

SUPPORTED_VERSIONS = (1,)
_VERSION_HINT = "Start the file with the line:  partnercheck: 1"


@dataclass(slots=True)
class Document:
    """One charter: `data` is usable by the schema and rules only when `is_charter`."""

    path: str
    text: str = ""
    data: Any = None
    index: PositionIndex = field(default_factory=PositionIndex)
    problems: list[Problem] = field(default_factory=list)
    is_charter: bool = False
    _line_starts: list[int] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def line_count(self) -> int:
        """How many lines the text has; a final line break opens one more, empty, line."""
        return len(self._starts())

    def line_text(self, number: int) -> str:
        """Line `number` (1-based) without its line break, or "" past the end."""
        starts = self._starts()
        if not 1 <= number <= len(starts):
            return ""
        start = starts[number - 1]
        found = _LINE_BREAK.search(self.text, start)
        return self.text[start : found.start() if found else len(self.text)]

    def _starts(self) -> list[int]:
        """Where each line begins, indexed once: finding the line of every finding stays linear."""
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(self.text)]
        return self._line_starts


_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")  # the breaks YAML counts as new lines


def load_document(path: str, raw: bytes, limits: Limits | None = None) -> Document:
    """Read a charter from its bytes; every problem becomes a `Problem`, nothing raises."""
    limits = limits or Limits()
    doc = Document(path)
    if len(raw) > limits.max_bytes:
        doc.problems.append(_too_large(limits))
        return doc
    text, problem = decode(raw)
    if problem is not None or text is None:
        doc.problems.append(problem or Problem("DOC01", "unreadable file"))
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


def _too_large(limits: Limits) -> Problem:
    return Problem(
        "DOC07",
        f"the file is above the limit of {limits.max_bytes:,} bytes; it was not read",
        "",
        Span(1, 1, 1, 1),
        "Split the charter, or raise the limit with --max-file-size if the file is genuine.",
    )


def _version_problem(data: Any, starts: list[Span]) -> Problem | None:
    if len(starts) > 1:
        return Problem("DOC03", f"the file holds {len(starts)} YAML documents; a charter is exactly one document", "", starts[1], "Put each charter in a file of its own and remove the '---' separators.")
    if not isinstance(data, dict):
        what = "empty" if data is None else f"a {_kind(data)}, not a mapping"
        return Problem("DOC03", f"not a partnercheck charter: the document is {what}", "", None, _VERSION_HINT)
    if "partnercheck" not in data:
        return Problem("DOC03", "not a partnercheck charter: the top-level key `partnercheck:` (the format version) is missing", "", None, _VERSION_HINT)
    version = data["partnercheck"]
    if isinstance(version, bool) or version not in SUPPORTED_VERSIONS:
        supported = ", ".join(map(str, SUPPORTED_VERSIONS))
        quoted = _quoted_version(version)
        if quoted is not None:
            return Problem("DOC03", f'the format version is written as text "{version.strip()}": write {quoted} without quotes', "/partnercheck", None, _VERSION_HINT)
        return Problem("DOC03", f"unsupported format version {version!r}: this partnercheck reads version {supported}", "/partnercheck", None, _VERSION_HINT)
    return None


def _quoted_version(value: Any) -> int | None:
    """A supported version written in quotes (`partnercheck: "1"`), as the number it should be."""
    if not isinstance(value, str) or not value.strip().isdecimal():
        return None
    number = int(value.strip())
    return number if number in SUPPORTED_VERSIONS else None


def _kind(value: Any) -> str:
    return {list: "list", str: "text", int: "number", float: "number", bool: "boolean"}.get(type(value), type(value).__name__)
