"""Schema validation of a charter: one SCH01 problem per error, in plain words."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable

from partnercheck.checks.closest import closest
from partnercheck.findings import Problem, Text
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
        self.quick = compile_schema(charter_schema(extensions), own_patterns(extensions))

    def problems(self, data: Any) -> list[Problem]:
        if self.quick is not None and self.quick(data):
            return []
        return validate(data, charter_validator(self.extensions))


def own_patterns(extensions: tuple[tuple[str, str], ...] = ()) -> frozenset[str]:
    """The regular expressions of partnercheck's own charter schema, trusted to run on Python's `re` (regex.py).

    A pattern that a plugin's schema extension also writes is left out: whatever a plugin gives runs on RE2.
    """
    import json

    return frozenset(_patterns(load_schema("charter"))) - set(_patterns([json.loads(text) for _, text in extensions]))


def _patterns(schema: Any) -> Iterable[str]:
    """Every text of a `pattern` keyword and every key of a `patternProperties`, anywhere in `schema`."""
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                yield node["pattern"]
            if isinstance(node.get("patternProperties"), dict):
                yield from (key for key in node["patternProperties"] if isinstance(key, str))
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


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
            return [Problem("SCH01", Text("SCH01.kind", {"field": _field(error.absolute_path), "kinds": choices, "got": _got(error.instance)}), pointer)]
        return _problems(_best(error))
    if error.validator in ("additionalProperties", "unevaluatedProperties"):
        return [_unknown_key(error, pointer, key) for key in _extra_keys(error)]
    message = describe(error)
    hint = Text("SCH01.hint-choose", {"close": message.params["close"]}) if message.id == "SCH01.enum-close" else None
    return [Problem("SCH01", message, pointer, None, hint)]


def _best(error: Any) -> Any:
    """The error of the alternative the value was meant as: one of its own kind wrong deeper down (a text
    that is no valid id, where an id or a list of ids is accepted), rather than "must be a list"."""
    from jsonschema.exceptions import best_match

    own_kind = [sub for sub in error.context if sub.validator != "type"]
    return best_match(own_kind or error.context)


def _choices(error: Any) -> Text | str | None:
    """The alternatives of an `anyOf`/`oneOf` in words, when the value is none of their kinds at all.

    When one alternative has the right kind but is wrong deeper down (an unknown
    id in a list), that deeper error is the useful one, so this gives None.
    """
    words: list[Text | str] = []
    for sub in error.context:
        if sub.relative_path or sub.validator not in ("type", "const"):
            return None
        word = _show(sub.validator_value) if sub.validator == "const" else _kind_words(sub)
        if word not in words:
            words.append(word)
    return _either(words) if words else None


def _either(words: list[Text | str]) -> Text | str:
    """`a or b or c`, as nested `SCH01.or` phrases."""
    first, *rest = words
    return Text("SCH01.or", {"one": first, "other": _either(rest)}) if rest else first


def _kind_words(error: Any) -> Text | str:
    """What a `type` error's schema expects: its own short description ("A list of partner ids.") or the type."""
    description = error.schema.get("description") if isinstance(error.schema, dict) else None
    if isinstance(description, str) and re.fullmatch(r"An? [^.`]{1,40}\.", description):
        words = description[0].lower() + description[1:-1]
        return Text(_DESCRIPTIONS[words]) if words in _DESCRIPTIONS else words  # a plugin schema's description: as written
    return _type_words(error.validator_value)


def _pointer(path: Iterable[Any]) -> str:
    return join("", *path)


def _extra_keys(error: Any) -> list[str]:
    from partnercheck.checks.safe_schema import extra_keys

    return extra_keys(error.instance, error.schema)


def _unknown_key(error: Any, pointer: str, key: str) -> Problem:
    allowed = sorted(error.schema.get("properties", {}))
    found = closest(key, allowed)
    close = [found] if found else []
    if not close and not pointer:
        close = _deeper(error.schema, key)
    message = Text("SCH01.unknown-key-close", {"key": key, "close": close[0]}) if close else Text("SCH01.unknown-key", {"key": key})
    if close and "." in close[0]:
        parent, child = close[0].split(".", 1)
        hint = Text("SCH01.hint-move", {"parent": parent, "child": child})
    elif close:
        hint = Text("SCH01.hint-rename", {"close": close[0]})
    else:
        hint = Text("SCH01.hint-allowed", {"keys": ", ".join(allowed)})
    return Problem("SCH01", message, join(pointer, key), None, hint, on_key=True)


def _deeper(schema: dict[str, Any], key: str) -> list[str]:
    """Where an unknown top-level key belongs one level down (`bodies` -> `governance.bodies`), if anywhere."""
    for name, sub in schema.get("properties", {}).items():
        ref = sub.get("$ref", "") if isinstance(sub, dict) else ""
        target = schema.get("$defs", {}).get(ref.rsplit("/", 1)[-1], {}) if ref.startswith("#/$defs/") else sub
        if isinstance(target, dict) and key in target.get("properties", {}):
            return [f"{name}.{key}"]
    return []


