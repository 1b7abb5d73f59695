"""Quick fixes for a finding: insert its hint's snippet, silence it on its line, waive it, or take the "did you mean".

Each action is a `WorkspaceEdit` on the document; the suppression comment's
reason placeholder is then selected (the `partnercheck.select` command asks
the client to show the document with that range selected) for the user to type.
"""

from __future__ import annotations

import difflib
from datetime import date, timedelta
from typing import Any, Sequence

from lsprotocol import types

from partnercheck.document.load import Document
from partnercheck.document.positions import code_width
from partnercheck.findings import Finding, Span, split_hint
from partnercheck.pointers import parent, resolve, split
from partnercheck.server.checking import Checked
from partnercheck.server.documents import lsp_range, utf16_column
from partnercheck.server.schema import choices, node_at, schema_of

SELECT = "partnercheck.select"


def placeholder(checked: Checked) -> str:
    """The placeholder the user types over, in the reader's language."""
    return checked.translator.words("reason")


def actions(doc: Document, checked: Checked, uri: str, wanted: types.Range, asked: Sequence[types.Diagnostic] | None = None) -> list[types.CodeAction]:
    """The fixes for the findings the client asks about (its diagnostics, else every finding on the lines of `wanted`)."""
    out: list[types.CodeAction] = []
    chosen = {(str(d.code), d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character) for d in asked or () if d.source == "partnercheck"}
    for finding in checked.findings:
        here = lsp_range(doc, Span(finding.line, finding.column, finding.end_line, finding.end_column))
        if chosen and (finding.code, here.start.line, here.start.character, here.end.line, here.end.character) not in chosen:
            continue
        if not chosen and (here.end.line < wanted.start.line or here.start.line > wanted.end.line):
            continue
        for build in (did_you_mean, insert_snippet, disable_line, add_waiver):
            action = build(doc, checked, finding, uri)
            if action is not None:
                out.append(action)
    return out


def _action(title: str, uri: str, edits: list[types.TextEdit], finding: Finding, preferred: bool = False, select: types.Range | None = None) -> types.CodeAction:
    command = types.Command(title="select what to type", command=SELECT, arguments=[uri, select]) if select is not None else None
    return types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, edit=types.WorkspaceEdit(changes={uri: edits}), is_preferred=preferred or None, command=command)


# did you mean -------------------------------------------------------------------
def did_you_mean(doc: Document, checked: Checked, finding: Finding, uri: str) -> types.CodeAction | None:
    """A misspelt key (SCH01), id (REF01) or choice (SCH01 on a value): replace it with the close match."""
    text = finding.text
    close = text.params.get("close") if text is not None else None
    if text is not None and text.id.endswith("-close") and isinstance(close, str) and "." not in close:
        span = Span(finding.line, finding.column, finding.end_line, finding.end_column)
        return _action(checked.translator.words("Replace with `{value}`", value=close), uri, [types.TextEdit(range=lsp_range(doc, span), new_text=close)], finding, preferred=True)
    if finding.code == "SCH01" and text is not None and text.id == "SCH01.enum":
        value = resolve(doc.data, finding.pointer)
        node = node_at(schema_of(checked.registry), tuple("*" if t.isdigit() else t for t in split(finding.pointer)))
        allowed = [str(c) for c in choices(schema_of(checked.registry), node)]
        match = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.6) if isinstance(value, str) else []
        place = doc.index.values.get(finding.pointer)
        if match and place is not None:
            return _action(checked.translator.words("Replace with `{value}`", value=match[0]), uri, [types.TextEdit(range=lsp_range(doc, place), new_text=match[0])], finding, preferred=True)
    return None


# the hint's snippet ---------------------------------------------------------------
def insert_snippet(doc: Document, checked: Checked, finding: Finding, uri: str) -> types.CodeAction | None:
    """The YAML the hint shows, put where it belongs: in the mapping the finding is about, at its keys' indentation."""
    if not finding.hint or doc.data is None:
        return None
    _prose, snippet = split_hint(finding.hint)
    if not snippet:
        return None
    target, entries = _placement(doc.data, finding.pointer, snippet)
    if target is None or not entries:
        return None
    where = _insertion(doc, target)
    if where is None:
        return None
    line, indent = where
    at, lead = _at_line(doc, line)
    text = lead + "".join(" " * indent + row + "\n" for entry in entries for row in entry)
    edit = types.TextEdit(range=types.Range(start=at, end=at), new_text=text)
    return _action(checked.translator.words("Insert the hint's YAML"), uri, [edit], finding, select=_first_placeholder(text, at))


def _first_placeholder(text: str, at: types.Position) -> types.Range | None:
    """The first `<…>` the inserted text holds (what the user must type over), as a range in the edited document."""
    rows = text.split("\n")
    for k, row in enumerate(rows):
        start = row.find("<")
        end = row.find(">", start + 1)
        if start >= 0 and end > start:
            line, base = at.line + k, at.character if k == 0 else 0
            return types.Range(start=types.Position(line=line, character=base + utf16_column(row, start)), end=types.Position(line=line, character=base + utf16_column(row, end + 1)))
    return None


