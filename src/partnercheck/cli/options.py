"""Options shared by several commands, and the conversions they need."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from datetime import date
from typing import Any, Callable

from partnercheck.cli.voice import say
from partnercheck.findings import Severity
from partnercheck.report.messages import said


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(say(said("usage.invalid-date", value=repr(text)))) from None


def severity(text: str) -> Severity:
    try:
        return Severity(text.lower())
    except ValueError:
        raise argparse.ArgumentTypeError(say(said("usage.invalid-severity", value=repr(text)))) from None


def codes(text: str) -> list[str]:
    return [c.strip() for c in text.split(",") if c.strip()]


_UNITS = {"": 1, "B": 1, "KB": 1000, "MB": 1000**2, "GB": 1000**3, "KIB": 1024, "MIB": 1024**2, "GIB": 1024**3}


def byte_size(text: str) -> int:
    """`20MB`, `500KB`, `1MiB` or a number of bytes."""
    number = text.strip().upper().rstrip("BIKMG ")
    unit = text.strip().upper()[len(number) :].strip()
    try:
        value = int(float(number) * _UNITS[unit])
    except (ValueError, KeyError, OverflowError):
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(say(said("usage.invalid-size", value=repr(text))))
    return value


def seconds(text: str) -> float:
    """A time budget in seconds, at most a day; 0 turns the budget off."""
    from partnercheck.rules.budget import MAX_RULE_TIMEOUT

    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= MAX_RULE_TIMEOUT:
        raise argparse.ArgumentTypeError(say(said("usage.invalid-seconds", value=repr(text), most=f"{MAX_RULE_TIMEOUT:,.0f}")))
    return value


def command(parser: argparse.ArgumentParser, handle: Callable[[argparse.Namespace], int], *groups: Callable[[argparse.ArgumentParser], None]) -> None:
    """Give a command's parser the shared option groups it takes, then its handler."""
    for add in groups:
        add(parser)
    parser.set_defaults(handler=handle)


