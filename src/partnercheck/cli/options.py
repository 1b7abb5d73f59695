"""Options shared by several commands, and the conversions they need."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date

from ..findings import Severity


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid date {text!r}: use YYYY-MM-DD") from None


def severity(text: str) -> Severity:
    try:
        return Severity(text.lower())
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid severity {text!r}: choose error, warning or info") from None


def codes(text: str) -> list[str]:
    return [c.strip() for c in text.split(",") if c.strip()]


def add_plugin_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("plugins")
    group.add_argument("--rules", action="append", default=[], metavar="PATH", help="load an extra YAML rule pack (no code runs); repeatable")
    group.add_argument("--disable-plugin", action="append", default=[], metavar="NAME", help="do not load the installed plugin NAME; repeatable")
    group.add_argument("--no-plugins", action="store_true", help="load no installed plugin, only the built-in rules")
    group.add_argument("--debug", action="store_true", help="show tracebacks of crashed rules and plugins")


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
    from ..plugins import PluginSelection, load_registry

    selection = PluginSelection(
        disabled=frozenset(args.disable_plugin),
        autoload=not args.no_plugins,
        extra_packs=tuple(args.rules),
    )
    return load_registry(selection)


def report_errors(errors: list[str]) -> None:
    for message in errors:
        print(f"partnercheck: error: {message}", file=sys.stderr)
