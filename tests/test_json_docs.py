"""docs/json.md documents every field of the JSON report's schema, the compatibility
policy for `version`, and what a tool should match on (issue 19, item 9)."""

from __future__ import annotations

import json
import re
from typing import Any, Iterator

from paths import ROOT

SCHEMA = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
DOC = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
DOCUMENTED = set(re.findall(r"^\| `([^`]+)` \|", DOC, re.MULTILINE))


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    return _resolve(SCHEMA["$defs"][ref.rsplit("/", 1)[1]]) if ref else node


def fields(node: dict[str, Any], path: str = "") -> Iterator[str]:
    """Every property path of the schema: `.` for members, `[]` for list items, `*` for any key."""
    node = _resolve(node)
    for name, child in node.get("properties", {}).items():
        here = f"{path}.{name}" if path else name
        yield here
        yield from fields(child, here)
    if isinstance(node.get("items"), dict):
        yield from fields(node["items"], path + "[]")
    if isinstance(node.get("additionalProperties"), dict):
        yield from fields(node["additionalProperties"], path + ".*")
    for branch in node.get("oneOf", []) + node.get("anyOf", []):
        yield from fields(branch, path)


def test_the_walk_sees_nested_fields() -> None:
    found = set(fields(SCHEMA))
    assert {"version", "findings[].pointer", "scores.files[].dimensions.*.score", "scores.files[].verdict.blocking[].baselined"} <= found


def test_every_schema_field_is_documented() -> None:
    missing = sorted(set(fields(SCHEMA)) - DOCUMENTED)
    assert missing == []


def test_no_documented_field_is_stale() -> None:
    stale = sorted(DOCUMENTED - set(fields(SCHEMA)))
    assert stale == []


def test_the_compatibility_policy_and_what_to_match_on_are_written() -> None:
    assert "## Compatibility policy for `version`" in DOC
    assert SCHEMA["properties"]["version"]["const"] == 1 and "It is `1` today." in DOC
    match = DOC.split("## What to match on", 1)[1].split("##", 1)[0]
    assert "`code` and `pointer`" in match and "`--lang`" in match and "`message`" in match
