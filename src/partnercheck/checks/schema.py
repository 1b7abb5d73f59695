"""Schema validation of a charter: one SCH01 problem per error, in plain words."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from typing import Any, Iterable

from partnercheck.findings import Problem
from partnercheck.pointers import join
from partnercheck.resources import load_schema


@lru_cache(maxsize=8)
def charter_validator(extensions: tuple[tuple[str, str], ...] = ()) -> Any:
    """The compiled validator, built once per process (and per set of schema extensions)."""
    from partnercheck.checks.safe_schema import validator

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
        from partnercheck.checks.quickschema import compile_schema

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
        choices = _choices(error)
        if choices:
            return [Problem("SCH01", f"{_field(error.absolute_path)} must be {choices}; {_got(error.instance)}", pointer)]
        return _problems(_best(error))
    if error.validator in ("additionalProperties", "unevaluatedProperties"):
        return [_unknown_key(error, pointer, key) for key in _extra_keys(error)]
    return [Problem("SCH01", describe(error), pointer)]


def _best(error: Any) -> Any:
    from jsonschema.exceptions import best_match

    return best_match(error.context)


def _choices(error: Any) -> str | None:
    """The alternatives of an `anyOf`/`oneOf` in words, when the value is none of their kinds at all.

    When one alternative has the right kind but is wrong deeper down (an unknown
    id in a list), that deeper error is the useful one, so this gives None.
    """
    words: list[str] = []
    for sub in error.context:
        if sub.relative_path or sub.validator not in ("type", "const"):
            return None
        word = _show(sub.validator_value) if sub.validator == "const" else _kind_words(sub)
        if word not in words:
            words.append(word)
    return " or ".join(words) or None


def _kind_words(error: Any) -> str:
    """What a `type` error's schema expects: its own short description ("A list of partner ids.") or the type."""
    description = error.schema.get("description") if isinstance(error.schema, dict) else None
    if isinstance(description, str) and re.fullmatch(r"An? [^.`]{1,40}\.", description):
        return description[0].lower() + description[1:-1]
    return _type_words(error.validator_value)


def _pointer(path: Iterable[Any]) -> str:
    return join("", *path)


def _extra_keys(error: Any) -> list[str]:
    allowed = error.schema.get("properties", {})
    patterns = error.schema.get("patternProperties", {})
    return [key for key in error.instance if key not in allowed and not any(re.search(p, key) for p in patterns)]


def _unknown_key(error: Any, pointer: str, key: str) -> Problem:
    allowed = sorted(error.schema.get("properties", {}))
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if not close and not pointer:
        close = _deeper(error.schema, key)
    message = f'unknown key "{key}"'
    if close and "." in close[0]:
        message += f' (did you mean "{close[0]}"?)'
        parent, child = close[0].split(".", 1)
        hint = f"Move it under `{parent}:` as `{child}:`, or prefix it with `x-` if it is your own extension."
    elif close:
        message += f' (did you mean "{close[0]}"?)'
        hint = f"Rename it to `{close[0]}`, or prefix it with `x-` if it is your own extension."
    else:
        hint = f"Allowed keys here: {', '.join(allowed)}; or prefix your own keys with `x-`."
    return Problem("SCH01", message, join(pointer, key), None, hint, on_key=True)


def _deeper(schema: dict[str, Any], key: str) -> list[str]:
    """Where an unknown top-level key belongs one level down (`bodies` -> `governance.bodies`), if anywhere."""
    for name, sub in schema.get("properties", {}).items():
        ref = sub.get("$ref", "") if isinstance(sub, dict) else ""
        target = schema.get("$defs", {}).get(ref.rsplit("/", 1)[-1], {}) if ref.startswith("#/$defs/") else sub
        if isinstance(target, dict) and key in target.get("properties", {}):
            return [f"{name}.{key}"]
    return []


def describe(error: Any, quote: int = 120) -> str:
    """A plain-words message for one jsonschema error, quoting at most `quote` characters of a value."""
    field = _field(error.absolute_path, quote)
    value = error.instance
    kind = error.validator
    if kind == "enum":
        options = ", ".join(str(o) for o in error.validator_value)
        return f"{field} must be one of: {options}; {_got(value, typed=False, quote=quote)}"
    if kind == "required":
        return f'{field} is missing the required key "{_missing_key(error)}"'
    if kind == "type" and isinstance(error.schema, dict) and error.schema.get("format") == "date":
        return f"{field} must be a date written YYYY-MM-DD; {_got(value, quote=quote)}"
    if kind == "type":
        return f"{field} must be {_type_words(error.validator_value)}; {_got(value, quote=quote)}"
    if kind == "format" and error.validator_value == "date":
        return f"{field} must be a calendar date written YYYY-MM-DD; got {_show(value, quote)}"
    if kind == "pattern":
        return _pattern_message(field, value, error.validator_value, quote)
    if kind == "const":
        return f"{field} must be {_show(error.validator_value, quote)}; {_got(value, typed=False, quote=quote)}"
    if kind == "minItems":
        count = error.validator_value
        return f"{field} must have at least {'one item' if count == 1 else f'{count} items'}"
    if kind in _BOUNDS:
        return f"{field} must be {_BOUNDS[kind]} {error.validator_value}; {_got(value, typed=False, quote=quote)}"
    if kind == "minLength":
        return f"{field} must not be empty"
    return f"{field}: {error.message}" if quote >= 120 else f"{field}: {_show(error.message, 2 * quote)[1:-1]}"


_BOUNDS = {"minimum": "at least", "exclusiveMinimum": "more than", "maximum": "at most", "exclusiveMaximum": "less than"}


def _missing_key(error: Any) -> str:
    """The key a `required` error is about (jsonschema gives one error per missing key)."""
    keys = [k for k in error.validator_value if not isinstance(error.instance, dict) or k not in error.instance]
    for key in keys:
        if error.message == f"{key!r} is a required property":
            return str(key)
    return str(keys[0] if keys else error.validator_value[0])


def _got(value: Any, typed: bool = True, quote: int = 120) -> str:
    """What was written instead, in words: `got text "x"`, `got a list`, `it is empty`."""
    if value is None:
        return "it is empty"
    if isinstance(value, (dict, list)):
        return f"got {_json_type(value)}"
    return f"got {_json_type(value)} {_show(value, quote)}" if typed else f"got {_show(value, quote)}"


_SLUG = "^[a-z0-9][a-z0-9._-]*$"


def _pattern_message(field: str, value: Any, pattern: str, quote: int = 120) -> str:
    if pattern == _SLUG:
        return f"{field}: {_show(value, quote)} is not a valid id; use lowercase letters, digits, '.', '_' or '-', starting with a letter or digit"
    return f"{field}: {_show(value, quote)} does not match the expected form {pattern}"


def _field(path: Iterable[Any], quote: int = 120) -> str:
    from partnercheck.printable import visible

    text = ""
    for part in path:
        part = part if isinstance(part, int) else visible(str(part), quote)
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return f"`{text}`" if text else "the document"


def _show(value: Any, quote: int = 120) -> str:
    if isinstance(value, str):
        from partnercheck.printable import visible

        return f'"{visible(value, quote)}"'
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
