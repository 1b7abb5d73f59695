"""An unquoted text cut at its comma inside a one-line mapping: one finding that says so, not "unknown key".

In `review: {every_months: 12, amendment_procedure: Tout partenaire propose un avenant au comité,
qui l'adopte par consentement.}` the comma ends the value: YAML reads `qui l'adopte par consentement.`
as a key of its own, with no value. The schema then reports an unknown key and lists the allowed ones,
which never tells the user to put the text in quotes. `cut_at_comma` turns that problem into the one
that does, on the cut text; further pieces of the same text (a second comma) are the same cause.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Mapping

from partnercheck.findings import Problem, Span, Text
from partnercheck.pointers import join, parent, resolve, split

if TYPE_CHECKING:
    from partnercheck.document.load import Document

UNKNOWN_KEY = ("SCH01.unknown-key", "SCH01.unknown-key-close")
CUT = "SCH01.cut-at-comma"


def cut_at_comma(problems: Iterable[Problem], doc: Document) -> list[Problem]:
    """The schema problems with each unknown key that is the rest of a text cut at its comma said as such."""
    out: list[Problem] = []
    for problem in problems:
        if problem.code != "SCH01" or problem.message.id not in UNKNOWN_KEY:
            out.append(problem)
            continue
        cut = _cut_from(problem.pointer, doc)
        if cut is None:
            out.append(problem)
        elif cut:  # "" is a later piece of a text already reported
            key = split(problem.pointer)[-1]
            message = Text(CUT, {"key": cut, "rest": key})
            out.append(Problem("SCH01", message, problem.pointer, problem.span, Text("SCH01.hint-quote-comma", {"key": cut}), on_key=True))
    return out


def _cut_from(pointer: str, doc: Document) -> str | None:
    """The key whose text was cut, "" when `pointer` is a later piece of it, None when `pointer` is no cut piece."""
    mapping = resolve(doc.data, parent(pointer))
    key = split(pointer)[-1]
    if not isinstance(mapping, Mapping) or not _is_piece(key, mapping, pointer, doc):
        return None
    keys = list(mapping)
    first = True
    for before in reversed(keys[: keys.index(key)]):  # back over the earlier pieces, to the text they were cut from
        if isinstance(mapping[before], str):
            return before if first else ""
        if not _is_piece(before, mapping, join(parent(pointer), before), doc):
            return None
        first = False
    return None


def _is_piece(key: Any, mapping: Mapping[str, Any], pointer: str, doc: Document) -> bool:
    """A key with no value, written after a comma and followed by no colon: one word (`role: Président, bénévole`)
    as well as the end of a sentence, since a key of the format is never written without its colon."""
    if not isinstance(key, str) or mapping[key] is not None:
        return False
    span = doc.index.key_span(pointer)
    return span is not None and _before(span, doc) == "," and _after(span, doc) in (",", "}")


def _before(span: Span, doc: Document) -> str:
    """The first character other than a space before `span` (on its line or the ones above), "" at the start."""
    line, text = span.line, doc.line_text(span.line)[: span.column - 1]
    while not text.strip() and line > 1:
        line -= 1
        text = doc.line_text(line)
    return text.rstrip()[-1:]


def _after(span: Span, doc: Document) -> str:
    """The first character other than a space after `span` (on its last line or the ones below), "" at the end."""
    line, text = span.end_line, doc.line_text(span.end_line)[span.end_column :]
    while not text.strip() and line < doc.line_count:
        line += 1
        text = doc.line_text(line)
    return text.lstrip()[:1]
