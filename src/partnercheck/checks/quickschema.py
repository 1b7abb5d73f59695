"""A fast yes/no answer to "does this charter satisfy its schema?".

Most charters are valid, and jsonschema spends most of a run proving it
(resolving each `$ref`, evolving a validator per node). This module compiles
a schema once into plain Python closures that only answer *valid or not*.
When the answer is *valid*, the engine has no schema problem to report and
never imports jsonschema; when it is *not*, jsonschema runs as before and
produces every message and pointer (schema.py, declarative.py), so the
messages never depend on this module.

The answer is exact: each keyword follows jsonschema's own definition, with
the same `isinstance` tests (a dict or list subclass counts as an object or
array), Draft 2020-12's `integer` (which accepts `2.0`), jsonschema's
equality for `enum` and `const` (`true` is not `1`) and its test for format
`date` (a regex, then `date.fromisoformat`). A keyword this module does not translate makes
`compile_schema` return None, and jsonschema does all the work, as before.
tests/test_quickschema.py compares both answers on the examples, their
mutations and generated charters.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from numbers import Number
from typing import Any, Callable

from partnercheck.checks.regex import matcher

Check = Callable[[Any], bool]

#: Keywords that never change validity.
_ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)  # jsonschema's own test for format "date", then date.fromisoformat


class Unsupported(Exception):
    """The schema uses something this compiler does not translate."""


def compile_schema(schema: Any, trusted: frozenset[str] = frozenset()) -> Check | None:
    """A function telling whether data is valid against `schema` (Draft 2020-12), or None when unsupported.

    The regular expressions in `trusted` (partnercheck's own, checks/schema.py) run on Python's `re`;
    every other one as regex.py decides (RE2 when it can)."""
    try:
        return _Compiler(schema, trusted).compile(schema)
    except Unsupported:
        return None


class _Compiler:
    def __init__(self, root: Any, trusted: frozenset[str]) -> None:
        self.root = root
        self.trusted = trusted
        self.refs: dict[str, Check] = {}

    def compile(self, schema: Any) -> Check:
        if schema is True:
            return _always
        if schema is False:
            return _never
        if not isinstance(schema, Mapping):
            raise Unsupported("schema")
        checks: list[Check] = []
        for key, value in schema.items():
            if key in _ANNOTATIONS or key in ("$defs", "patternProperties", "additionalProperties"):
                continue
            builder = _KEYWORDS.get(key)
            if builder is None:
                raise Unsupported(key)
            checks.append(builder(self, value, schema))
        if "additionalProperties" in schema or "patternProperties" in schema:
            checks.append(self._extra(schema))
        return _all(checks)

    # references ----------------------------------------------------------------
    def ref(self, ref: Any, schema: Mapping[str, Any]) -> Check:
        if not isinstance(ref, str) or not ref.startswith("#/$defs/") or "~" in ref or "%" in ref:
            raise Unsupported("$ref")
        if ref not in self.refs:
            cell: list[Check] = []
            self.refs[ref] = lambda value: cell[0](value)  # stands in until compiled, so a recursive $ref works
            target = self.root.get("$defs", {}).get(ref[len("#/$defs/") :]) if isinstance(self.root, Mapping) else None
            if target is None:
                raise Unsupported("$ref")
            cell.append(self.compile(target))
            self.refs[ref] = cell[0]
        return self.refs[ref]

    # objects -------------------------------------------------------------------
    def properties(self, props: Any, schema: Mapping[str, Any]) -> Check:
        compiled = {key: self.compile(sub) for key, sub in props.items()}

        def check(value: Any) -> bool:
            if not isinstance(value, dict):
                return True
            for key, sub in compiled.items():
                if key in value and not sub(value[key]):
                    return False
            return True

        return check

    def _extra(self, schema: Mapping[str, Any]) -> Check:
        """patternProperties and additionalProperties together: each key not named goes to its patterns, else to the rest."""
        named = set(schema.get("properties", {}))
        patterns = [(matcher(p, p in self.trusted), self.compile(sub)) for p, sub in schema.get("patternProperties", {}).items()]
        rest = self.compile(schema["additionalProperties"]) if "additionalProperties" in schema else _always

        def check(value: Any) -> bool:
            if not isinstance(value, dict):
                return True
            for key, item in value.items():
                matched = False
                for pattern, sub in patterns:
                    if pattern(key):
                        matched = True
                        if not sub(item):
                            return False
                if key not in named and not matched and not rest(item):
                    return False
            return True

        return check

    def required(self, keys: Any, schema: Mapping[str, Any]) -> Check:
        names = tuple(keys)
        return lambda value: not isinstance(value, dict) or all(k in value for k in names)

    # arrays ----------------------------------------------------------------------
    def items(self, sub: Any, schema: Mapping[str, Any]) -> Check:
        if "prefixItems" in schema:
            raise Unsupported("prefixItems")
        each = self.compile(sub)

        def check(value: Any) -> bool:
            if isinstance(value, list):
                for item in value:
                    if not each(item):
                        return False
            return True

        return check

    def min_items(self, limit: Any, schema: Mapping[str, Any]) -> Check:
        return lambda value: not isinstance(value, list) or len(value) >= limit

    # combinations ------------------------------------------------------------------
    def any_of(self, subs: Any, schema: Mapping[str, Any]) -> Check:
        compiled = [self.compile(s) for s in subs]
        return lambda value: any(c(value) for c in compiled)

    def all_of(self, subs: Any, schema: Mapping[str, Any]) -> Check:
        return _all([self.compile(s) for s in subs])

    # scalars -------------------------------------------------------------------------
    def type(self, types: Any, schema: Mapping[str, Any]) -> Check:
        names = [types] if isinstance(types, str) else list(types)
        tests = [_TYPES[name] for name in names if name in _TYPES]
        if len(tests) != len(names):
            raise Unsupported("type")
        if len(tests) == 1:
            return tests[0]
        return lambda value: any(t(value) for t in tests)

    def enum(self, options: Any, schema: Mapping[str, Any]) -> Check:
        choices = list(options)
        return lambda value: any(_equal(option, value) for option in choices)

    def const(self, option: Any, schema: Mapping[str, Any]) -> Check:
        return lambda value: _equal(option, value)

    def not_(self, sub: Any, schema: Mapping[str, Any]) -> Check:
        inner = self.compile(sub)
        return lambda value: not inner(value)

    def one_of(self, subs: Any, schema: Mapping[str, Any]) -> Check:
        compiled = [self.compile(s) for s in subs]
        return lambda value: sum(1 for c in compiled if c(value)) == 1

    def contains(self, sub: Any, schema: Mapping[str, Any]) -> Check:
        if "minContains" in schema or "maxContains" in schema:
            raise Unsupported("minContains")
        inner = self.compile(sub)
        return lambda value: not isinstance(value, list) or any(inner(item) for item in value)

    def max_items(self, limit: Any, schema: Mapping[str, Any]) -> Check:
        return lambda value: not isinstance(value, list) or len(value) <= limit

    def pattern(self, text: Any, schema: Mapping[str, Any]) -> Check:
        matches = matcher(text, text in self.trusted)
        return lambda value: not isinstance(value, str) or matches(value)

    def minimum(self, limit: Any, schema: Mapping[str, Any]) -> Check:
        return lambda value: not _is_number(value) or not value < limit  # as jsonschema compares (NaN included)

    def maximum(self, limit: Any, schema: Mapping[str, Any]) -> Check:
        return lambda value: not _is_number(value) or not value > limit

    def max_length(self, limit: Any, schema: Mapping[str, Any]) -> Check:
        return lambda value: not isinstance(value, str) or len(value) <= limit

    def min_length(self, limit: Any, schema: Mapping[str, Any]) -> Check:
        return lambda value: not isinstance(value, str) or len(value) >= limit

    def format(self, name: Any, schema: Mapping[str, Any]) -> Check:
        if name != "date":
            raise Unsupported("format")
        return lambda value: not isinstance(value, str) or _is_date(value)


def _is_date(text: str) -> bool:
    if not _DATE.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _equal(one: Any, two: Any) -> bool:
    """jsonschema's equality (`jsonschema._utils.equal`): `true` is not `1`, sequences and mappings item by item."""
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return bool(one == two)
    if isinstance(one, Sequence) and isinstance(two, Sequence):
        return len(one) == len(two) and all(_equal(a, b) for a, b in zip(one, two))
    if isinstance(one, Mapping) and isinstance(two, Mapping):
        return len(one) == len(two) and all(k in two and _equal(v, two[k]) for k, v in one.items())
    return bool(_unbool(one) == _unbool(two))


_TRUE, _FALSE = object(), object()


def _unbool(value: Any) -> Any:
    return _TRUE if value is True else _FALSE if value is False else value


def _is_number(value: Any) -> bool:
    return isinstance(value, Number) and not isinstance(value, bool)


def _all(checks: list[Check]) -> Check:
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda value: first(value) and second(value)

    def every(value: Any) -> bool:
        for check in checks:
            if not check(value):
                return False
        return True

    return every


def _always(value: Any) -> bool:
    return True


def _never(value: Any) -> bool:
    return False


_TYPES: dict[str, Check] = {  # as jsonschema's Draft 2020-12 type checker
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer()),
    "number": _is_number,
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}

_KEYWORDS: dict[str, Callable[[_Compiler, Any, Mapping[str, Any]], Check]] = {
    "$ref": _Compiler.ref,
    "properties": _Compiler.properties,
    "required": _Compiler.required,
    "items": _Compiler.items,
    "minItems": _Compiler.min_items,
    "anyOf": _Compiler.any_of,
    "allOf": _Compiler.all_of,
    "type": _Compiler.type,
    "enum": _Compiler.enum,
    "const": _Compiler.const,
    "pattern": _Compiler.pattern,
    "minimum": _Compiler.minimum,
    "minLength": _Compiler.min_length,
    "format": _Compiler.format,
    "not": _Compiler.not_,
    "oneOf": _Compiler.one_of,
    "contains": _Compiler.contains,
    "maxItems": _Compiler.max_items,
    "maximum": _Compiler.maximum,
    "maxLength": _Compiler.max_length,
}
