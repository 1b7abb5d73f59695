"""`partnercheck check`: lint charters and report findings."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from partnercheck.cli import EXIT_ERROR, write
from partnercheck.cli.baseline import add_baseline_options, apply_baseline
from partnercheck.cli.config_cmd import add_config_options, add_selection_options
from partnercheck.cli.since import add_base_option, open_base, tell
from partnercheck.cli.options import (
    add_page_options,
    add_plugin_options,
    command,
    flags_from,
    report_errors,
    use_color,
)
from partnercheck.cli.voice import prefixed, say, speak, spoken
from partnercheck.report.messages import said


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("check", help="lint charters", description="Lint partnership charters: files, directories, or - for standard input.", formatter_class=argparse.RawDescriptionHelpFormatter)
    p.epilog_of = formats_help  # type: ignore[attr-defined]
    p.add_argument("paths", nargs="*", metavar="PATH", help="charter files or directories (default: the current directory)")
    p.add_argument("--format", "-f", action="append", default=[], metavar="NAME[:PATH]", help="output format (listed below), optionally written to PATH; repeatable")
    p.add_argument("--charters-only", action="store_true", help="skip named files that are not charters (no top-level `partnercheck:` key) instead of reporting them; for pre-commit")
    p.add_argument("--sarif-suppressed", choices=("omit", "include"), default="omit", help="SARIF: leave suppressed findings out (omit, the default: GitHub code scanning ignores SARIF suppressions and would open alerts) or include them with `suppressions`")
    p.add_argument("--quiet", "-q", action="store_true", help="one line per finding; no excerpt, hint or clean summary")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour text output (default: on a terminal, unless NO_COLOR is set)")
    p.add_argument("--statistics", action="store_true", help="also count the findings per rule, most frequent first (text; a `statistics` field in JSON)")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings remain (2 still reports usage, configuration or internal errors)")
    command(p, handle, add_selection_options, add_page_options, add_config_options, add_baseline_options, add_plugin_options, add_speed_options, add_base_option)


def formats_help() -> str:
    """The formats `--format` takes, one line each, from the registry: the built-in ones and the installed plugins'."""
    from partnercheck.report.formats import BUILTIN, describe

    try:
        from partnercheck.plugins.manager import load_registry

        reporters = load_registry().reporters
    except Exception:  # a broken plugin environment: the help still lists the built-in formats
        reporters = {name: (render, "core") for name, render in BUILTIN.items()}
    from partnercheck.cli.helptext import help_text  # formatting help: the spoken language's words

    width = max(len(name) for name in reporters)
    lines = [f"  {name.ljust(width)}  {help_text(describe(render, plugin))}" for name, (render, plugin) in reporters.items()]
    return help_text("formats (--format NAME or NAME:PATH):") + "\n" + "\n".join(lines)


def add_speed_options(parser: argparse.ArgumentParser) -> None:
    """`--jobs`, `--no-cache`, `--cache-dir` (docs/benchmarks.md)."""
    group = parser.add_argument_group("speed")
    group.add_argument("--jobs", "-j", type=_jobs, default=None, metavar="N", help="check many files with N worker processes (default: the number of cores; 1: this process only)")
    group.add_argument("--no-cache", action="store_true", help="check every file afresh: neither read nor write the results cache (also: PARTNERCHECK_NO_CACHE=1)")
    group.add_argument("--cache-dir", metavar="DIR", default=None, help="keep the results cache in DIR (default: .partnercheck_cache in the current directory)")


def handle(args: argparse.Namespace) -> int:
    from partnercheck.bounded import read_stream
    from partnercheck.config.plan import plan
    from partnercheck.report.i18n import run_translator, translate_run
    from partnercheck.report.inputs import prepare
    from partnercheck.run.discovery import display_path
    from partnercheck.run.grouping import group_run
    from partnercheck.run.lint import Request, lint

    flags = flags_from(args, paths=tuple(args.paths) or (".",), formats=tuple(args.format), default_format=_default_format(), fallback_lang="")  # no language set: the charters' own decides, then the locale
    _check_stdin_filename(flags.stdin_filename, flags.paths)
    run_plan = plan(flags)  # refuses an output that is a file the run checks (config/plan.py)
    speak(run_plan.lang or spoken())
    stdin = read_stream(sys.stdin.buffer, run_plan.settings.limits.max_bytes) if "-" in run_plan.paths else None
    stdin_name = display_path(run_plan.stdin_filename) if run_plan.stdin_filename else None
    base = open_base(args, run_plan)  # --base REF: only the charters changed since, their findings at REF known
    cache = _cache(run_plan)
    request = Request(run_plan.paths, stdin, stdin_name, charters_only=run_plan.charters_only, discovered=base.restrict(run_plan.discovered) if base else run_plan.discovered, previous=base.previous(run_plan) if base else None, around=base.around(run_plan, cache) if base else None)
    run = lint(request, run_plan.registry, run_plan.settings, run_plan.resolver, cache=cache, jobs=run_plan.jobs)
    if base:
        base.mark_known(run, run_plan, cache)
        run.since = base.ref  # no charter checked then means none changed, not none found
    tr = run_translator(run_plan.lang, run.files, run_plan.registry)
    speak(tr.lang)  # the errors from now on follow the run's output
    apply_baseline(run, run_plan.baseline, run_plan.prune_baseline, tr)
    if not args.no_group:
        group_run(run)  # last: suppressions, waivers and the baseline judged each place on its own
    if base:
        base.count_known(run)  # "N findings already there", counted as the summary counts them
    translate_run(run, tr)
    prepared = prepare(run, tr)  # the score and the outcome, once: every format and the exit code read them
    emitted = _emit(prepared, run_plan.outputs, run_plan.registry.reporters, args, tr)
    report_errors(run.errors)
    tell(base, tr)
    if base is None:  # with --base, no changed charter is the usual case
        _warn_no_charter(run, run_plan.paths, tr)
    if run_plan.debug:
        for file in run.files:
            for message in file.debug:
                print(message, file=sys.stderr)
    if prepared.outcome.internal_error or not emitted:
        return EXIT_ERROR
    _tell_low_scores(prepared.outcome, tr)
    return prepared.outcome.exit_code


