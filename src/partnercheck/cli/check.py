"""`partnercheck check`: lint charters and report findings."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, write
from .options import add_plugin_options, codes, iso_date, registry_from, report_errors, severity, use_color


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("check", help="lint charters", description="Lint partnership charters: files, directories, or - for standard input.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="charter files or directories (default: the current directory)")
    p.add_argument("--format", "-f", action="append", default=[], metavar="NAME[:PATH]", help="output format (text, json, …), optionally written to PATH; repeatable")
    p.add_argument("--fail-on", type=severity, default=None, metavar="LEVEL", help="exit 1 on findings at or above LEVEL: error, warning (default) or info")
    p.add_argument("--today", type=iso_date, default=None, metavar="YYYY-MM-DD", help="the date used by date-based rules (default: today)")
    p.add_argument("--select", type=codes, action="extend", default=None, metavar="CODES", help="only these rules (codes, prefixes, names or packs, comma-separated)")
    p.add_argument("--extend-select", type=codes, action="extend", default=[], metavar="CODES", help="add rules to the selection")
    p.add_argument("--ignore", type=codes, action="extend", default=[], metavar="CODES", help="skip these rules")
    p.add_argument("--stdin-filename", metavar="PATH", help="the name to give standard input in reports")
    p.add_argument("--quiet", "-q", action="store_true", help="one line per finding; no excerpt, hint or clean summary")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour text output (default: on a terminal, unless NO_COLOR is set)")
    add_plugin_options(p)
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from ..findings import Severity
    from ..linting import Request, lint
    from ..settings import Settings

    registry = registry_from(args)
    formats = _formats(args.format, registry)
    settings = Settings(
        fail_on=args.fail_on or Severity.WARNING,
        select=tuple(args.select) if args.select else None,
        extend_select=tuple(args.extend_select),
        ignore=tuple(args.ignore),
        debug=args.debug,
    )
    if args.today:
        settings.today = args.today
    paths = tuple(args.paths) or (".",)
    stdin = sys.stdin.buffer.read() if "-" in paths else None
    run = lint(Request(paths, stdin, args.stdin_filename), registry, settings)
    _emit(run, formats, registry.reporters, args)
    report_errors(run.errors)
    if args.debug:
        for file in run.files:
            for message in file.debug:
                print(message, file=sys.stderr)
    if run.has_internal_error():
        return EXIT_ERROR
    return EXIT_FINDINGS if run.failing() else EXIT_CLEAN


def _formats(specs: list[str], registry: object) -> list[tuple[str, str | None]]:
    from ..errors import UsageError

    chosen = [(s.split(":", 1)[0], s.split(":", 1)[1] if ":" in s else None) for s in specs] or [(_default_format(), None)]
    known = registry.reporters  # type: ignore[attr-defined]
    for name, _ in chosen:
        if name not in known:
            raise UsageError(f"unknown format {name!r}; choose one of: {', '.join(sorted(known))}")
    if sum(1 for _, path in chosen if path is None) > 1:
        raise UsageError("only one format can go to standard output; give the others a file: --format NAME:PATH")
    return chosen


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" and _has_github() else "text"


def _has_github() -> bool:
    from ..reporters import BUILTIN

    return "github" in BUILTIN


def _emit(run: object, formats: list[tuple[str, str | None]], reporters: dict, args: argparse.Namespace) -> None:
    from ..atomic import write_text

    for name, path in formats:
        render = reporters[name][0]
        options = {"color": use_color(args.color) if path is None else False, "quiet": args.quiet, "cwd": str(Path.cwd())}
        text = render(run, options)
        if path is None:
            write(text)
        else:
            write_text(Path(path), text)