def describe(error: Any, quote: int = 120) -> Text:
    """A plain-words message for one jsonschema error, by id (report/messages.py), quoting at most `quote` characters of a value."""
    field = _field(error.absolute_path, quote)
    value = error.instance
    kind = error.validator
    if kind == "enum":
        options = ", ".join(str(o) for o in error.validator_value)
        close = closest(value, [str(o) for o in error.validator_value]) if isinstance(value, str) else None
        if close is not None:
            return Text("SCH01.enum-close", {"field": field, "options": options, "got": _got(value, typed=False, quote=quote), "close": close})
        return Text("SCH01.enum", {"field": field, "options": options, "got": _got(value, typed=False, quote=quote)})
    if kind == "required":
        return Text("SCH01.required", {"field": field, "key": _missing_key(error)})
    if kind == "type" and isinstance(error.schema, dict) and error.schema.get("format") == "date":
        return Text("SCH01.date-type", {"field": field, "got": _got(value, quote=quote)})
    if kind == "type":
        return Text("SCH01.kind", {"field": field, "kinds": _type_words(error.validator_value), "got": _got(value, quote=quote)})
    if kind == "format" and error.validator_value == "date":
        return Text("SCH01.date", {"field": field, "value": _show(value, quote)})
    if kind == "pattern":
        return _pattern_message(field, value, error.validator_value, quote)
    if kind == "const":
        return Text("SCH01.kind", {"field": field, "kinds": _show(error.validator_value, quote), "got": _got(value, typed=False, quote=quote)})
    if kind == "minItems":
        count = error.validator_value
        return Text("SCH01.min-one", {"field": field}) if count == 1 else Text("SCH01.min-items", {"field": field, "count": count})
    if kind in _BOUNDS:
        return Text(_BOUNDS[kind], {"field": field, "bound": error.validator_value, "got": _got(value, typed=False, quote=quote)})
    if kind == "minLength":
        return Text("SCH01.not-empty", {"field": field})
    detail = error.message if quote >= 120 else _show(error.message, 2 * quote)[1:-1]
    return Text("SCH01.other", {"field": field, "detail": detail})  # jsonschema's own words: as written (shortened for a pack)


_BOUNDS = {"minimum": "SCH01.minimum", "exclusiveMinimum": "SCH01.exclusive-minimum", "maximum": "SCH01.maximum", "exclusiveMaximum": "SCH01.exclusive-maximum"}
#: The charter schema's short descriptions of a kind ("A list of partner ids."), as phrases of the catalog.
_DESCRIPTIONS = {"a list of partner ids": "SCH01.partner-ids"}


def _missing_key(error: Any) -> str:
    """The key a `required` error is about (jsonschema gives one error per missing key)."""
    keys = [k for k in error.validator_value if not isinstance(error.instance, dict) or k not in error.instance]
    for key in keys:
        if error.message == f"{key!r} is a required property":
            return str(key)
    return str(keys[0] if keys else error.validator_value[0])


def _got(value: Any, typed: bool = True, quote: int = 120) -> Text:
    """What was written instead, in words: `got text "x"`, `got a list`, `it is empty`."""
    if value is None:
        return Text("SCH01.got-empty")
    if isinstance(value, dict):
        return Text("SCH01.got-mapping")
    if isinstance(value, list):
        return Text("SCH01.got-list")
    kind = _GOT.get(type(value)) if typed else None
    return Text(kind or "SCH01.got", {"value": _show(value, quote)})


_GOT = {str: "SCH01.got-text", int: "SCH01.got-number", float: "SCH01.got-number", bool: "SCH01.got-boolean"}


_SLUG = "^[a-z0-9][a-z0-9._-]*$"


def _pattern_message(field: Text | str, value: Any, pattern: str, quote: int = 120) -> Text:
    if pattern == _SLUG:
        return Text("SCH01.slug", {"field": field, "value": _show(value, quote)})
    return Text("SCH01.pattern", {"field": field, "value": _show(value, quote), "pattern": pattern})


def _field(path: Iterable[Any], quote: int = 120) -> Text | str:
    from partnercheck.printable import visible

    text = ""
    for part in path:
        part = part if isinstance(part, int) else visible(str(part), quote)
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return f"`{text}`" if text else Text("SCH01.the-document")


def _show(value: Any, quote: int = 120) -> str:
    if isinstance(value, str):
        from partnercheck.printable import visible

        return f'"{visible(value, quote)}"'
    if isinstance(value, (dict, list)):
        return ""
    return "null" if value is None else str(value).lower() if isinstance(value, bool) else str(value)


_TYPE_WORDS = {"object": "SCH01.a-mapping", "array": "SCH01.a-list", "string": "SCH01.text", "integer": "SCH01.a-whole-number", "number": "SCH01.a-number", "boolean": "SCH01.true-or-false", "null": "SCH01.empty"}


def _type_words(types: Any) -> Text | str:
    types = [types] if isinstance(types, str) else list(types)
    return _either([Text(_TYPE_WORDS[t]) if t in _TYPE_WORDS else str(t) for t in types])
