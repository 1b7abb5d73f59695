"""`partnercheck history PATH`: a charter's score per dimension over its git history, partners' arrivals and departures, amendments."""

from __future__ import annotations

import argparse
from pathlib import Path

from partnercheck.cli import EXIT_CLEAN, write
from partnercheck.cli.config_cmd import add_config_options, add_selection_options
from partnercheck.cli.options import add_plugin_options, command, flags_from, report_errors
from partnercheck.cli.voice import speak

HELP = "a charter's score and terms over its git history"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("history", help=HELP, description="Walk the git history of a charter: its score per dimension at each commit, the partners who joined and left, its amendments.")
    p.add_argument("path", metavar="PATH", help="a charter file in a git repository")
    p.add_argument("--format", "-f", choices=("text", "json", "html"), default="text", help="text (default), json, or html (a page with an SVG chart of the scores)")
    command(p, handle, add_selection_options, add_config_options, add_plugin_options)


def handle(args: argparse.Namespace) -> int:
    from partnercheck.config.plan import plan
    from partnercheck.errors import UsageError
    from partnercheck.history.timeline import timeline
    from partnercheck.history.timeline_render import render
    from partnercheck.report.i18n import run_translator

    path = Path(args.path)
    if not path.is_file():
        from partnercheck.report.messages import said

        raise UsageError(said("usage.history-no-file", path=args.path))
    run_plan = plan(flags_from(args, paths=(str(path),), fallback_lang=""))  # no language set: the charter's own decides
    found = timeline(path, run_plan)
    tr = run_translator(run_plan.lang, found.points[-1:], run_plan.registry)
    speak(tr.lang)  # what is said on standard error from now on, in the run's language
    if args.format == "html":
        from partnercheck.history.page import history_page

        write(history_page(found, tr))
    else:
        write(render(args.format, found, tr))
    report_errors(run_plan.registry.errors)
    return EXIT_CLEAN
