"""JSON Schemas from plugins, rule packs and configuration, compiled without network access.

partnercheck never fetches a schema. A `$ref` (or `$dynamicRef`) that does not
point inside the schema itself (`#/$defs/…`) is an error reported where the
schema comes from (`schema_problems`), and every validator is built on a
`referencing.Registry` whose retrieval refuses, so even a reference that
slipped through is never fetched. Patterns are checked for exponential
backtracking (safe_regex.py).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Mapping

from partnercheck.checks.safe_regex import backtracking_risk
from partnercheck.pointers import join

_REF_KEYS = ("$ref", "$dynamicRef", "$recursiveRef")


def schema_problems(schema: Any, patterns: bool = True) -> list[tuple[str, str]]:
    """(pointer inside the schema, problem) for each non-local reference and, with `patterns`, each risky regex."""
    problems: list[tuple[str, str]] = []
    stack: list[tuple[str, Any]] = [("", schema)]
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, list):
            stack.extend((join(pointer, i), item) for i, item in enumerate(node))
        elif isinstance(node, Mapping):
            problems.extend(_node_problems(pointer, node, patterns))
            stack.extend((join(pointer, str(k)), v) for k, v in node.items() if isinstance(v, (list, Mapping)))
    return sorted(problems)


def _node_problems(pointer: str, node: Mapping[str, Any], patterns: bool) -> list[tuple[str, str]]:
    found = []
    for key in _REF_KEYS:
        ref = node.get(key)
        if isinstance(ref, str) and not ref.startswith("#"):
            found.append((join(pointer, key), f"{key} {ref!r} points outside the schema; partnercheck never fetches schemas (no network): copy the definition under $defs and refer to it as #/$defs/…"))
    if not patterns:
        return found
    pattern = node.get("pattern")
    if isinstance(pattern, str):
        found.extend(_regex(join(pointer, "pattern"), pattern))
    properties = node.get("patternProperties")
    if isinstance(properties, Mapping):
        for key in properties:
            found.extend(_regex(join(pointer, "patternProperties", str(key)), str(key)))
    return found


def _regex(pointer: str, pattern: str) -> list[tuple[str, str]]:
    risk = backtracking_risk(pattern)
    return [(pointer, f"the pattern {pattern!r} {risk}")] if risk else []


@lru_cache(maxsize=1)
def offline_registry() -> Any:
    """A `referencing.Registry` that refuses to retrieve anything it does not already hold."""
    from referencing import Registry
    from referencing.exceptions import NoSuchResource

    def refuse(uri: str) -> Any:
        raise NoSuchResource(ref=uri)

    return Registry(retrieve=refuse)  # type: ignore[call-arg]


def validator(schema: Mapping[str, Any] | bool, formats: bool = True) -> Any:
    """A Draft 2020-12 validator for `schema` that cannot reach the network."""
    from jsonschema import Draft202012Validator

    checker = Draft202012Validator.FORMAT_CHECKER if formats else None
    return Draft202012Validator(schema, registry=offline_registry(), format_checker=checker)
