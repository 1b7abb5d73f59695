"""Schema validation of a charter: one SCH01 problem per error, in plain words."""

from __future__ import annotations

import difflib
from functools import lru_cache
from typing import Any, Iterable

from .findings import Problem
from .pointers import join
from .resources import load_schema


@lru_cache(maxsize=8)
def charter_validator(extensions: tuple[tuple[str, str], ...] = ()) -> Any:
    """The compiled validator, built once per process (and per set of schema extensions)."""
    from .safe_schema import validator

    return validator(charter_schema(extensions))  # offline: a $ref is never fetched (safe_schema.py)


def charter_schema(extensions: tuple[tuple[str, str], ...] = ()) -> dict[str, Any]:
    """The charter schema, with the plugins' `x-` keys (each given as its schema's JSON text)."""
    import json

    schema = load_schema("charter")
    if extensions:
        schema = _with_extensions(schema, {k: json.loads(v) for k, v in extensions})
    return schema


class CharterCheck:
    """Schema problems of a charter: a quick yes for a valid one (quickschema.py), jsonschema's messages otherwise.

    jsonschema is imported only when a charter is not valid (or the schema uses
    keywords the quick check does not know), so every message and pointer is
    exactly jsonschema's.
    """

    def __init__(self, extensions: tuple[tuple[str, str], ...] = ()) -> None:
        from .quickschema import compile_schema

        self.extensions = extensions
        self.quick = compile_schema(charter_schema(extensions))

    def problems(self, data: Any) -> list[Problem]:
        if self.quick is not None and self.quick(data):
            return []
        return validate(data, charter_validator(self.extensions))


@lru_cache(maxsize=8)
def charter_check(extensions: tuple[tuple[str, str], ...] = ()) -> CharterCheck:
    """The check, compiled once per process (and per set of schema extensions)."""
    return CharterCheck(extensions)


def _with_extensions(schema: dict[str, Any], extensions: dict[str, Any]) -> dict[str, Any]:
    """Plugins declare the schema of their own top-level `x-<plugin>` keys."""
    schema = dict(schema)
    props = dict(schema.get("properties", {}))
    props.update(extensions)
    schema["properties"] = props
    return schema


def validate(data: Any, validator: Any | None = None) -> list[Problem]:
    validator = validator or charter_validator()
    problems: list[Problem] = []
    for error in validator.iter_errors(data):
        problems.extend(_problems(error))
    return problems


def _problems(error: Any) -> Iterable[Problem]:
    pointer = _pointer(error.absolute_path)
    if pointer == "/partnercheck":
        return []  # the format version is DOC03's business
    if error.validator in ("anyOf", "oneOf") and error.context:
        return _problems(_best(error))
    if error.validator in ("additionalProperties", "unevaluatedProperties"):
        return [_unknown_key(error, pointer, key) for key in _extra_keys(error)]
    return [Problem("SCH01", describe(error), pointer)]


def _best(error: Any) -> Any:
    from jsonschema.exceptions import best_match

    return best_match(error.context)


def _pointer(path: Iterable[Any]) -> str:
    return join("", *path)


def _extra_keys(error: Any) -> list[str]:
    allowed = error.schema.get("properties", {})
    patterns = error.schema.get("patternProperties", {})
    import re

    return [
        key
        for key in error.instance
        if key not in allowed and not any(re.search(p, key) for p in patterns)
    ]


def _unknown_key(error: Any, pointer: str, key: str) -> Problem:
    allowed = sorted(error.schema.get("properties", {}))
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    message = f'unknown key "{key}"'
    if close:
        message += f' (did you mean "{close[0]}"?)'
        hint = f"Rename it to `{close[0]}`, or prefix it with `x-` if it is your own extension."
    else:
        hint = f"Allowed keys here: {', '.join(allowed)}; or prefix your own keys with `x-`."
    return Problem("SCH01", message, join(pointer, key), None, hint, on_key=True)


def describe(error: Any) -> str:
    """A plain-words message for one jsonschema error."""
    field = _field(error.absolute_path)
    value = error.instance
    kind = error.validator
    if kind == "enum":
        options = ", ".join(str(o) for o in error.validator_value)
        return f"{field} must be one of: {options}; got {_show(value)}"
    if kind == "required":
        missing = [k for k in error.validator_value if isinstance(value, dict) and k not in value]
        return f'{field} is missing the required key "{missing[0] if missing else error.validator_value[0]}"'
    if kind == "type":
        return f"{field} must be {_type_words(error.validator_value)}; got {_json_type(value)} {_show(value)}"
    if kind == "format" and error.validator_value == "date":
        return f"{field} must be a calendar date written YYYY-MM-DD; got {_show(value)}"
    if kind == "pattern":
        return _pattern_message(field, value, error.validator_value)
    if kind == "const":
        return f"{field} must be {_show(error.validator_value)}; got {_show(value)}"
    if kind == "minItems":
        return f"{field} must have at least {error.validator_value} item(s)"
    if kind in ("minimum", "exclusiveMinimum"):
        word = "at least" if kind == "minimum" else "more than"
        return f"{field} must be {word} {error.validator_value}; got {_show(value)}"
    if kind == "minLength":
        return f"{field} must not be empty"
    return f"{field}: {error.message}"


_SLUG = "^[a-z0-9][a-z0-9._-]*$"


def _pattern_message(field: str, value: Any, pattern: str) -> str:
    if pattern == _SLUG:
        return f"{field}: {_show(value)} is not a valid id; use lowercase letters, digits, '.', '_' or '-', starting with a letter or digit"
    return f"{field}: {_show(value)} does not match the expected form {pattern}"


def _field(path: Iterable[Any]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return f"`{text}`" if text else "the document"


def _show(value: Any) -> str:
    if isinstance(value, str):
        from .printable import visible

        return f'"{visible(value, 120)}"'
    if isinstance(value, (dict, list)):
        return ""
    return "null" if value is None else str(value).lower() if isinstance(value, bool) else str(value)


_TYPE_WORDS = {"object": "a mapping", "array": "a list", "string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false", "null": "empty"}


def _type_words(types: Any) -> str:
    types = [types] if isinstance(types, str) else list(types)
    return " or ".join(_TYPE_WORDS.get(t, t) for t in types)


def _json_type(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    return {dict: "a mapping", list: "a list", str: "text", int: "a number", float: "a number"}.get(type(value), type(value).__name__)
