"""`partnercheck config [FILE]`, and the configuration flags every linting command shares.

`configure(args, paths, base)` is how `check` and `baseline` turn the command
line and the configuration files into a registry, a per-file resolver and the
run's settings: flags win over files, files over defaults.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from partnercheck.cli import EXIT_CLEAN, write
from partnercheck.cli.options import (
    add_plugin_options,
    codes,
    iso_date,
    registry_from,
    report_errors,
    severity,
)
from partnercheck.report.i18n import LANGUAGES


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "config",
        help="show the effective configuration",
        description="Show the configuration a charter gets: each value, and where it comes from (default, a file and line, a preset, a flag).",
    )
    p.add_argument("file", nargs="?", default=".", metavar="FILE", help="the charter (or folder) to show the configuration for (default: the current directory)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    add_selection_options(p)
    add_config_options(p)
    add_plugin_options(p)
    p.set_defaults(handler=handle)


def add_config_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("configuration")
    group.add_argument("--config", metavar="FILE", default=None, help="use this configuration file for every charter (no search)")
    group.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    group.add_argument("--lang", choices=LANGUAGES, default=None, help="the language of messages and reports: en or fr (default: `lang:` in configuration, else from LC_ALL, LC_MESSAGES or LANG, else en)")


def add_selection_options(parser: argparse.ArgumentParser) -> None:
    """The rule-selection flags of `check`, for the commands that do not lint."""
    parser.add_argument("--select", type=codes, action="extend", default=None, metavar="CODES", help="only these rules (codes, prefixes, names or packs, comma-separated)")
    parser.add_argument("--extend-select", type=codes, action="extend", default=[], metavar="CODES", help="add rules to the selection")
    parser.add_argument("--ignore", type=codes, action="extend", default=[], metavar="CODES", help="skip these rules")
    parser.add_argument("--fail-on", type=severity, default=None, metavar="LEVEL", help="error, warning or info")
    parser.add_argument("--today", type=iso_date, default=None, metavar="YYYY-MM-DD", help="the date used by date-based rules and waivers (default: today)")


def overrides_from(args: argparse.Namespace) -> Any:
    from partnercheck.config.resolve import Overrides

    select = getattr(args, "select", None)
    return Overrides(
        select=tuple(select) if select else None,
        extend_select=tuple(getattr(args, "extend_select", None) or ()),
        ignore=tuple(getattr(args, "ignore", None) or ()),
        fail_on=getattr(args, "fail_on", None),
        max_warnings=getattr(args, "max_warnings", None),
        min_score=getattr(args, "min_score", None),
        lang=getattr(args, "lang", None),
    )


def configure(args: argparse.Namespace, paths: tuple[str, ...], base: Any) -> tuple[Any, Any, Any]:
    """The registry (with the configuration's rule packs and plugins), the per-file resolver, the run's settings."""
    from partnercheck.config.resolve import Resolver

    resolver = Resolver(base, overrides_from(args), getattr(args, "config", None), getattr(args, "isolated", False))
    stdin_name = getattr(args, "stdin_filename", None)
    folders, discovered = _folders(paths, stdin_name)
    args.discovered = discovered  # `check` lints these very targets instead of walking the tree again
    packs, disabled = resolver.prepare(folders)
    given = {str(Path(p).resolve()) for p in args.rules}
    selection = argparse.Namespace(**vars(args))
    selection.rules = [*args.rules, *(p for p in packs if p not in given)]
    selection.disable_plugin = [*args.disable_plugin, *sorted(disabled)]
    if hasattr(args, "plugin"):  # local plugin files run only with --allow-local-plugins (plugins.py)
        given_files = {str(Path(p).resolve()) for p in args.plugin}
        selection.plugin = [*args.plugin, *(p for p in resolver.local_plugins if p not in given_files)]
    registry = registry_from(selection)
    _pack_errors(registry.errors, packs)
    resolver.bind(registry)
    _check_flags(args, registry)
    return registry, resolver, resolver.run_settings(_location(paths[0], stdin_name))


def _check_flags(args: argparse.Namespace, registry: Any) -> None:
    """Selection flags are checked against the loaded rules as configuration files are (configrules.py)."""
    from partnercheck.config.rules import check_flags

    flags = {f"--{name.replace('_', '-')}": getattr(args, name, None) or () for name in ("select", "extend_select", "ignore")}
    check_flags(flags, registry)


def _pack_errors(errors: list[str], packs: list[str]) -> None:
    """A rule pack that a configuration file lists and that does not load is a configuration error."""
    from partnercheck.errors import ConfigError

    for message in errors:
        if any(message.startswith(f"rule pack {p}:") for p in packs):
            raise ConfigError(message)


def _folders(paths: tuple[str, ...], stdin_name: str | None) -> tuple[list[Path], Any]:
    """The folders whose configuration the run may use (each path's, and each walked file's), and the walk itself."""
    from partnercheck.run.discovery import discover

    targets, errors = discover(paths, (), stdin_name)
    folders = [_folder(_location(p, stdin_name)) for p in paths]
    folders += [t.source.absolute().parent for t in targets if t.source is not None]
    return list(dict.fromkeys(folders)), (paths, stdin_name, targets, errors)


def _location(path: str, stdin_name: str | None) -> Path:
    if path == "-":
        return Path(stdin_name) if stdin_name else Path.cwd() / "stdin.yaml"
    return Path(path)


def _folder(path: Path) -> Path:
    return path.absolute() if path.is_dir() else path.absolute().parent


# partnercheck config ------------------------------------------------------------
def handle(args: argparse.Namespace) -> int:
    from partnercheck.config.settings import Settings

    base = Settings()
    if args.today:
        base.today = args.today
    registry, resolver, _ = configure(args, (args.file,), base)
    target = Path(args.file)
    rows = explain(resolver, registry, target)
    files = [f.label for f in resolver.effective_for(target).files]
    if args.format == "json":
        out = {"file": args.file, "configuration_files": files, "values": [{"key": k, "value": v, "source": s} for k, v, s in rows]}
        write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    else:
        write(_text(args.file, files, rows))
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
        else:
            value, source = effective.leaves.get((key,), (None, None))
            if source is not None:
                rows.append((key, value, str(source)))
            else:
                rows.append(_locale_row() if key == "lang" else (key, _default(key, registry, settings), "default"))
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


def _text(file: str, files: list[str], rows: list[tuple[str, Any, str]]) -> str:
    lines = [f"Configuration for {file}"]
    lines.append("files: " + (" -> ".join(files) if files else "none (defaults and flags only)"))
    width = max(len(k) for k, _, _ in rows)
    shown = [(k, _show(v)) for k, v, _ in rows]
    value_width = min(max(len(v) for _, v in shown), 48)
    for (key, value), (_, _, source) in zip(shown, rows):
        lines.append(f"  {key:<{width}}  {value:<{value_width}}  ({source})")
    return "\n".join(lines) + "\n"


def _show(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) if value else "[]"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False) if value else "{}"
    return str(value)
