"""Scalar resolution, YAML 1.2 core schema, dates kept as strings."""

from __future__ import annotations

import re
from typing import Any

_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_INT_OTHER = re.compile(r"0o[0-7]+\Z|0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_SPECIAL = {".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"), ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan")}
_MAYBE = set("0123456789-+.~nNtTfF")

CORE = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = CORE + "str", CORE + "int", CORE + "float", CORE + "bool", CORE + "null"
#: The Python types a standard tag expects of its value.
_PYTHON_TYPES: dict[str, type | tuple[type, ...]] = {INT: int, FLOAT: (float, int), BOOL: bool}
AS_TEXT = {STR, CORE + "timestamp", CORE + "binary"}


def resolve_plain(text: str) -> Any:
    """The value of an untagged plain scalar."""
    if not text:
        return None
    if text[0] not in _MAYBE:
        return text
    if text in _NULL:
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        return int(text)
    if _INT_OTHER.match(text):
        return int(text, 0)
    if _FLOAT.match(text) and text not in {".", "-", "+"}:
        return float(text)
    sign = text[0] if text[0] in "+-" else ""
    special = _SPECIAL.get(text[len(sign) :])
    if special is not None and not (sign and special != special):
        return -special if sign == "-" else special
    return text


def resolve_tagged(tag: str, text: str) -> tuple[Any, bool]:
    """The value of a scalar with an explicit standard tag, and whether the tag is supported."""
    if tag in AS_TEXT:
        return text, True
    if tag == NULL:
        return None, True
    value = resolve_plain(text)
    expected: type | tuple[type, ...] | None = _PYTHON_TYPES.get(tag)
    if expected is None:
        return text, False
    if isinstance(value, expected) and not (tag == INT and isinstance(value, bool)):
        return (float(value) if tag == FLOAT and isinstance(value, (int, float)) else value), True
    return text, True
