"""Declarative checks: select nodes with a pointer pattern, check each with a JSON Schema.

A pointer pattern is a JSON Pointer where the token `*` matches every item of
a list or every value of a mapping (`/partners/*/representative`). Every rule
the catalog needed fits this; RFC 9535 JSONPath's filters are covered by the
`where` schema, which decides which selected nodes are checked. No code runs.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterator, Mapping

from partnercheck.findings import BareFinding, Text
from partnercheck.pointers import join, select, split
from partnercheck.rules.model import Declarative


@lru_cache(maxsize=512)
def _validator(schema_json: str) -> Any:
    import json

    from partnercheck.checks.safe_schema import validator

    return validator(json.loads(schema_json))  # offline: a $ref is never fetched (safe_schema.py)


def compile_schema(schema: Mapping[str, Any]) -> Any:
    """A validator for a schema fragment, compiled once per process."""
    import json

    return _validator(json.dumps(schema, sort_keys=True))


@lru_cache(maxsize=512)
def _quick_json(schema_json: str) -> Any:
    import json

    from partnercheck.checks.quickschema import compile_schema as quick

    return quick(json.loads(schema_json)) or (lambda node: False)


def quick_check(schema: Mapping[str, Any]) -> Any:
    """A function that is True only for nodes valid against `schema` (quickschema.py); False means "ask jsonschema"."""
    import json

    return _quick_json(json.dumps(schema, sort_keys=True))


#: The parameters a declarative check gives every finding, besides the rule's options.
PARAMETERS = ("pointer", "at", "problem", "id", "name")
#: `{$option: NAME}` anywhere in a declarative check's `schema` or `where` stands for the option's value.
OPTION = "$option"


def run_declarative(check: Declarative, data: Any, options: Mapping[str, Any] | None = None) -> Iterator[BareFinding]:
    """One finding per selected node that fails the schema, at the failing place.

    A node the quick check proves valid needs no jsonschema; any other node is
    validated by jsonschema, which gives the message and the place. The
    rule's `options` fill the schema's `{$option: NAME}` and are parameters
    of its messages (a parameter of the check wins over an option of the same name).
    """
    schema = with_options(check.schema, options) if options else check.schema
    where = with_options(check.where, options) if options and check.where else check.where
    valid = quick_check(schema)
    chosen = quick_check(where) if where else None
    for pointer, node in select(data, check.select):
        if chosen is not None and where is not None and not (chosen(node) or compile_schema(where).is_valid(node)):
            continue
        if valid(node):
            continue
        from jsonschema.exceptions import best_match

        from partnercheck.checks.schema import describe

        error = best_match(compile_schema(schema).iter_errors(node))
        if error is None:
            continue
        at = join(pointer, *error.absolute_path)
        yield BareFinding(at, {**(options or {}), **_params(pointer, node, at, _not_stated(describe(error)))})


def with_options(schema: Any, options: Mapping[str, Any]) -> Any:
    """`schema` with each `{$option: NAME}` replaced by `options[NAME]` (a KeyError names an undeclared one)."""
    if isinstance(schema, Mapping):
        if len(schema) == 1 and OPTION in schema:
            return options[schema[OPTION]]
        return {key: with_options(value, options) for key, value in schema.items()}
    if isinstance(schema, list):
        return [with_options(value, options) for value in schema]
    return schema


def _not_stated(problem: Text) -> Text:
    """A rule reads optional sections: a key the rule looks for and does not find is "not stated", never "required"."""
    if problem.id != "SCH01.required":
        return problem
    field = problem.params.get("field")
    if isinstance(field, Text) and field.id == "SCH01.the-document":
        return Text("rule.not-stated-in-charter", {"key": problem.params.get("key", "")})
    return Text("rule.not-stated", dict(problem.params))


def _params(pointer: str, node: Any, at: str, problem: Text) -> dict[str, Any]:
    params: dict[str, Any] = {"pointer": pointer, "at": at, "problem": problem}
    if isinstance(node, dict):
        for key in ("id", "name"):
            if isinstance(node.get(key), str):
                params[key] = node[key]
    params.setdefault("id", split(pointer)[-1] if pointer else "")
    params.setdefault("name", params["id"])
    return params
