"""`--help` in the spoken language: descriptions, option help, group titles and epilogs, translated as help is formatted.

The parsers are declared in English (cli/*.py) and a run never translates them:
only formatting a help page (`partnercheck --help`, `check --help`, a command
given without its subcommand) looks their words up in the gettext catalog,
under `msgctxt "help"`, and argparse's own ("options", "show this help message
and exit") under `msgctxt "argparse"`. English formats help as argparse does.
This module is imported only when help is formatted.
"""

from __future__ import annotations

import argparse
from functools import lru_cache
from typing import Any, Callable

from partnercheck.cli.voice import ARGPARSE_CONTEXT, argparse_in_language, spoken
from partnercheck.report.i18n import DEFAULT_LANGUAGE, catalog
from partnercheck.report.messages import fill

#: The `msgctxt` of the command line's help texts in the catalog.
HELP_CONTEXT = "help"


def help_text(text: str) -> str:
    """`text` (a parser's description, an option's help, a group's title) in the spoken language; as written when
    the catalog has no entry for it (a plugin's words)."""
    lang = spoken()
    if lang == DEFAULT_LANGUAGE or not text:
        return text
    found = catalog(lang)
    return found.get(text, context=HELP_CONTEXT) or found.get(text, context=ARGPARSE_CONTEXT) or text


def formatted_help(parser: argparse.ArgumentParser, format_help: Callable[[], str]) -> str:
    """`format_help()` of `parser` in the spoken language: its formatter translates, argparse's `usage: ` too."""
    if spoken() == DEFAULT_LANGUAGE:
        return format_help()
    plain: Any = parser.formatter_class  # a class, or any callable that makes a formatter
    parser.formatter_class = translating(plain)
    try:
        with argparse_in_language():
            return format_help()
    finally:
        parser.formatter_class = plain


def _titled(heading: str) -> str:
    """A group's title as argparse will follow it with `:`, spaced as the spoken language writes a colon: the
    catalog's `{heading}:` (`{heading} :` in French)."""
    return fill(help_text("{heading}:"), {"heading": heading}).removesuffix(":")


@lru_cache(maxsize=8)
def translating(base: Any) -> Any:
    """The help formatter `base` (argparse's, or the raw-description one a parser chose) with its words translated."""

    class Translating(base):  # type: ignore[misc, valid-type]
        def start_section(self, heading: str | None) -> None:
            super().start_section(_titled(help_text(heading)) if heading else heading)

        def _format_text(self, text: str) -> str:
            return super()._format_text(help_text(text))

        def _get_help_string(self, action: argparse.Action) -> str | None:
            text = super()._get_help_string(action)
            return help_text(text) if text else text

    Translating.__name__ = f"Translating{getattr(base, '__name__', 'HelpFormatter')}"
    return Translating
