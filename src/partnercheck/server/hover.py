"""Hover: on a finding, why it matters and what to write; on an id, the thing it names; on a key, its schema description."""

from __future__ import annotations

from lsprotocol import types

from partnercheck.document.load import Document
from partnercheck.findings import Finding, Span, split_hint
from partnercheck.pointers import resolve
from partnercheck.report.conditions import named
from partnercheck.report.i18n import Translator
from partnercheck.server.checking import Checked
from partnercheck.server.documents import contains, cursor, ids_of
from partnercheck.server.schema import described, schema_of
from partnercheck.server.yamlpath import tokens, where


def noun(kind: str, tr: Translator) -> str:
    """What a kind of id names, in the reader's language."""
    words = {"partner": tr.words("partner"), "body": tr.words("governance body"), "objective": tr.words("objective"), "measure": tr.words("measure"), "beneficiary": tr.words("beneficiary group"), "responsibility": tr.words("RACI entry")}
    return words.get(kind, kind)


def hover(doc: Document, checked: Checked | None, position: types.Position) -> types.Hover | None:
    line, column = cursor(doc, position)
    parts = [explain(f, checked) for f in (checked.findings if checked is not None and checked.document is doc else ()) if contains(_span(f), line, column)]
    named = _named(doc, line, column, checked.translator if checked is not None else Translator())
    if named:
        parts.append(named)
    elif not parts:
        parts.append(_key(doc, position, checked))
    text = "\n\n---\n\n".join(p for p in parts if p)
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text)) if text else None


def explain(finding: Finding, checked: Checked | None) -> str:
    """A finding's message, why its rule matters and what to write (the hint), in the run's language."""
    rule = checked.registry.rules.get(finding.code) if checked is not None and checked.registry is not None else None
    tr = checked.translator if checked is not None else Translator()
    why = named(tr.rule_field(rule, "why"), tr).strip() if rule is not None else ""
    out = [f"**{finding.code}** `{finding.name}`: {finding.message}"]
    if why:
        out.append(f"**{tr.words('Why it matters')}.** " + " ".join(why.split()))
    if finding.hint:
        prose, snippet = split_hint(finding.hint)
        out.append(f"**{tr.words('What to write')}.** " + prose + (f"\n```yaml\n{snippet}\n```" if snippet else ""))
    return "\n\n".join(out)


def _named(doc: Document, line: int, column: int, tr: Translator) -> str:
    ids = ids_of(doc.data)
    found = ids.at(doc, line, column)
    if found is None:
        return ""
    kind, ident = found
    definition = ids.definition(kind, ident)
    if definition is None:
        return tr.words("No {thing} `{id}` is defined in this charter.", thing=noun(kind, tr), id=ident)
    item = resolve(doc.data, definition.pointer)
    facts = [f"- `{k}`: {as_yaml(v)}" for k, v in item.items() if k != "id" and isinstance(v, (str, int, float, bool))][:8] if isinstance(item, dict) else []
    head = f"**{noun(kind, tr)}** `{ident}`" + (f": {definition.name}" if definition.name else "")
    where_defined = doc.index.values.get(definition.pointer + "/id")
    at = " " + tr.words("(line {line})", line=where_defined.line) if where_defined is not None else ""
    return head + at + ("\n\n" + "\n".join(facts) if facts else "")


def as_yaml(value: str | int | float | bool) -> str:
    """A charter's scalar as its YAML reads: `true`, not Python's `True`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _key(doc: Document, position: types.Position, checked: Checked | None) -> str:
    """The schema's description of the key under the cursor."""
    text = doc.line_text(position.line + 1)
    found, _rest, _col = tokens(text)
    keys = [(c, t) for c, t in found if t != "-"]
    if not keys:
        return ""
    col, key = keys[-1]
    if not col <= position.character <= col + len(key):
        return ""
    lines = doc.text.splitlines()
    parent = where(lines, position.line, col).path
    words = described(schema_of(checked.registry if checked is not None else None), parent, key)
    tr = checked.translator if checked is not None else Translator()
    return tr.words("{key}: {description}", key=f"`{key}`", description=tr.schema_description(words)) if words else ""


def _span(finding: Finding) -> Span:
    return Span(finding.line, finding.column, finding.end_line, finding.end_column)
