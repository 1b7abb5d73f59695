"""`partnercheck cache clear` empties the results cache and the rule-pack cache; `cache prune` drops old results."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from partnercheck.cli import EXIT_CLEAN, write
from partnercheck.cli.options import chosen_language

if TYPE_CHECKING:
    from partnercheck.report.i18n import Translator


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("cache", help="manage the caches", description="Manage partnercheck's caches (see docs/benchmarks.md).")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    clear = actions.add_parser("clear", help="remove every cached result and rule pack", description="Remove the results cache (.partnercheck_cache, or --cache-dir) and the rule-pack cache; the next check reads every file afresh.")
    clear.add_argument("--cache-dir", metavar="DIR", default=None, help="the results cache to clear (default: .partnercheck_cache in the current directory)")
    clear.set_defaults(handler=handle_clear)
    prune = actions.add_parser("prune", help="remove cached results not used for a while", description="Remove the cached results no run has read or written for DAYS days (default 30). Runs also do this by themselves, at most once a day.")
    prune.add_argument("--cache-dir", metavar="DIR", default=None, help="the results cache to prune (default: .partnercheck_cache in the current directory)")
    prune.add_argument("--days", type=_days, default=None, metavar="DAYS", help="how long an unused result is kept (default: 30)")
    prune.set_defaults(handler=handle_prune)


def _days(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"invalid number of days {text!r}: give a whole number, 0 or more")
    return int(text)


def handle_prune(args: argparse.Namespace) -> int:
    from partnercheck.report.i18n import Translator
    from partnercheck.run.cache import DEFAULT_DIR, PRUNE_AFTER_DAYS, prune

    folder = Path(args.cache_dir or DEFAULT_DIR)
    days = PRUNE_AFTER_DAYS if args.days is None else args.days
    removed = prune(folder, days)
    tr = Translator(chosen_language(args))
    results, unused = _results(tr, removed), tr.ngettext("{n} day", "{n} days", days)
    write(tr.words("Removed {results} unused for {days} from {folder}.", results=results, days=unused, folder=folder) + "\n")
    return EXIT_CLEAN


def handle_clear(args: argparse.Namespace) -> int:
    from partnercheck.report.i18n import Translator
    from partnercheck.rules import packcache
    from partnercheck.run.cache import DEFAULT_DIR, clear

    folder = Path(args.cache_dir or DEFAULT_DIR)
    results = clear(folder)
    packs = packcache.clear()
    tr = Translator(chosen_language(args))
    cached_packs = tr.ngettext("{n} cached rule pack", "{n} cached rule packs", packs)
    write(tr.words("Removed {results} from {folder} and {packs}.", results=_results(tr, results), folder=folder, packs=cached_packs) + "\n")
    return EXIT_CLEAN


def _results(tr: Translator, n: int) -> str:
    return tr.ngettext("{n} cached result", "{n} cached results", n)
