"""Completion: keys and choices from the charter schema (the plugins' `x-` keys too), ids in every reference field.

A key's detail is its schema description in the document's language (the one its diagnostics speak); an id's is
the name the charter gives it, as written."""

from __future__ import annotations

from lsprotocol import types

from partnercheck.plugins.registry import Registry
from partnercheck.report.i18n import Translator
from partnercheck.server.documents import Ids, reference_kind
from partnercheck.server.schema import choices, description, node_at, properties, schema_of
from partnercheck.server.yamlpath import where


def complete(lines: list[str], position: types.Position, ids: Ids, registry: Registry | None, tr: Translator | None = None) -> types.CompletionList:
    tr = tr or Translator()
    here = where(lines, position.line, position.character)
    schema = schema_of(registry)
    items: list[types.CompletionItem] = []
    if here.on_key:
        node = node_at(schema, here.path)
        for key, sub in (properties(schema, node) if node is not None else {}).items():
            items.append(types.CompletionItem(label=key, kind=types.CompletionItemKind.Property, detail=_first_line(tr.schema_description(description(schema, sub))), insert_text=f"{key}: "))
        return types.CompletionList(is_incomplete=False, items=items)
    kind, listed = reference_kind(here.path), False
    if kind is None and here.path and here.path[-1] != "*":  # `members: ` of a list of ids: the list, with one id in it
        kind, listed = reference_kind((*here.path, "*")), True
    if kind is not None:
        for d in ids.defined(kind):
            items.append(types.CompletionItem(label=d.ident, kind=types.CompletionItemKind.Reference, detail=d.name or None, insert_text=f"[{d.ident}]" if listed else None))
        return types.CompletionList(is_incomplete=False, items=items)
    for value in choices(schema, node_at(schema, here.path)):
        shown = str(value).lower() if isinstance(value, bool) else str(value)
        items.append(types.CompletionItem(label=shown, kind=types.CompletionItemKind.EnumMember))
    return types.CompletionList(is_incomplete=False, items=items)


def _first_line(text: str) -> str | None:
    return text.split("\n", 1)[0] or None
