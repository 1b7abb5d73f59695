"""`partnercheck report CHARTER -o report.html` (or `report.pdf`): the health report of one charter for its partnership board."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from partnercheck.cli import EXIT_CLEAN, EXIT_ERROR, error, write
from partnercheck.cli.baseline import add_baseline_options, apply_baseline
from partnercheck.cli.config_cmd import add_config_options, add_selection_options
from partnercheck.cli.voice import speak
from partnercheck.cli.options import (
    add_page_options,
    add_plugin_options,
    command,
    flags_from,
    report_errors,
)


HELP = "write a health report for the partnership board (HTML or PDF)"
DESCRIPTION = (
    "Write a health report for the partnership board: a summary (verdict, score, actions before signing), "
    "the partnership at a glance (partner map, objectives, bodies, evaluation calendar, signatures), findings by "
    "dimension, and a technical appendix. Self-contained HTML that opens offline and prints well, or a PDF (-o "
    "report.pdf, printed by Chromium). In the charter's language unless --lang or `lang:` says otherwise. "
    "A document, not a gate: the exit code is 0 once the report is written, whatever its verdict says (2 for a "
    "usage or internal error); to fail a CI job on the verdict, run `partnercheck check` (`check --format "
    "html:FILE` writes the same page and exits 1 when the charter is not ready to sign)."
)


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("report", help=HELP, description=DESCRIPTION)
    p.add_argument("charter", metavar="CHARTER", help="the charter file (- for standard input)")
    p.add_argument("--output", "-o", required=True, metavar="FILE", help="where to write the report: FILE.html, FILE.pdf (printed by Chromium), or - for HTML on standard output")
    p.add_argument("--base", metavar="REF", default=None, help="add what changed since the git revision REF (terms, scores before and after, findings introduced and resolved) and the charter's score over its git history; see docs/diff.md")
    # the options of `check` that change the page, from the same declarations: `check --format html:FILE` writes the same page
    command(p, handle, add_selection_options, add_page_options, add_config_options, add_baseline_options, add_plugin_options)


def handle(args: argparse.Namespace) -> int:
    from partnercheck.atomic import save_text
    from partnercheck.bounded import read_stream
    from partnercheck.config.plan import plan
    from partnercheck.history.sections import for_report
    from partnercheck.report.formats.html import render
    from partnercheck.report.i18n import run_translator, translate_run
    from partnercheck.report.inputs import ReportOptions, options_for, prepare
    from partnercheck.report.pdf import write_pdf
    from partnercheck.run.discovery import display_path
    from partnercheck.run.grouping import group_run
    from partnercheck.run.lint import Request, lint

    _refuse_overwriting_the_charter(args)
    _refuse_unknown_format(args)
    # flags over configuration files, as for `check`; when neither sets the language (fallback ""), the charter's decides, then the locale
    run_plan = plan(flags_from(args, paths=(args.charter,), fallback_lang=""))
    stdin = read_stream(sys.stdin.buffer, run_plan.settings.limits.max_bytes) if args.charter == "-" else None
    stdin_name = display_path(run_plan.stdin_filename) if run_plan.stdin_filename else None  # as `check` names it, so a baseline's paths match
    run = lint(Request(run_plan.paths, stdin, stdin_name), run_plan.registry, run_plan.settings, run_plan.resolver)
    tr = run_translator(run_plan.lang, run.files, run_plan.registry)
    speak(tr.lang)  # an error from now on (`--base nosuch`) in the report's language: the charter's, unless set
    apply_baseline(run, run_plan.baseline, run_plan.prune_baseline, tr)  # as `check` does, in the same order
    if not args.no_group:
        group_run(run)  # one cause, one finding, as `check` reports it
    translate_run(run, tr)
    report_errors(run.errors)
    if not run.files:
        if not run.errors:
            error(tr.words("{path}: no charter to report on", path=args.charter))
        return EXIT_ERROR
    prepared = prepare(run, tr)
    over_time = for_report(args.base, run_plan, run.files, tr) if args.base else {}
    html = render(run, {**options_for(prepared, ReportOptions(tr)), "over_time": over_time})
    if args.output == "-":
        write(html)
    else:
        if args.output.lower().endswith(".pdf"):
            write_pdf(html, args.output)
        else:
            save_text(args.output, html)
        write(tr.words("Wrote {path}: {outcome}.", path=args.output, outcome=_outcome(prepared.scores, tr)) + "\n")
    return EXIT_ERROR if run.has_internal_error() else EXIT_CLEAN


def _outcome(scores: Any, tr: Any = None) -> str:
    """One file: its verdict and score. Several: how many are ready, and the lowest score (in `tr`'s language)."""
    from partnercheck.report.formats.scoreblock import out_of, overall_of
    from partnercheck.report.i18n import Translator

    tr = tr or Translator()
    if len(scores.files) == 1:
        only = scores.files[0]
        return tr.words("{label}, health score {score}", label=only.verdict.label_in(tr), score=overall_of(only, tr))
    ready = sum(1 for f in scores.files if f.verdict.ready)
    return tr.words(
        "{files} files, {ready} ready to sign, {blocked} not ready; lowest health score {score}",
        files=len(scores.files),
        ready=ready,
        blocked=len(scores.files) - ready,
        score=out_of(scores.lowest, tr),
    )


def _refuse_unknown_format(args: argparse.Namespace) -> None:
    """`-o` names an HTML or a PDF file: `report.docx` would get HTML under a name that promises Word."""
    from partnercheck.errors import UsageError
    from partnercheck.report.messages import said

    if args.output != "-" and not args.output.lower().endswith((".html", ".htm", ".pdf")):
        raise UsageError(said("usage.report-format", path=args.output))


def _refuse_overwriting_the_charter(args: argparse.Namespace) -> None:
    """`-o` may not name the charter the report is about."""
    import os
    from pathlib import Path

    from partnercheck.errors import UsageError
    from partnercheck.report.messages import said

    if args.output == "-" or args.charter == "-" or not Path(args.output).exists():
        return
    try:
        same = os.path.samefile(args.output, args.charter)
    except OSError:
        return
    if same:
        raise UsageError(said("usage.report-overwrites", path=args.output))
