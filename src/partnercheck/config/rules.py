"""Checks of a configuration against the loaded rules: selectors, severities, options, plugins.

The schema checks a file's shape; only once plugins are loaded can partnercheck
tell whether `BEN02` is a rule, whether `TIM01` has an option `max_days`, and
whether its value fits that option's own schema. The first problem is raised
as a `ConfigError` naming file, line and key.
"""

from __future__ import annotations

import difflib
from typing import Any, Iterable

from partnercheck.config.files import ConfigFile
from partnercheck.findings import Text
from partnercheck.report.messages import english, said
from partnercheck.config.settings import matches

SELECTOR_KEYS = ("select", "extend-select", "ignore")


def check_file(file: ConfigFile, registry: Any) -> None:
    rules = list(registry.rules.values())
    data = file.data
    for key in SELECTOR_KEYS:
        for i, selector in enumerate(data.get(key) or []):
            _selector(file, (key, str(i)), selector, rules)
    for glob, selectors in (data.get("per-file-ignores") or {}).items():
        for i, selector in enumerate(selectors):
            _selector(file, ("per-file-ignores", glob, str(i)), selector, rules)
    for selector in data.get("severity") or {}:
        _designated(file, ("severity", selector), selector, rules)
    for selector, options in (data.get("options") or {}).items():
        _options(file, selector, options, _designated(file, ("options", selector), selector, rules))
    for name in data.get("plugins") or {}:
        _plugin(file, name, registry)


def check_flags(flags: dict[str, Iterable[str]], registry: Any) -> None:
    """Reject a `--select`, `--extend-select` or `--ignore` value that designates no loaded rule, as in a file."""
    from partnercheck.errors import UsageError

    rules = list(registry.rules.values())
    for flag, selectors in flags.items():
        for selector in selectors:
            if not any(matches(rule, [selector]) for rule in rules):
                close = _closest(selector, rules)
                found = said("usage.selector-close", flag=flag, selector=selector, close=close) if close else said("usage.selector", flag=flag, selector=selector)
                raise UsageError(found)


def _selector(file: ConfigFile, keys: tuple[str, ...], selector: str, rules: list[Any]) -> None:
    if not any(matches(rule, [selector]) for rule in rules):
        raise file.error(keys, f'"{selector}" is no rule code, code prefix, rule name or pack{_close(selector, rules)}')


def _designated(file: ConfigFile, keys: tuple[str, ...], selector: str, rules: list[Any]) -> list[Any]:
    """The rules a code, name or pack designates; an error when there are none."""
    found = [r for r in rules if selector.upper() == r.code or selector in (r.name, r.pack)]
    if not found:
        raise file.error(keys, f'"{selector}" is no rule code, rule name or pack{_close(selector, rules)}')
    return found


def _options(file: ConfigFile, selector: str, options: dict[str, Any], rules: list[Any]) -> None:
    from jsonschema.exceptions import best_match

    from partnercheck.checks.safe_schema import validator
    from partnercheck.checks.schema import describe

    for name, value in options.items():
        having = [r for r in rules if name in r.options]
        if not having:
            known = sorted({o for r in rules for o in r.options})
            listed = f"its options: {', '.join(known)}" if known else "it has no options"
            raise file.error(("options", selector, name), f'{selector} has no option "{name}" ({listed})')
        for rule in having:
            error = best_match(validator(rule.options[name].schema).iter_errors(value))  # offline, formats checked as for charters
            if error is not None:
                message = english(describe(error))
                message = message.removeprefix(english(Text("SCH01.the-document")) + " ")
                message = message.split(" ", 1)[1] if message.startswith("`") else message
                raise file.error(("options", selector, name), f"invalid value for {rule.code}: {message}")


def _plugin(file: ConfigFile, name: str, registry: Any) -> None:
    if name == "core":
        raise file.error(("plugins", name), "the built-in rules (core) cannot be disabled; use ignore: to skip rules")
    known = set(_installed()) | {p.name for p in registry.plugins}
    if name not in known:
        close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
        hint = f' (did you mean "{close[0]}"?)' if close else ("; installed plugins: " + ", ".join(sorted(known - {"core"})) if known - {"core"} else "; no plugin is installed")
        raise file.error(("plugins", name), f'no installed plugin named "{name}"{hint}')


def _installed() -> Iterable[str]:
    from importlib.metadata import entry_points

    from partnercheck.plugins.hookspecs import PROJECT

    return [ep.name for ep in entry_points(group=PROJECT)]


def _close(selector: str, rules: list[Any]) -> str:
    close = _closest(selector, rules)
    return f' (did you mean "{close}"?)' if close else "; `partnercheck rules` lists them"


def _closest(selector: str, rules: list[Any]) -> str | None:
    keys = sorted({r.code for r in rules} | {r.name for r in rules} | {r.pack for r in rules})
    close = difflib.get_close_matches(selector, keys, n=1, cutoff=0.6) or difflib.get_close_matches(selector.upper(), keys, n=1, cutoff=0.6)
    return close[0] if close else None
