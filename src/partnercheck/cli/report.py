"""`partnercheck report CHARTER -o report.html`: a shareable health report of one charter."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import EXIT_CLEAN, EXIT_ERROR, error, write
from .config_cmd import add_config_options, configure
from .options import add_plugin_options, codes, iso_date, report_errors


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "report",
        help="write a shareable health report (HTML)",
        description="Write a self-contained HTML health report of one charter: verdict, score per dimension, "
        "partner map, findings with why they matter, waived findings. It opens offline and prints well.",
    )
    p.add_argument("charter", metavar="CHARTER", help="the charter file (- for standard input)")
    p.add_argument("--output", "-o", required=True, metavar="FILE", help="where to write the report (- for standard output)")
    p.add_argument("--today", type=iso_date, default=None, metavar="YYYY-MM-DD", help="the date used by date-based rules (default: today)")
    p.add_argument("--select", type=codes, action="extend", default=None, metavar="CODES", help="only these rules (codes, prefixes, names or packs, comma-separated)")
    p.add_argument("--ignore", type=codes, action="extend", default=[], metavar="CODES", help="skip these rules")
    p.add_argument("--stdin-filename", metavar="PATH", help="the name to give standard input in the report")
    add_config_options(p)
    add_plugin_options(p)
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from ..atomic import write_text
    from ..linting import Request, lint
    from ..reporters.html import render
    from ..score import score_run
    from ..settings import Settings

    base = Settings(debug=args.debug)  # selection: flags over configuration files, as for `check`
    if args.today:
        base.today = args.today
    registry, resolver, settings = configure(args, (args.charter,), base)
    stdin = sys.stdin.buffer.read() if args.charter == "-" else None
    run = lint(Request((args.charter,), stdin, args.stdin_filename), registry, settings, resolver)
    report_errors(run.errors)
    if not run.files:
        if not run.errors:
            error(f"{args.charter}: no charter to report on")
        return EXIT_ERROR
    html = render(run, {})
    if args.output == "-":
        write(html)
    else:
        write_text(Path(args.output), html)
        score = score_run(run).files[0]
        write(f"Wrote {args.output}: {score.verdict.label}, health score {score.overall:g}/100.\n")
    return EXIT_ERROR if run.has_internal_error() else EXIT_CLEAN
