"""`partnercheck cache clear`: empty the results cache and the rule-pack cache."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import EXIT_CLEAN, write


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("cache", help="manage the caches", description="Manage partnercheck's caches (see docs/benchmarks.md).")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    clear = actions.add_parser("clear", help="remove every cached result and rule pack", description="Remove the results cache (.partnercheck_cache, or --cache-dir) and the rule-pack cache; the next check reads every file afresh.")
    clear.add_argument("--cache-dir", metavar="DIR", default=None, help="the results cache to clear (default: .partnercheck_cache in the current directory)")
    clear.set_defaults(handler=handle_clear)


def handle_clear(args: argparse.Namespace) -> int:
    from .. import packcache
    from ..cache import DEFAULT_DIR, clear

    folder = Path(args.cache_dir or DEFAULT_DIR)
    results = clear(folder)
    packs = packcache.clear()
    write(f"Removed {results} cached result{'' if results == 1 else 's'} from {folder} and {packs} cached rule pack{'' if packs == 1 else 's'}.\n")
    return EXIT_CLEAN
