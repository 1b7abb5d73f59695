"""`partnercheck baseline PATH... -o FILE`, and `check --baseline FILE [--prune-baseline]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from partnercheck.cli import EXIT_CLEAN, EXIT_ERROR, write
from partnercheck.cli.config_cmd import add_config_options, add_selection_options
from partnercheck.cli.options import add_plugin_options, command, flags_from, report_errors


HELP = "record today's findings so that only new ones fail"
DESCRIPTION = "Lint the charters and write their active findings to a baseline file (keyed by file, rule and JSON Pointer, not by line). Then run `partnercheck check --baseline FILE`."


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("baseline", help=HELP, description=DESCRIPTION)
    p.add_argument("paths", nargs="*", metavar="PATH", help="charter files or directories (default: the current directory)")
    p.add_argument("--output", "-o", required=True, metavar="FILE", help="the baseline file to write (JSON)")
    command(p, handle, add_selection_options, add_config_options, add_plugin_options)


def add_baseline_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("baseline")
    group.add_argument("--baseline", metavar="FILE", default=None, help="hide the findings recorded in FILE (made by `partnercheck baseline`); report only new ones")
    group.add_argument("--prune-baseline", action="store_true", help="rewrite the --baseline file without its stale entries")


def handle(args: argparse.Namespace) -> int:
    from partnercheck.config.plan import plan
    from partnercheck.findings import is_internal
    from partnercheck.report.i18n import run_translator
    from partnercheck.run.baseline import record
    from partnercheck.run.lint import Request, lint

    run_plan = plan(flags_from(args, paths=tuple(args.paths) or (".",), fallback_lang=""))  # no language set: the charters' own, then the locale, as `check`
    run = lint(Request(run_plan.paths), run_plan.registry, run_plan.settings, run_plan.resolver)
    report_errors(run.errors)
    if run.has_internal_error():
        report_errors([f"{f.path}: {f.message}; {args.output} was not written" for f in run.active if is_internal(f.code)])
        return EXIT_ERROR
    baseline = record(run.findings, Path(args.output))
    _save(baseline)
    tr = run_translator(run_plan.lang, run.files, run_plan.registry)
    write(tr.words("Wrote {findings} of {files} to {path}.", findings=_recorded(run, baseline, tr), files=tr.ngettext("{n} file", "{n} files", len(run.files)), path=args.output) + "\n")
    return EXIT_CLEAN


def _recorded(run: Any, baseline: Any, tr: Any) -> str:
    """"3 findings (7 places)": the findings counted as `check` lists them (a grouped finding once, as the summary and
    the verdict count it), and the places the baseline holds an entry for, when they differ."""
    from partnercheck.run.grouping import group_file

    places = sum(baseline.counts.values())
    listed = sum(len(group_file(file, [f for f in file.findings if not f.suppressed])) for file in run.files)
    findings = tr.ngettext("{n} finding", "{n} findings", listed)
    if listed == places:
        return findings
    return tr.words("{findings} ({places})", findings=findings, places=tr.ngettext("{n} place", "{n} places", places))


def apply_baseline(run: Any, path: str | None, prune: bool, tr: Any) -> None:
    """For `check`: hide the baseline's findings (`--baseline`), tell which entries are stale, prune when asked."""
    from partnercheck.errors import UsageError

    if path is None:
        if prune:
            raise UsageError("--prune-baseline needs --baseline FILE")
        return
    from partnercheck.run.baseline import load

    baseline = load(path)
    stale = baseline.apply(run.findings)
    if not stale:
        return
    if prune:
        _save(baseline.pruned(stale))
        print(tr.words("partnercheck: {message}", message=tr.words("removed {entries} from the baseline {path}", entries=_entries(stale.total(), tr), path=path)), file=sys.stderr)
        return
    from partnercheck.printable import visible

    keys = [k for k in sorted(stale) for _ in range(min(stale[k], 3))][:3]
    shown = ", ".join(visible(tr.words("{path} {code} at {pointer}", path=k.path, code=k.code, pointer=k.pointer or "/"), 200) for k in keys) + (", …" if stale.total() > 3 else "")
    told = tr.ngettext("the baseline {path} has {entries} that no longer matches a finding ({shown}); run with --prune-baseline to remove it", "the baseline {path} has {entries} that no longer match a finding ({shown}); run with --prune-baseline to remove them", stale.total(), path=path, entries=_entries(stale.total(), tr), shown=shown)
    print(tr.words("partnercheck: {message}", message=told), file=sys.stderr)


def _save(baseline: Any) -> None:
    """Write the baseline file; an OSError becomes a one-line `cannot write PATH: reason` (exit 2)."""
    from partnercheck.atomic import WriteError

    try:
        baseline.write()
    except OSError as exc:
        raise WriteError(f"cannot write {baseline.path}: {exc.strerror or exc}") from exc


def _entries(n: int, tr: Any) -> str:
    return tr.ngettext("{n} stale entry", "{n} stale entries", n)