def _placement(data: Any, pointer: str, snippet: str) -> tuple[str | None, list[list[str]]]:
    """The mapping that takes the snippet, and the snippet's top-level entries (each its lines) it lacks."""
    entries = _entries(snippet)
    if not entries:
        return None, []
    target = pointer
    node = resolve(data, pointer)
    tokens = split(pointer)
    if len(entries) == 1 and tokens and entries[0][0].split(":", 1)[0] == tokens[-1]:
        if isinstance(node, dict):  # `evaluation:\n  measures: …` about /evaluation: its children go in
            entries = _entries("\n".join(row[2:] for row in entries[0][1:]))
        else:
            target = parent(pointer)
    elif not isinstance(node, dict):
        target = parent(pointer)
    mapping = resolve(data, target)
    if not isinstance(mapping, dict):
        return None, []
    return target, [e for e in entries if e[0].split(":", 1)[0].strip() not in mapping]


def _entries(snippet: str) -> list[list[str]]:
    out: list[list[str]] = []
    for row in snippet.split("\n"):
        if not row.strip():
            continue
        if row[0] != " " and not row.startswith("-"):
            out.append([row])
        elif out:
            out[-1].append(row)
        else:
            return []
    return out


def _insertion(doc: Document, target: str) -> tuple[int, int] | None:
    """Where new keys of the mapping at `target` go: the 0-based line after its last, and its keys' column."""
    if target == "":
        return doc.line_count, 0
    span = doc.index.values.get(target)
    mapping = resolve(doc.data, target)
    if span is None or not isinstance(mapping, dict) or not mapping:
        return None
    first_key = doc.index.keys.get(f"{target}/{next(iter(mapping))}".replace("~", "~0")) if "/" not in next(iter(mapping)) else None
    if first_key is None or span.line == span.end_line and doc.line_text(span.line).rstrip().endswith("}"):
        return None  # a flow mapping `{…}`: no block keys to add beside
    return span.end_line, first_key.column - 1


# suppression and waiver --------------------------------------------------------------
def disable_line(doc: Document, checked: Checked, finding: Finding, uri: str) -> types.CodeAction | None:
    """`# partnercheck: disable-line=CODE -- reason` on the finding's line (above it, as disable-next-line, after a comment)."""
    line = finding.line
    text = doc.line_text(line)
    typed = placeholder(checked)
    if not doc.text:
        return None
    width = code_width(text)
    if width < len(text.rstrip()):  # the line has a comment already
        indent = len(text) - len(text.lstrip(" "))
        comment = f"{' ' * indent}# partnercheck: disable-next-line={finding.code} -- "
        at = types.Position(line=line - 1, character=0)
        selection = types.Range(start=types.Position(line=line - 1, character=len(comment)), end=types.Position(line=line - 1, character=len(comment) + len(typed)))
        edit = types.TextEdit(range=types.Range(start=at, end=at), new_text=comment + typed + "\n")
    else:
        comment = f"  # partnercheck: disable-line={finding.code} -- "
        end = utf16_column(text, len(text))
        at = types.Position(line=line - 1, character=end)
        selection = types.Range(start=types.Position(line=line - 1, character=end + len(comment)), end=types.Position(line=line - 1, character=end + len(comment) + len(typed)))
        edit = types.TextEdit(range=types.Range(start=at, end=at), new_text=comment + typed)
    return _action(checked.translator.words("Disable {code} on this line", code=finding.code), uri, [edit], finding, select=selection)


def add_waiver(doc: Document, checked: Checked, finding: Finding, uri: str, today: date | None = None) -> types.CodeAction | None:
    """A `waivers:` entry for this rule at this place, with a reason to write and an expiry date 90 days ahead."""
    if doc.data is None or not isinstance(doc.data, dict) or finding.code.startswith(("INT", "DOC", "SUP")):
        return None
    typed = placeholder(checked)
    expires = ((today or date.today()) + timedelta(days=90)).isoformat()
    rows = [f"- rule: {finding.code}", *([f"  at: {finding.pointer}"] if finding.pointer else []), f"  reason: {typed}", f"  expires_on: {expires}"]
    waivers = doc.data.get("waivers")
    span = doc.index.values.get("/waivers")
    if isinstance(waivers, list) and waivers and span is not None:
        first = doc.index.values.get("/waivers/0")
        indent = max((first.column - 3) if first is not None else 2, 0)
        line = span.end_line
        prefix = ""
    else:
        if "waivers" in doc.data:
            return None  # `waivers:` empty or not a list: the schema finding says what to fix
        indent, line = 2, doc.line_count
        prefix = "waivers:\n"
    at, lead = _at_line(doc, line)
    body = lead + prefix + "".join(" " * indent + row + "\n" for row in rows)
    rows_out = body.split("\n")
    k = next(i for i, row in enumerate(rows_out) if row.endswith(f"reason: {typed}"))
    column = len(rows_out[k]) - len(typed)
    selection = types.Range(start=types.Position(line=at.line + k, character=column), end=types.Position(line=at.line + k, character=column + len(typed)))
    return _action(checked.translator.words("Waive {code} here (a `waivers:` entry)", code=finding.code), uri, [types.TextEdit(range=types.Range(start=at, end=at), new_text=body)], finding, select=selection)


def _at_line(doc: Document, line: int) -> tuple[types.Position, str]:
    """Where to insert whole lines before 0-based `line` (past the end: at the end, after a line break if the text lacks one)."""
    last = doc.line_count - 1
    if line < last or doc.text.endswith("\n"):
        return types.Position(line=min(line, last), character=0), ""
    end = doc.line_text(last + 1)
    return types.Position(line=last, character=utf16_column(end, len(end))), "\n"