def _cache(run_plan: Any) -> Any:
    """The results cache of this run, unless `--no-cache` (or the environment variable PARTNERCHECK_NO_CACHE)."""
    if run_plan.cache_dir is None:
        return None
    from partnercheck.printable import visible
    from partnercheck.run.cache import ResultsCache
    from partnercheck.run.cache_folder import refusal

    reason = refusal(run_plan.cache_dir)
    if reason is not None:
        print(prefixed(said("run.cache-unused", reason=visible(reason)), "warning"), file=sys.stderr)
        return None
    return ResultsCache(run_plan.cache_dir, run_plan.registry)


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(say(said("usage.invalid-jobs", value=repr(text))))
    return int(text)


def _tell_low_scores(outcome: Any, tr: Any) -> None:
    """Tell which files score below the minimum (`--min-score` or the `min-score` setting), in the run's language."""
    if not outcome.low_scores:
        return
    minimum = tr.number(outcome.min_score)
    for low in outcome.low_scores:
        if low.score is None:
            said = tr.words("{path}: no health score (no health rule ran) to meet the minimum {minimum}", path=low.path, minimum=minimum)
        else:
            said = tr.words("{path}: health score {score} is below the minimum {minimum}", path=low.path, score=tr.number(low.score), minimum=minimum)
        print(tr.words("partnercheck: {message}", message=said), file=sys.stderr)


def _check_stdin_filename(stdin_filename: str | None, paths: tuple[str, ...]) -> None:
    from partnercheck.errors import UsageError

    if stdin_filename and "-" not in paths:
        raise UsageError(said("usage.stdin-filename"))


def _warn_no_charter(run: object, paths: tuple[str, ...], tr: Any) -> None:
    """A folder given (or the current one) where no charter was found: say so on standard error; the exit code stays 0."""
    from partnercheck.run.discovery import display_path

    shown = [f.path for f in run.files]  # type: ignore[attr-defined]
    for given in paths:
        if given == "-" or not Path(given).is_dir():
            continue
        prefix = display_path(given).rstrip("/")
        if not any(prefix == "." or p.startswith(prefix + "/") for p in shown):
            warning = tr.error(said("run.no-charter", path=given))
            print(prefixed(warning, "warning"), file=sys.stderr)


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" and _has_github() else "text"


def _has_github() -> bool:
    from partnercheck.report.formats import BUILTIN

    return "github" in BUILTIN


def _emit(prepared: Any, outputs: Any, reporters: dict, args: argparse.Namespace, tr: Any) -> bool:
    """Write each format on its own: one that fails is named on standard error, the others are still written. False if any failed."""
    from partnercheck.atomic import WriteError, save_text
    from partnercheck.cli import error
    from partnercheck.report.inputs import ReportOptions, options_for

    ok = True
    for output in outputs:
        name, path = output.format, output.path
        render, plugin = reporters[name]
        look = ReportOptions(tr, color=use_color(args.color) if path is None else False, quiet=args.quiet, cwd=str(Path.cwd()), statistics=args.statistics, sarif_suppressed=args.sarif_suppressed)
        try:
            text = render(prepared.run, options_for(prepared, look))
        except MemoryError:
            raise
        except Exception as exc:  # a plugin's reporter: name it, keep the other formats
            error(f"format {name} (plugin {plugin}) failed: {type(exc).__name__}: {exc}")
            ok = False
            continue
        if path is None:
            write(text)
            continue
        try:
            save_text(path, text)
        except WriteError as exc:
            error(str(exc))
            ok = False
    return ok
