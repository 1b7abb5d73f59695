"""`partnercheck diff OLD NEW` and `partnercheck diff --base REF [PATHS]`: what a change does to the partnership."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from partnercheck.cli import EXIT_CLEAN, EXIT_FINDINGS, write
from partnercheck.cli.config_cmd import add_config_options, add_selection_options
from partnercheck.cli.options import add_plugin_options, command, flags_from, report_errors
from partnercheck.cli.voice import speak

HELP = "what changed in a charter's terms, its score and its findings"
DESCRIPTION = (
    "Compare two versions of a charter: OLD and NEW are files or REV:PATH (a git revision and a path, such as main:charters/x.yaml); "
    "or, with --base REF, every charter changed since REF. Exit 1 when the change introduces findings at or above --fail-on."
)


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("diff", help=HELP, description=DESCRIPTION)
    p.add_argument("sides", nargs="*", metavar="OLD NEW | PATH", help="the two versions; with --base, the charter files or folders to compare (default: the current directory)")
    p.add_argument("--base", metavar="REF", default=None, help="compare every charter changed since the git revision REF with its version there")
    p.add_argument("--format", "-f", choices=("text", "json", "markdown", "html"), default="text", help="text (default), json, markdown for a pull-request comment, or html (a page in the health report's style)")
    command(p, handle, add_selection_options, add_config_options, add_plugin_options)


def handle(args: argparse.Namespace) -> int:
    from partnercheck.history.compare import compare
    from partnercheck.history.rendering import render
    from partnercheck.report.i18n import run_translator

    if args.base is None and len(args.sides) != 2:
        from partnercheck.errors import UsageError

        from partnercheck.report.messages import said

        raise UsageError(said("usage.diff-sides"))
    run_plan, pairs, around = _with_base(args) if args.base is not None else (*_two_sides(args), [])
    comparisons = compare(pairs, run_plan, around=around)
    tr = run_translator(run_plan.lang, comparisons, run_plan.registry)
    speak(tr.lang)  # what is said on standard error from now on, in the run's language
    for c in comparisons:
        c.introduced = [tr.finding(f) for f in c.introduced]
        c.resolved = [tr.finding(f) for f in c.resolved]
    if args.format == "html":
        from partnercheck.history.page import diff_page

        write(diff_page(comparisons, tr))
    else:
        write(render(args.format, comparisons, tr))
    report_errors(run_plan.registry.errors)
    return EXIT_FINDINGS if _fails(comparisons, run_plan) else EXIT_CLEAN


def _two_sides(args: argparse.Namespace) -> tuple[Any, list[Any]]:
    from partnercheck.bounded import MAX_SIDE_FILE_BYTES
    from partnercheck.history.sides import side
    from partnercheck.run.discovery import Target, display_path

    (_, old), (location, new) = (side(spec, MAX_SIDE_FILE_BYTES) for spec in args.sides)
    run_plan = _plan(args, (str(location),) if location.is_file() else ("-",))
    target = Target(display_path(location), location if location.is_file() else None, True)
    return run_plan, [(target, old, new)]


def _with_base(args: argparse.Namespace) -> tuple[Any, list[Any], list[tuple[str, Any]]]:
    """The charters changed since the base, as (target, old, new), and the unchanged ones the repository rules count."""
    from partnercheck.history.compare import Version
    from partnercheck.history.gate import Base
    from partnercheck.run.discovery import read

    run_plan = _plan(args, tuple(args.sides) or (".",))
    report_errors(run_plan.walk.errors)
    base = Base.open(args.base, run_plan.paths)
    targets = base.restrict(run_plan.discovered)[2]
    pairs = []
    for target in targets:
        now = read(target, None, run_plan.settings.limits.max_bytes)
        before = base.old_bytes(target, None)
        if now.raw is None and before is None:
            continue
        pairs.append((target, Version(f"{args.base}:{base.old_path(target) or target.display}", before), Version(target.display, now.raw)))
    return run_plan, pairs, base.around(run_plan)


def _plan(args: argparse.Namespace, paths: tuple[str, ...]) -> Any:
    from partnercheck.config.plan import plan

    return plan(flags_from(args, paths=paths, stdin_filename=None if paths != ("-",) else "stdin.yaml", fallback_lang=""))  # no language set: the charters' own decides


def _fails(comparisons: list[Any], run_plan: Any) -> bool:
    """Whether the findings the change introduces fail the run as `check` would judge them (fail-on, max-warnings)."""
    from partnercheck.run.engine import FileResult, RunResult

    introduced = [FileResult(c.path, list(c.introduced)) for c in comparisons]
    return bool(RunResult(introduced, [], run_plan.settings).failing())
