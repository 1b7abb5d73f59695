"""Go to definition, find references, document symbols and rename, for every id a charter defines."""

from __future__ import annotations

from lsprotocol import types

from partnercheck.document.load import Document
from partnercheck.findings import Span
from partnercheck.report.i18n import Translator
from partnercheck.server.documents import Ids, contains, cursor, ids_of, lsp_range
from partnercheck.server.hover import noun

#: The outline: what each kind of item shows as.
SYMBOL_KINDS = {
    "partner": types.SymbolKind.Class,
    "body": types.SymbolKind.Struct,
    "objective": types.SymbolKind.Event,
    "measure": types.SymbolKind.Number,
    "beneficiary": types.SymbolKind.Object,
    "responsibility": types.SymbolKind.Field,
}
_ID = "[A-Za-z0-9][A-Za-z0-9_.-]*"


class RenameRefused(ValueError):
    """A rename that would merge two things into one id, or an id that is not a valid one."""


def named_at(doc: Document, position: types.Position) -> tuple[Ids, str, str] | None:
    ids = ids_of(doc.data)
    line, column = cursor(doc, position)
    found = ids.at(doc, line, column)
    return None if found is None else (ids, *found)


def occurrence(doc: Document, position: types.Position) -> types.Range | None:
    """The range of the id under the cursor (what a rename replaces there)."""
    line, column = cursor(doc, position)
    for pointer in [d.pointer + "/id" for d in ids_of(doc.data).definitions] + [r.pointer for r in ids_of(doc.data).references]:
        span = doc.index.values.get(pointer)
        if span is not None and contains(span, line, column):
            return _inner(doc, span)
    return None


def definition(doc: Document, uri: str, position: types.Position) -> types.Location | None:
    found = named_at(doc, position)
    if found is None:
        return None
    ids, kind, ident = found
    d = ids.definition(kind, ident)
    span = doc.index.values.get(d.pointer + "/id") if d is not None else None
    return types.Location(uri=uri, range=lsp_range(doc, span)) if span is not None else None


def references(doc: Document, uri: str, position: types.Position, include_declaration: bool) -> list[types.Location]:
    found = named_at(doc, position)
    if found is None:
        return []
    ids, kind, ident = found
    return [types.Location(uri=uri, range=lsp_range(doc, span)) for span in _places(doc, ids, kind, ident, include_declaration)]


def symbols(doc: Document) -> list[types.DocumentSymbol]:
    out = []
    for d in ids_of(doc.data).definitions:
        whole = doc.index.values.get(d.pointer)
        name_span = doc.index.values.get(d.pointer + "/id")
        if whole is None or name_span is None:
            continue
        whole_range = lsp_range(doc, whole)
        out.append(types.DocumentSymbol(name=d.ident, detail=d.name or None, kind=SYMBOL_KINDS.get(d.kind, types.SymbolKind.Object), range=whole_range, selection_range=lsp_range(doc, name_span)))
    return out


def rename(doc: Document, uri: str, position: types.Position, new_id: str, tr: Translator | None = None) -> types.WorkspaceEdit | None:
    """Every occurrence of the id under the cursor replaced by `new_id`; refused when `new_id` is taken or not an id."""
    import re

    found = named_at(doc, position)
    if found is None:
        return None
    ids, kind, ident = found
    tr = tr or Translator()
    if not re.fullmatch(_ID, new_id):
        raise RenameRefused(tr.words("`{new}` is not an id: letters, digits, `-`, `_` and `.`, starting with a letter or digit", new=new_id))
    if new_id != ident and ids.definition(kind, new_id) is not None:
        raise RenameRefused(tr.words("The charter already has a {thing} `{new}`: renaming `{old}` to it would make them one.", thing=noun(kind, tr), new=new_id, old=ident))
    edits = [types.TextEdit(range=_inner(doc, span), new_text=new_id) for span in _places(doc, ids, kind, ident, True)]
    return types.WorkspaceEdit(changes={uri: edits})


def _places(doc: Document, ids: Ids, kind: str, ident: str, with_definition: bool) -> list[Span]:
    pointers = [r.pointer for r in ids.uses(kind, ident)]
    d = ids.definition(kind, ident)
    if with_definition and d is not None:
        pointers.insert(0, d.pointer + "/id")
    return [span for span in (doc.index.values.get(p) for p in pointers) if span is not None]


def _inner(doc: Document, span: Span) -> types.Range:
    """The span of a scalar without its quotes, if it has some."""
    whole = lsp_range(doc, span)
    text = doc.line_text(span.line)
    first = text[span.column - 1 : span.column] if span.line == span.end_line else ""
    if first in ("'", '"') and span.end_column - span.column >= 1:
        whole.start.character += 1
        whole.end.character -= 1
    return whole
