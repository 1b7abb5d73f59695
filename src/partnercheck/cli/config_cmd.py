"""`partnercheck config [FILE]`, and the configuration flags every linting command shares.

The run's wiring (configuration files, plugins, per-file settings) is
config/plan.py's: every command gives it the typed `Flags` of its command line
(`options.flags_from`) and gets a `RunPlan` back.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from partnercheck.cli import EXIT_CLEAN, write
from partnercheck.cli.options import (
    GLOBAL_OPTIONS,
    add_plugin_options,
    add_today_option,
    codes,
    command,
    flags_from,
    report_errors,
    severity,
)
from partnercheck.report.i18n import LANGUAGES


HELP = "show the effective configuration"
DESCRIPTION = "Show the configuration a charter gets: each value, and where it comes from (default, a file and line, a preset, a flag)."


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("config", help=HELP, description=DESCRIPTION)
    p.add_argument("file", nargs="?", default=".", metavar="FILE", help="the charter (or folder) to show the configuration for (default: the current directory)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    command(p, handle, add_selection_options, add_config_options, add_plugin_options)


def add_config_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("configuration")
    group.add_argument("--config", metavar="FILE", default=None, help="use this configuration file for every charter (no search)")
    group.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    group.add_argument("--lang", choices=LANGUAGES, default=None, help=GLOBAL_OPTIONS["lang"])


def add_selection_options(parser: argparse.ArgumentParser) -> None:
    """The rule selection, the fail level and the date: one declaration for `check`, `report` and the commands that do not lint."""
    parser.add_argument("--select", type=codes, action="extend", default=None, metavar="CODES", help="only these rules (codes, prefixes, names or packs, comma-separated)")
    parser.add_argument("--extend-select", type=codes, action="extend", default=[], metavar="CODES", help="add rules to the selection")
    parser.add_argument("--ignore", type=codes, action="extend", default=[], metavar="CODES", help="skip these rules")
    parser.add_argument("--fail-on", type=severity, default=None, metavar="LEVEL", help="findings at or above LEVEL make the charter not ready to sign (`check` exits 1): error, warning (default) or info")
    add_today_option(parser)


# partnercheck config ------------------------------------------------------------
def handle(args: argparse.Namespace) -> int:
    from partnercheck.config.plan import plan

    run_plan = plan(flags_from(args, paths=(args.file,), debug=False))
    registry, resolver = run_plan.registry, run_plan.resolver
    target = Path(args.file)
    rows = explain(resolver, registry, target)
    files = [f.label for f in resolver.effective_for(target).files]
    if args.format == "json":
        out = {"file": args.file, "configuration_files": files, "values": [{"key": k, "value": v, "source": s} for k, v, s in rows]}
        write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    else:
        write(_text(args.file, files, rows, _translator(rows)))
    report_errors(registry.errors)
    return EXIT_CLEAN


def explain(resolver: Any, registry: Any, target: Path) -> list[tuple[str, Any, str]]:
    """Each configuration key for `target`, its effective value, and where the value comes from."""
    from partnercheck.config.resolve import MERGED
    from partnercheck.resources import load_schema

    effective = resolver.effective_for(target)
    settings = resolver.settings_for(target)
    rows: list[tuple[str, Any, str]] = []
    for key in load_schema("config")["properties"]:
        if key == "extends":
            continue
        if key in MERGED:
            entries = [(".".join(keys), value, _source(keys, source, target)) for keys, value, source in effective.entries(key)]
            rows += entries or [(key, _default(key, registry, settings), "default")]
            if key == "options":
                rows += plugin_option_defaults(registry, settings)
            if key == "severity":
                rows += plugin_severity_defaults(registry, settings)
        elif key in ("select", "ignore"):
            rows.append(_flat(effective, key, registry, settings))
            if key == "ignore":
                rows += plugin_selection_defaults(registry, settings)
        else:
            rows.append(_locale_row() if key == "lang" and (key,) not in effective.leaves else _flat(effective, key, registry, settings))
    return rows


def _flat(effective: Any, key: str, registry: Any, settings: Any) -> tuple[str, Any, str]:
    value, source = effective.leaves.get((key,), (None, None))
    return (key, value, str(source)) if source is not None else (key, _default(key, registry, settings), "default")


def _by_plugin(rule: Any, what: str, fallback: str) -> str:
    """Where a plugin's default comes from: "plugin acme (pack acme.yaml)", "plugin acme (register_defaults)", or `fallback`."""
    origin = rule.defaulted.get(what)
    return f"plugin {rule.plugin} ({origin})" if origin else fallback


def _plugin_rules(registry: Any) -> list[Any]:
    return [r for r in sorted(registry.rules.values(), key=lambda r: r.code) if r.plugin != "core"]


def plugin_severity_defaults(registry: Any, settings: Any) -> list[tuple[str, Any, str]]:
    """Each severity a plugin's defaults set, unless the configuration sets that rule's severity."""
    return [
        (f"severity.{rule.code}", rule.severity.value, _by_plugin(rule, "severity", ""))
        for rule in _plugin_rules(registry)
        if "severity" in rule.defaulted and not any(key in settings.severity for key in (rule.code, rule.name, rule.pack))
    ]


