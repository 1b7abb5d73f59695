"""A plugin's defaults for its own rules (a pack's `defaults:`, the `register_defaults` hook): checked, then applied.

Both take the same mapping::

    {"select": [...], "ignore": [...], "severity": {SELECTOR: LEVEL}, "options": {SELECTOR: {NAME: VALUE}}}

`select` names the rules on by default (the others are off), `ignore` the
rules off by default; a rule off by default runs only when a selection names
it (config/settings.py). `severity` and `options` become the rules' own
defaults, so precedence is: each rule's own < its plugin's defaults <
configuration files < command line. A default that names no rule of the
plugin (or of the pack), or whose value has the wrong type, raises
`DefaultsProblem` with the JSON Pointer of the bad entry; the manager (or the
pack loader) turns it into a load error naming the plugin (or the line).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Mapping, Sequence

from partnercheck.findings import Severity
from partnercheck.pointers import escape
from partnercheck.rules.model import Option, Rule

KEYS = ("select", "ignore", "severity", "options")


class DefaultsProblem(Exception):
    """A default the plugin may not set: where in the defaults (a JSON Pointer), and why."""

    def __init__(self, pointer: str, message: str) -> None:
        super().__init__(f"{pointer or '/'}: {message}")
        self.pointer = pointer
        self.message = message


def apply_defaults(rules: Sequence[Rule], defaults: Any, origin: str) -> list[Rule]:
    """`rules` (the plugin's or the pack's own) with `defaults` applied; `origin` says where they come from (`pack acme.yaml`)."""
    _check_shape(defaults)
    on = {r.code: r.on_by_default for r in rules}
    severity = {r.code: r.severity for r in rules}
    options = {r.code: dict(r.options) for r in rules}
    set_by: dict[str, dict[str, str]] = {r.code: dict(r.defaulted) for r in rules}
    if "select" in defaults:
        chosen = {r.code for i, selector in enumerate(defaults["select"]) for r in _matched(rules, selector, f"/select/{i}")}
        for r in rules:
            on[r.code] = r.code in chosen
            set_by[r.code]["select"] = origin
    for i, selector in enumerate(defaults.get("ignore", ())):
        for r in _matched(rules, selector, f"/ignore/{i}"):
            on[r.code] = False
            set_by[r.code]["ignore"] = origin
    for selector, level in defaults.get("severity", {}).items():
        for r in _designated(rules, selector, f"/severity/{escape(selector)}"):
            severity[r.code] = Severity(level)
            set_by[r.code]["severity"] = origin
    for selector, values in defaults.get("options", {}).items():
        for name, value in values.items():
            at = f"/options/{escape(selector)}/{escape(name)}"
            for r in _with_option(_designated(rules, selector, f"/options/{escape(selector)}"), selector, name, at):
                problem = option_problem(r.options[name], value)
                if problem is not None:
                    raise DefaultsProblem(at, f"invalid value for {r.code}: {problem}")
                options[r.code][name] = replace(r.options[name], default=value)
                set_by[r.code][f"options.{name}"] = origin
    return [replace(r, on_by_default=on[r.code], severity=severity[r.code], options=options[r.code], defaulted=set_by[r.code]) for r in rules]


def option_problem(option: Option, value: Any) -> str | None:
    """Why `value` does not satisfy the option's schema, in words; None when it does."""
    from jsonschema.exceptions import best_match

    from partnercheck.checks.safe_schema import validator
    from partnercheck.checks.schema import describe
    from partnercheck.findings import Text
    from partnercheck.report.messages import english

    error = best_match(validator(option.schema).iter_errors(value))  # offline, formats checked as for charters
    if error is None:
        return None
    message = english(describe(error)).removeprefix(english(Text("SCH01.the-document")) + " ")
    return message.split(" ", 1)[1] if message.startswith("`") else message


def _check_shape(defaults: Any) -> None:
    from jsonschema.exceptions import best_match

    from partnercheck.checks.safe_schema import validator
    from partnercheck.checks.schema import describe
    from partnercheck.pointers import join
    from partnercheck.findings import Text
    from partnercheck.report.messages import english
    from partnercheck.resources import load_schema

    if not isinstance(defaults, Mapping):
        raise DefaultsProblem("", f"the defaults are {type(defaults).__name__}, not a mapping of {', '.join(KEYS)}")
    error = best_match(validator(load_schema("rule-pack")["properties"]["defaults"], formats=False).iter_errors(_plain(defaults)))
    if error is not None:
        raise DefaultsProblem(join("", *error.absolute_path), english(describe(error)))


def _plain(value: Any) -> Any:
    """Mappings and sequences as dicts and lists (tuples too), for the JSON Schema check."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _matched(rules: Sequence[Rule], selector: str, at: str) -> list[Rule]:
    """The rules a selector (code, prefix, name, pack, ALL) designates among the plugin's own; none is a problem."""
    from partnercheck.config.settings import matches

    found = [r for r in rules if matches(r, [selector])]
    if not found:
        raise DefaultsProblem(at, f'"{selector}" designates no rule of its own ({_own(rules)}); a plugin sets defaults for its own rules only')
    return found


def _designated(rules: Sequence[Rule], selector: str, at: str) -> list[Rule]:
    """The rules a code, name or pack designates among the plugin's own, as in a configuration's `severity:` and `options:`."""
    found = [r for r in rules if selector.upper() == r.code or selector in (r.name, r.pack)]
    if not found:
        raise DefaultsProblem(at, f'"{selector}" is no rule code, rule name or pack of its own ({_own(rules)}); a plugin sets defaults for its own rules only')
    return found


def _with_option(rules: list[Rule], selector: str, name: str, at: str) -> list[Rule]:
    having = [r for r in rules if name in r.options]
    if not having:
        known = sorted({o for r in rules for o in r.options})
        raise DefaultsProblem(at, f'{selector} has no option "{name}" ({"its options: " + ", ".join(known) if known else "it has no options"})')
    return having


def _own(rules: Sequence[Rule]) -> str:
    codes = sorted(r.code for r in rules)
    return "its rules: " + ", ".join(codes[:8]) + (", …" if len(codes) > 8 else "") if codes else "it has no rules"
