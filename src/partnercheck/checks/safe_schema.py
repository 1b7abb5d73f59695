"""JSON Schemas from plugins, rule packs and configuration, compiled without network access.

partnercheck never fetches a schema. A `$ref` (or `$dynamicRef`) that does not
point inside the schema itself (`#/$defs/…`) is an error reported where the
schema comes from (`schema_problems`), and every validator is built on a
`referencing.Registry` whose retrieval refuses, so even a reference that
slipped through is never fetched. Patterns are matched on RE2 (regex.py),
and checked for exponential backtracking (safe_regex.py), which matters for
those that need Python's `re`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterator, Mapping

from partnercheck.checks.regex import runs_on_re2, search
from partnercheck.checks.safe_regex import backtracking_risk
from partnercheck.pointers import join

_REF_KEYS = ("$ref", "$dynamicRef", "$recursiveRef")


def schema_problems(schema: Any, patterns: bool = True) -> list[tuple[str, str]]:
    """(pointer inside the schema, problem) for each non-local reference and, with `patterns`, each risky regex."""
    return sorted(problem for pointer, node in _mappings(schema) for problem in _node_problems(pointer, node, patterns))


def _mappings(schema: Any) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every mapping inside `schema`, with its pointer."""
    stack: list[tuple[str, Any]] = [("", schema)]
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, list):
            stack.extend((join(pointer, i), item) for i, item in enumerate(node))
        elif isinstance(node, Mapping):
            yield pointer, node
            stack.extend((join(pointer, str(k)), v) for k, v in node.items() if isinstance(v, (list, Mapping)))


def schema_defect(schema: Any) -> tuple[str, str] | None:
    """The first reason `schema` cannot be used, as (pointer inside the schema, problem), or None.

    Not a Draft 2020-12 schema (its metaschema), a reference outside it or to
    nothing inside it, a regex that backtracks: each would otherwise surface
    only when a charter is validated, as an internal error.
    """
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

    if not isinstance(schema, (Mapping, bool)):
        return "", f"a JSON Schema is a mapping (or true/false), not {type(schema).__name__}"
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as exc:
        return join("", *(str(p) for p in exc.absolute_path)), f"invalid schema: {exc.message}"
    for problem in schema_problems(schema)[:1]:
        return problem
    return _dangling_ref(schema)


def _dangling_ref(schema: Any) -> tuple[str, str] | None:
    from urllib.parse import unquote

    from partnercheck.pointers import resolve

    missing = object()
    for pointer, node in _mappings(schema):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/") and resolve(schema, unquote(ref[1:]), missing) is missing:
            return join(pointer, "$ref"), f"$ref {ref!r} points to nothing in the schema"
    return None


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
    risk = backtracking_risk(pattern, fold_case=not _runs_on_re2(pattern))
    return [(pointer, f"the pattern {pattern!r} {risk}")] if risk else []


def _runs_on_re2(pattern: str) -> bool:
    try:
        return runs_on_re2(pattern)
    except re.error:  # invalid: backtracking_risk says so
        return False


@lru_cache(maxsize=1)
def offline_registry() -> Any:
    """A `referencing.Registry` that refuses to retrieve anything it does not already hold."""
    from referencing import Registry
    from referencing.exceptions import NoSuchResource

    def refuse(uri: str) -> Any:
        raise NoSuchResource(uri)  # type: ignore[call-arg]  # attrs fields, which mypy does not see here

    return Registry(retrieve=refuse)  # type: ignore[call-arg]


def validator(schema: Mapping[str, Any] | bool, formats: bool = True) -> Any:
    """A Draft 2020-12 validator for `schema` that cannot reach the network and matches patterns on RE2."""
    cls = _validator_class()
    checker = cls.FORMAT_CHECKER if formats else None
    return cls(schema, registry=offline_registry(), format_checker=checker)


@lru_cache(maxsize=1)
def _validator_class() -> Any:
    """Draft 2020-12 with its three pattern keywords matched by regex.py (RE2 when it can), same messages."""
    from jsonschema import Draft202012Validator, validators

    keywords = {"pattern": _pattern, "patternProperties": _pattern_properties, "additionalProperties": _additional_properties}
    return validators.extend(Draft202012Validator, keywords)


def _pattern(validator: Any, pattern: str, instance: Any, schema: Mapping[str, Any]) -> Iterator[Any]:
    from jsonschema.exceptions import ValidationError

    if validator.is_type(instance, "string") and not search(pattern, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _pattern_properties(validator: Any, patterns: Mapping[str, Any], instance: Any, schema: Mapping[str, Any]) -> Iterator[Any]:
    if not validator.is_type(instance, "object"):
        return
    for pattern, subschema in patterns.items():
        for key, value in instance.items():
            if search(pattern, key):
                yield from validator.descend(value, subschema, path=key, schema_path=pattern)


def _additional_properties(validator: Any, additional: Any, instance: Any, schema: Mapping[str, Any]) -> Iterator[Any]:
    from jsonschema.exceptions import ValidationError

    if not validator.is_type(instance, "object"):
        return
    extras = extra_keys(instance, schema)
    if validator.is_type(additional, "object"):
        for extra in extras:
            yield from validator.descend(instance[extra], additional, path=extra)
    elif not additional and extras:
        if "patternProperties" in schema:
            verb = "does" if len(extras) == 1 else "do"
            joined = ", ".join(repr(each) for each in sorted(extras))
            patterns = ", ".join(repr(each) for each in sorted(schema["patternProperties"]))
            yield ValidationError(f"{joined} {verb} not match any of the regexes: {patterns}")
        else:
            shown = sorted(extras, key=str)
            verb = "was" if len(shown) == 1 else "were"
            yield ValidationError(f"Additional properties are not allowed ({', '.join(repr(e) for e in shown)} {verb} unexpected)")


def extra_keys(instance: Mapping[str, Any], schema: Mapping[str, Any]) -> list[str]:
    """The keys of `instance` that neither `properties` nor a `patternProperties` pattern names."""
    named = schema.get("properties", {})
    patterns = list(schema.get("patternProperties", {}))
    return [key for key in instance if key not in named and not any(search(p, key) for p in patterns)]
