"""`partnercheck check`: lint charters and report findings."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from partnercheck.cli import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, write
from partnercheck.cli.baseline import add_baseline_options, apply_baseline
from partnercheck.cli.config_cmd import add_config_options, configure
from partnercheck.cli.options import (
    add_plugin_options,
    byte_size,
    codes,
    iso_date,
    report_errors,
    seconds,
    severity,
    use_color,
)


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
    p.add_argument("--charters-only", action="store_true", help="skip named files that are not charters (no top-level `partnercheck:` key) instead of reporting them; for pre-commit")
    p.add_argument("--min-score", type=min_score, default=None, metavar="N", help="exit 1 when a file's overall health score (0-100) is below N; see docs/score.md")
    p.add_argument("--max-file-size", type=byte_size, default=None, metavar="SIZE", help="refuse files larger than SIZE (default 10MB; e.g. 20MB, 500KB); see docs/security.md")
    p.add_argument("--rule-timeout", type=seconds, default=None, metavar="SECONDS", help="stop a rule still running on a file after SECONDS (default 10; 0: no budget); see docs/security.md")
    p.add_argument("--sarif-suppressed", choices=("omit", "include"), default="omit", help="SARIF: leave suppressed findings out (omit, the default: GitHub code scanning ignores SARIF suppressions and would open alerts) or include them with `suppressions`")
    p.add_argument("--quiet", "-q", action="store_true", help="one line per finding; no excerpt, hint or clean summary")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour text output (default: on a terminal, unless NO_COLOR is set)")
    p.add_argument("--max-warnings", type=_count, default=None, metavar="N", help="exit 1 when there are more than N active warnings (warnings up to N do not fail the run)")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings remain (2 still reports usage, configuration or internal errors)")
    add_config_options(p)
    add_baseline_options(p)
    add_plugin_options(p)
    add_speed_options(p)
    p.set_defaults(handler=handle)


def add_speed_options(parser: argparse.ArgumentParser) -> None:
    """`--jobs`, `--no-cache`, `--cache-dir` (docs/benchmarks.md)."""
    group = parser.add_argument_group("speed")
    group.add_argument("--jobs", "-j", type=_jobs, default=None, metavar="N", help="check many files with N worker processes (default: the number of cores; 1: this process only)")
    group.add_argument("--no-cache", action="store_true", help="check every file afresh: neither read nor write the results cache (also: PARTNERCHECK_NO_CACHE=1)")
    group.add_argument("--cache-dir", metavar="DIR", default=None, help="keep the results cache in DIR (default: .partnercheck_cache in the current directory)")


def handle(args: argparse.Namespace) -> int:
    from partnercheck.config.settings import Settings
    from partnercheck.report.i18n import default_language, translate_run, translator
    from partnercheck.run.discovery import display_path
    from partnercheck.run.lint import Request, lint

    base = Settings(debug=args.debug, exit_zero=args.exit_zero, lang=default_language())  # flags over configuration files over the locale
    if args.today:
        base.today = args.today
    _apply_limits(base, args)
    paths = tuple(args.paths) or (".",)
    _check_stdin_filename(args, paths)
    registry, resolver, settings = configure(args, paths, base)
    formats = _formats(args.format, registry)
    stdin = sys.stdin.buffer.read() if "-" in paths else None
    stdin_name = display_path(args.stdin_filename) if args.stdin_filename else None
    request = Request(paths, stdin, stdin_name, charters_only=args.charters_only, discovered=getattr(args, "discovered", None))
    run = lint(request, registry, settings, resolver, cache=_cache(args, registry), jobs=_job_count(args))
    apply_baseline(run, args)
    tr = translator(settings.lang, registry)
    translate_run(run, tr)
    emitted = _emit(run, formats, registry.reporters, args, tr)
    report_errors(run.errors)
    _warn_no_charter(run, paths, tr)
    if args.debug:
        for file in run.files:
            for message in file.debug:
                print(message, file=sys.stderr)
    if run.has_internal_error() or not emitted:
        return EXIT_ERROR
    below = _below_min_score(run)
    if args.exit_zero:
        return EXIT_CLEAN
    return EXIT_FINDINGS if fails(run) or below else EXIT_CLEAN


def fails(run: object) -> bool:
    """Findings at or above fail-on fail the run; with max-warnings, warnings fail it only past that count."""
    from partnercheck.run.gates import failing

    return bool(failing(run))


def _cache(args: argparse.Namespace, registry: object) -> object:
    """The results cache of this run, unless `--no-cache` (or the environment variable PARTNERCHECK_NO_CACHE)."""
    if args.no_cache or os.environ.get("PARTNERCHECK_NO_CACHE"):
        return None
    from partnercheck.run.cache import DEFAULT_DIR, ResultsCache

    return ResultsCache(Path(args.cache_dir or DEFAULT_DIR), registry)


def _job_count(args: argparse.Namespace) -> int:
    from partnercheck.run.parallel import default_jobs

    return args.jobs if args.jobs else default_jobs()


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"invalid number of jobs {text!r}: give a whole number, 1 or more")
    return int(text)


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"invalid count {text!r}: give a whole number, 0 or more")
    return int(text)


def _apply_limits(settings: object, args: argparse.Namespace) -> None:
    """`--max-file-size` and `--rule-timeout` (docs/security.md)."""
    from dataclasses import replace

    if args.max_file_size is not None:
        settings.limits = replace(settings.limits, max_bytes=args.max_file_size)  # type: ignore[attr-defined]
    if args.rule_timeout is not None:
        settings.rule_timeout = args.rule_timeout or None  # type: ignore[attr-defined]


def min_score(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"invalid score {text!r}: give a number from 0 to 100")
    return value


def _below_min_score(run: object) -> bool:
    """Tell which files score below the minimum (`--min-score` or the `min-score` setting)."""
    from partnercheck.report.score import score_run

    minimum = run.settings.min_score  # type: ignore[attr-defined]
    if minimum is None:
        return False
    low = score_run(run).below(minimum)
    for file in low:
        if file.overall is None:
            print(f"partnercheck: {file.path}: no health score (no health rule ran) to meet the minimum {minimum:g}", file=sys.stderr)
        else:
            print(f"partnercheck: {file.path}: health score {file.overall:g} is below the minimum {minimum:g}", file=sys.stderr)
    return bool(low)


def _formats(specs: list[str], registry: object) -> list[tuple[str, str | None]]:
    from partnercheck.errors import UsageError

    chosen = [(s.split(":", 1)[0], s.split(":", 1)[1] if ":" in s else None) for s in specs] or [(_default_format(), None)]
    known = registry.reporters  # type: ignore[attr-defined]
    for name, _ in chosen:
        if name not in known:
            report_errors(registry.errors)  # type: ignore[attr-defined]  # a skipped plugin may be why the format is missing
            raise UsageError(f"unknown format {name!r}; choose one of: {', '.join(sorted(known))}")
    if sum(1 for _, path in chosen if path is None) > 1:
        raise UsageError("only one format can go to standard output; give the others a file: --format NAME:PATH")
    _check_outputs(chosen)
    return chosen


def _check_outputs(chosen: list[tuple[str, str | None]]) -> None:
    """Each `--format NAME:PATH` names a file, not a folder, and no two formats share one."""
    from partnercheck.errors import UsageError

    seen: dict[str, str] = {}
    for name, path in chosen:
        if path is None:
            continue
        if not path:
            raise UsageError(f"--format {name}: no file name after the colon; write --format {name}:PATH, or --format {name} for standard output")
        if Path(path).is_dir():
            raise UsageError(f"--format {name}:{path}: {path} is a folder; give a file name")
        real = os.path.realpath(path)
        if real in seen:
            raise UsageError(f"--format {seen[real]} and --format {name} both write {path}; give each its own file")
        seen[real] = name


def _check_stdin_filename(args: argparse.Namespace, paths: tuple[str, ...]) -> None:
    from partnercheck.errors import UsageError

    if args.stdin_filename and "-" not in paths:
        raise UsageError("--stdin-filename names standard input, which is read only when - is among the paths")


def _warn_no_charter(run: object, paths: tuple[str, ...], tr: Any) -> None:
    """A folder given (or the current one) where no charter was found: say so on standard error; the exit code stays 0."""
    from partnercheck.run.discovery import display_path

    shown = [f.path for f in run.files]  # type: ignore[attr-defined]
    for given in paths:
        if given == "-" or not Path(given).is_dir():
            continue
        prefix = display_path(given).rstrip("/")
        if not any(prefix == "." or p.startswith(prefix + "/") for p in shown):
            warning = tr.text(f"no charter found under {given} (a charter is a .yaml or .yml file with a top-level `partnercheck:` key)")
            print(f"partnercheck: warning: {warning}", file=sys.stderr)


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" and _has_github() else "text"


def _has_github() -> bool:
    from partnercheck.report.formats import BUILTIN

    return "github" in BUILTIN


def _emit(run: object, formats: list[tuple[str, str | None]], reporters: dict, args: argparse.Namespace, tr: object) -> bool:
    """Write each format on its own: one that fails is named on standard error, the others are still written. False if any failed."""
    from partnercheck.atomic import WriteError, save_text
    from partnercheck.cli import error

    ok = True
    for name, path in formats:
        render, plugin = reporters[name]
        options = {"color": use_color(args.color) if path is None else False, "quiet": args.quiet, "cwd": str(Path.cwd()), "translator": tr, "lang": tr.lang, "sarif_suppressed": getattr(args, "sarif_suppressed", "omit")}  # type: ignore[attr-defined]
        try:
            text = render(run, options)
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
