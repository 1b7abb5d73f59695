"""Rules as plain JSON values and back, for the rule-pack cache (packcache.py).

An entry is data that cannot run code: mappings, lists, text, numbers. On
the way back every field is checked for its type, so an entry of the wrong
shape raises (and the pack is read afresh) instead of building odd rules.
A pack whose rules JSON cannot carry exactly (a mapping with non-text keys,
a NaN) is not cached at all: `rules_to_data` returns None.
"""

from __future__ import annotations

import json
from typing import Any

from partnercheck.findings import Severity
from partnercheck.rules.model import Check, Declarative, EngineCheck, Function, Option, Rule

_TEXTS = ("code", "name", "pack", "summary", "why", "hint", "runs", "subject", "plugin", "plugin_version", "source")
_TUPLES = ("grounding", "reads", "tests", "supersedes")
_MAPPINGS = ("messages", "examples", "translations", "defaulted")


def rules_to_data(rules: list[Rule]) -> list[dict[str, Any]] | None:
    """The rules as JSON values, or None when they would not come back equal."""
    data = [_rule_data(rule) for rule in rules]
    try:
        again = rules_from_data(json.loads(json.dumps(data, allow_nan=False)))
    except (TypeError, ValueError):
        return None
    return data if again == rules else None


def rules_from_data(data: Any) -> list[Rule]:
    """The rules of a cache entry; a ValueError when the entry does not have the shape `rules_to_data` gives."""
    _expect(data, list)
    return [_rule(entry) for entry in data]


def _rule_data(rule: Rule) -> dict[str, Any]:
    out: dict[str, Any] = {key: getattr(rule, key) for key in (*_TEXTS, *_MAPPINGS)}
    out.update({key: list(getattr(rule, key)) for key in _TUPLES})
    out["severity"] = rule.severity.value
    out["on_by_default"] = rule.on_by_default
    out["check"] = _check_data(rule.check)
    out["options"] = {name: [o.default, o.schema, o.description] for name, o in rule.options.items()}
    return out


def _check_data(check: Check) -> dict[str, Any]:
    if isinstance(check, Declarative):
        return {"kind": "declarative", "select": check.select, "schema": check.schema, "where": check.where}
    if isinstance(check, Function):
        return {"kind": "function", "name": check.name, "scope": check.scope}
    return {"kind": "engine"}


def _rule(entry: Any) -> Rule:
    _expect(entry, dict)
    fields: dict[str, Any] = {key: _expect(entry[key], str) for key in _TEXTS}
    fields.update({key: _expect(entry[key], dict) for key in _MAPPINGS})
    fields.update({key: tuple(_expect(entry[key], list)) for key in _TUPLES})
    options = _expect(entry["options"], dict)
    fields["options"] = {name: _option(name, spec) for name, spec in options.items()}
    fields["on_by_default"] = _expect(entry["on_by_default"], bool)
    return Rule(severity=Severity(entry["severity"]), check=_check(_expect(entry["check"], dict)), **fields)


def _option(name: str, spec: Any) -> Option:
    default, schema, description = _expect(spec, list)
    return Option(name, default, _expect(schema, dict), _expect(description, str))


def _check(spec: dict[str, Any]) -> Check:
    kind = spec.get("kind")
    if kind == "declarative":
        where = spec["where"]
        return Declarative(_expect(spec["select"], str), _expect(spec["schema"], dict), where if where is None else _expect(where, dict))
    if kind == "function":
        return Function(_expect(spec["name"], str), _expect(spec["scope"], str))
    if kind == "engine":
        return EngineCheck()
    raise ValueError(f"unknown check kind {kind!r}")


def _expect(value: Any, kind: type) -> Any:
    if not isinstance(value, kind):
        raise ValueError(f"expected {kind.__name__}, got {type(value).__name__}")
    return value