def plugin_selection_defaults(registry: Any, settings: Any) -> list[tuple[str, Any, str]]:
    """Each rule a plugin's defaults leave off, and whether this configuration's selection turns it on."""
    rows = []
    for rule in _plugin_rules(registry):
        if not rule.on_by_default:
            state = "selected here, so it runs" if settings.enabled(rule) else "off unless a selection names it"
            rows.append(("ignore", rule.code, f"{_by_plugin(rule, 'ignore', _by_plugin(rule, 'select', ''))}; {state}"))
    return rows


def plugin_option_defaults(registry: Any, settings: Any) -> list[tuple[str, Any, str]]:
    """Each option of a plugin's rule that no configuration sets: its default, and the plugin and pack file it comes from."""
    rows = []
    for rule in sorted(registry.rules.values(), key=lambda r: r.code):
        if rule.plugin == "core" or not rule.options:
            continue
        configured = {name for key in (rule.pack, rule.name, rule.code) for name in settings.options.get(key, {})}
        for name, option in rule.options.items():
            if name not in configured:
                rows.append((f"options.{rule.code}.{name}", option.default, _by_plugin(rule, f"options.{name}", f"default of plugin {rule.plugin}, {rule.source or rule.pack}")))
    return rows


def _locale_row() -> tuple[str, Any, str]:
    """`lang` set nowhere: the language of the locale (LC_ALL, LC_MESSAGES or LANG), as `check` takes it."""
    import os

    from partnercheck.report.i18n import default_language

    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(variable):
            return ("lang", default_language(), f"locale {variable}={os.environ[variable]}")
    return ("lang", default_language(), "default")


def _source(keys: tuple[str, ...], source: Any, target: Path) -> str:
    from partnercheck.config.resolve import matches_glob

    if keys[0] == "per-file-ignores":
        applies = matches_glob(target, keys[1], source.base)
        return f"{source}; {'applies to' if applies else 'does not match'} this file"
    return str(source)


def _default(key: str, registry: Any, settings: Any) -> Any:
    from partnercheck.run.discovery import DEFAULT_EXCLUDE

    defaults: dict[str, Any] = {
        "select": "ALL",
        "extend-select": [],
        "ignore": [],
        "severity": "each rule's own",
        "per-file-ignores": {},
        "options": "each rule's defaults",
        "profiles": sorted(registry.profiles),
        "exclude": list(DEFAULT_EXCLUDE),
        "fail-on": settings.fail_on.value,
        "max-warnings": None,
        "min-score": None,
        "score-weights": _weights(),
        "rules": [],
        "plugins": "every installed plugin",
        "local-plugins": [],
    }
    return defaults.get(key)


def _weights() -> Any:
    try:
        from partnercheck.report.score import DEFAULT_WEIGHTS
    except ImportError:
        return "the defaults"
    return dict(DEFAULT_WEIGHTS)


def _translator(rows: list[tuple[str, Any, str]]) -> Any:
    """The words of the text in the language the configuration resolves to (its `lang` row)."""
    from partnercheck.report.i18n import LANGUAGES, Translator

    lang = next((value for key, value, _ in rows if key == "lang"), None)
    return Translator(lang if lang in LANGUAGES else "en")


def _source_words(source: str, tr: Any) -> str:
    """Where a value comes from, in the reader's language: the words translated, names, flags and paths as they are."""
    if tr.english:
        return source
    if source == "default":
        return tr.words("by default")
    starts = {"default of plugin ": tr.words("default of plugin"), "flag ": tr.words("flag"), "environment ": tr.words("environment"), "locale ": tr.words("locale"), "preset ": tr.words("preset")}
    ends = {"; applies to this file": tr.words("applies to this file"), "; does not match this file": tr.words("does not match this file")}
    parts = []
    for part in source.split(" + "):
        start = next((words for words in starts if part.startswith(words)), None)
        parts.append(f"{starts[start]} {part[len(start) :]}" if start else part)
    shown = " + ".join(parts)
    end = next((words for words in ends if shown.endswith(words)), None)
    return f"{shown[: -len(end)]}; {ends[end]}" if end else shown


def _text(file: str, files: list[str], rows: list[tuple[str, Any, str]], tr: Any) -> str:
    lines = [tr.words("Configuration for {file}", file=file)]
    lines.append(tr.words("files: {files}", files=" -> ".join(_source_words(f, tr) for f in files) if files else tr.words("none (defaults and flags only)")))
    width = max(len(k) for k, _, _ in rows)
    shown = [(k, _show(v, tr)) for k, v, _ in rows]
    value_width = min(max(len(v) for _, v in shown), 48)
    for (key, value), (_, _, source) in zip(shown, rows):
        lines.append(f"  {key:<{width}}  {value:<{value_width}}  ({_source_words(source, tr)})")
    return "\n".join(lines) + "\n"


#: The defaults written in words rather than values: translated in the text output.
_DEFAULT_WORDS = frozenset({"each rule's own", "each rule's defaults", "every installed plugin", "the defaults"})


def _show(value: Any, tr: Any) -> str:
    if value is None:
        return tr.words("none")
    if isinstance(value, str) and value in _DEFAULT_WORDS:
        return tr.words(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) if value else "[]"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False) if value else "{}"
    return str(value)