def add_today_option(parser: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    """`--today`, the one declaration of the date rules and waivers compare with."""
    parser.add_argument("--today", type=iso_date, default=None, metavar="YYYY-MM-DD", help="the date used by date-based rules and waivers (default: today)")


def add_page_options(parser: argparse.ArgumentParser) -> None:
    """What decides the findings, the counts and the verdict a page shows, beside the rule selection: taken by `check`
    and `report` from this one declaration, so that `report -o FILE` and `check --format html:FILE` write the same page."""
    parser.add_argument("--stdin-filename", metavar="PATH", help="the name to give standard input in reports")
    parser.add_argument("--min-score", type=min_score, default=None, metavar="N", help="a file whose overall health score (0-100) is below N is not ready to sign (`check` exits 1); see docs/score.md")
    parser.add_argument("--max-warnings", type=count, default=None, metavar="N", help="more than N active warnings make the charter not ready to sign (`check` exits 1); warnings up to N do not")
    parser.add_argument("--max-file-size", type=byte_size, default=None, metavar="SIZE", help="refuse files larger than SIZE (default 10MB; e.g. 20MB, 500KB); see docs/security.md")
    parser.add_argument("--rule-timeout", type=seconds, default=None, metavar="SECONDS", help="stop a rule still running on a file after SECONDS (default 10; 0: no budget); see docs/security.md")
    parser.add_argument("--file-timeout", type=seconds, default=None, metavar="SECONDS", help="stop all work on one file after SECONDS: the file gets INT03 and the run goes on (default 60; 0: no budget); see docs/security.md")
    parser.add_argument("--no-group", action="store_true", help="one finding per place: do not group the same finding repeated across partners, objectives, … into one with related places")


def count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(say(said("usage.invalid-count", value=repr(text))))
    return int(text)


def min_score(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(say(said("usage.invalid-score", value=repr(text))))
    return value


#: The `Flags` taken from the command line as given, switched on by a flag, or listed by a repeated option (name: dest).
_AS_GIVEN = ("today", "config", "stdin_filename", "max_file_size", "rule_timeout", "jobs", "cache_dir", "baseline")
_SWITCHES = ("exit_zero", "isolated", "charters_only", "debug", "no_plugins", "allow_local_plugins", "no_cache", "prune_baseline")
_LISTS = {"rule_packs": "rules", "disabled_plugins": "disable_plugin", "local_plugins": "plugin"}


LANG_VARIABLE = "PARTNERCHECK_LANG"


def env_lang() -> str | None:
    """`PARTNERCHECK_LANG`, a language for every run of this environment (a CI job's), as `--lang` would set it."""
    from partnercheck.errors import UsageError
    from partnercheck.report.i18n import LANGUAGES

    lang = os.environ.get(LANG_VARIABLE, "").strip()
    if lang and lang not in LANGUAGES:
        raise UsageError(said("usage.env-lang", variable=LANG_VARIABLE, lang=lang, choices=" or ".join(LANGUAGES)))
    return lang or None


def chosen_language(args: argparse.Namespace) -> str:
    """The language of a command with no charter to read (`rules`, `rule`, `plugins`, `init`): `--lang`, else
    PARTNERCHECK_LANG, else the locale (LC_ALL, LC_MESSAGES or LANG), else en; as `check` chooses when no
    configuration file and no charter says."""
    from partnercheck.report.i18n import default_language

    return getattr(args, "lang", None) or env_lang() or default_language()


def flags_from(args: argparse.Namespace, **given: Any) -> Any:
    """The typed `Flags` of a parsed command line (config/plan.py): no argparse object goes past `cli/`.

    `given` sets what a command names differently (`paths`, `formats`, `fallback_lang`).
    """
    from partnercheck.config.plan import Flags

    def value(name: str, default: Any = None, env: bool = True) -> Any:
        found = getattr(args, name, default)
        return env_lang() if name == "lang" and found is None and env else found

    taken: dict[str, Any] = {name: value(name) for name in _AS_GIVEN}
    taken |= {name: bool(value(name, False)) for name in _SWITCHES}
    taken |= {name: tuple(value(dest) or ()) for name, dest in _LISTS.items()}
    flags = Flags(overrides=_overrides(value), **taken)
    return replace(flags, **given)


def _overrides(value: Any) -> Any:
    from partnercheck.config.resolve import Overrides

    select = value("select")
    return Overrides(
        select=tuple(select) if select else None,
        extend_select=tuple(value("extend_select") or ()),
        ignore=tuple(value("ignore") or ()),
        fail_on=value("fail_on"),
        file_timeout=value("file_timeout"),
        max_warnings=value("max_warnings"),
        min_score=value("min_score"),
        lang=value("lang"),
        lang_source="flag --lang" if value("lang", None, env=False) is not None else f"environment {LANG_VARIABLE}",
    )


#: Options that mean the same for every command, accepted before the command as well as after it (name: help).
GLOBAL_OPTIONS = {
    "debug": "show tracebacks of crashed rules and plugins, and of internal errors",
    "lang": "the language of messages and reports: en or fr (default: PARTNERCHECK_LANG, else `lang:` in configuration, else the charters' own `charter.language` when they agree, else LC_ALL, LC_MESSAGES or LANG, else en)",
}


def add_global_options(parser: argparse.ArgumentParser) -> None:
    """The global options on the main parser, under their own names (`global_debug`): a command's own default
    would overwrite a value the main parser set under the same name."""
    from partnercheck.report.i18n import LANGUAGES

    group = parser.add_argument_group("global options (before or after the command)")
    group.add_argument("--debug", dest="global_debug", action="store_true", help=GLOBAL_OPTIONS["debug"])
    group.add_argument("--lang", dest="global_lang", choices=LANGUAGES, default=None, help=GLOBAL_OPTIONS["lang"])


def accept_global_options(parser: argparse.ArgumentParser) -> None:
    """Let a command take the global options after its name as well (`plugins --lang fr`): each command that
    runs (one with subcommands: each of them) gets `--lang` and `--debug` unless it declares them already."""
    from partnercheck.report.i18n import LANGUAGES

    nested = [action for action in parser._actions if isinstance(action, argparse._SubParsersAction)]
    if nested:
        for action in nested:
            for sub in dict.fromkeys(action.choices.values()):
                accept_global_options(sub)
        return
    declared = {option for action in parser._actions for option in action.option_strings}
    if "--lang" not in declared:
        parser.add_argument("--lang", choices=LANGUAGES, default=None, help=GLOBAL_OPTIONS["lang"])
    if "--debug" not in declared:
        parser.add_argument("--debug", action="store_true", help=GLOBAL_OPTIONS["debug"])


def take_global_options(args: argparse.Namespace) -> argparse.Namespace:
    """Give the command the global options written before it; the same option written after the command wins."""
    if getattr(args, "global_debug", False):
        args.debug = True
    lang = getattr(args, "global_lang", None)
    if lang is not None and getattr(args, "lang", None) is None:
        args.lang = lang
    for name in ("global_debug", "global_lang"):
        args.__dict__.pop(name, None)
    return args


def add_plugin_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("plugins")
    group.add_argument("--rules", action="append", default=[], metavar="PATH", help="load an extra YAML rule pack (no code runs); repeatable")
    group.add_argument("--disable-plugin", action="append", default=[], metavar="NAME", help="do not load the installed plugin NAME; repeatable")
    group.add_argument("--no-plugins", action="store_true", help="load no installed plugin, only the built-in rules")
    group.add_argument("--plugin", action="append", default=[], metavar="FILE.py", help="load a local plugin from a Python file (runs its code: needs --allow-local-plugins); repeatable")
    group.add_argument("--allow-local-plugins", action="store_true", help="allow local plugins (--plugin, or named in a configuration file) to run")
    group.add_argument("--debug", action="store_true", help=GLOBAL_OPTIONS["debug"])


def use_color(choice: str, stream: object = None) -> bool:
    stream = stream or sys.stdout
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def registry_from(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from partnercheck.plugins.manager import PluginSelection, load_registry

    selection = PluginSelection(
        disabled=frozenset(args.disable_plugin),
        autoload=not args.no_plugins,
        extra_packs=tuple(args.rules),
        local_plugins=tuple(args.plugin),
        allow_local=args.allow_local_plugins,
    )
    return load_registry(selection)


def report_errors(errors: list[str]) -> None:
    from partnercheck.cli.voice import prefixed

    for message in errors:
        print(prefixed(message), file=sys.stderr)
