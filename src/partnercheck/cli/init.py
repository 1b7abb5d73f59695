"""`partnercheck init [FILE]`: write a commented starter charter."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from partnercheck.cli import EXIT_CLEAN, EXIT_ERROR, error, write
from partnercheck.report.i18n import LANGUAGES

DEFAULT_FILE = "charter.yaml"


HELP = "write a commented starter charter"
DESCRIPTION = (
    "Write a starter charter with every section present and commented; then run "
    "`partnercheck check` on it to see what is left to fill in."
)


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("init", help=HELP, description=DESCRIPTION)
    p.add_argument("file", nargs="?", default=DEFAULT_FILE, metavar="FILE", help=f"where to write it (default: {DEFAULT_FILE}; - for standard output)")
    p.add_argument("--lang", choices=LANGUAGES, default=None, help="language of the comments and examples (default: PARTNERCHECK_LANG, else LC_ALL, LC_MESSAGES or LANG, else en)")
    p.add_argument("--profile", metavar="NAME", help="a partnership profile, e.g. training-platform: adds its expected partner types as partners to fill in")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from partnercheck.atomic import save_text
    from partnercheck.catalog.starter import starter
    from partnercheck.cli.options import chosen_language
    from partnercheck.report.i18n import Translator

    lang = chosen_language(args)
    types: tuple[str, ...] = ("other",)
    if args.profile:
        found = _profile_types(args.profile, Translator(lang))
        if found is None:
            return EXIT_ERROR
        types = found
    text = starter(lang, types, args.profile)
    if args.file == "-":
        write(text)
        return EXIT_CLEAN
    path = Path(args.file)
    tr = Translator(lang)
    if path.is_dir():
        error(tr.words("{path} is a folder; give a file name", path=args.file))
        return EXIT_ERROR
    if path.exists() and not args.force:
        error(tr.words("{path} already exists; choose another name, or add --force to overwrite it", path=args.file))
        return EXIT_ERROR
    save_text(path, text)
    write(tr.words("Wrote {path}. Fill it in, then run: partnercheck check {path}", path=args.file) + "\n")
    return EXIT_CLEAN


def _profile_types(name: str, tr: Any) -> tuple[str, ...] | None:
    """The first partner type of each group the profile expects, or None (after saying why, in `tr`'s language)."""
    from partnercheck.plugins.manager import PluginSelection, load_registry

    profiles = load_registry(PluginSelection()).profiles
    profile = profiles.get(name)
    if profile is None:
        error(tr.words("unknown profile {name}; profiles: {profiles}", name=repr(name), profiles=", ".join(sorted(profiles)) or tr.words("none")))
        return None
    return tuple(group[0] for group in profile.expects if group)
