"""The charter schema (with the plugins' extensions) read for the editor: the node at a path, its keys, choices and description."""

from __future__ import annotations

from typing import Any

from partnercheck.checks.schema import charter_schema
from partnercheck.plugins.registry import Registry

Path = tuple[str, ...]  # keys, and "*" for a list item


def schema_of(registry: Registry | None) -> dict[str, Any]:
    """The charter schema with the `x-` keys the registry's plugins declare (as `check` validates)."""
    import json

    extensions = tuple(sorted((k, json.dumps(v[0], sort_keys=True)) for k, v in registry.schema_extensions.items())) if registry is not None else ()
    return charter_schema(extensions)


def node_at(schema: dict[str, Any], path: Path) -> dict[str, Any] | None:
    """The schema of the value at `path`, None when the schema says nothing of it."""
    node: dict[str, Any] | None = _flat(schema, schema)
    for step in path:
        if node is None:
            return None
        if step == "*":
            items = node.get("items")
            node = _flat(schema, items) if isinstance(items, dict) else None
        else:
            node = _flat(schema, properties(schema, node).get(step))
    return node


def properties(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """The keys a mapping node allows, with their schemas (through `$ref`, `allOf`, `anyOf`, `oneOf`)."""
    found: dict[str, Any] = {}
    for part in _parts(schema, node):
        for key, value in (part.get("properties") or {}).items():
            found.setdefault(key, value)
    return found


def choices(schema: dict[str, Any], node: dict[str, Any] | None, depth: int = 0) -> list[Any]:
    """The values a node allows (`enum`, `const`), and its list items' when it is a list."""
    if node is None or depth > 4:
        return []
    out: list[Any] = []
    for part in _parts(schema, node):
        out += part.get("enum") or []
        if "const" in part:
            out.append(part["const"])
        items = part.get("items")
        if isinstance(items, dict):
            out += choices(schema, items, depth + 1)
    return list(dict.fromkeys(v for v in out if isinstance(v, (str, int, float, bool))))


def description(schema: dict[str, Any], node: Any) -> str:
    if not isinstance(node, dict):
        return ""
    for part in _parts(schema, node):
        text = part.get("description")
        if isinstance(text, str) and text.strip():
            return text.strip()
    return ""


def described(schema: dict[str, Any], parent: Path, key: str) -> str:
    """The description of `key` in the mapping at `parent`: the property's own words, else its target's."""
    node = node_at(schema, parent)
    return description(schema, properties(schema, node).get(key)) if node is not None else ""


def _flat(schema: dict[str, Any], node: Any) -> dict[str, Any] | None:
    return node if isinstance(node, dict) else None


def _parts(schema: dict[str, Any], node: dict[str, Any], depth: int = 0) -> list[dict[str, Any]]:
    """The node and what it combines: its `$ref` target, `allOf`, `anyOf` and `oneOf` branches (a bounded walk)."""
    if depth > 12:
        return []
    out = [node]
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        target: Any = schema
        for token in ref[2:].split("/"):
            target = target.get(token) if isinstance(target, dict) else None
        if isinstance(target, dict):
            out += _parts(schema, target, depth + 1)
    for combinator in ("allOf", "anyOf", "oneOf"):
        for branch in node.get(combinator) or ():
            if isinstance(branch, dict):
                out += _parts(schema, branch, depth + 1)
    return out
