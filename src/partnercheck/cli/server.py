"""`partnercheck server`: the language server for editors (docs/editors.md)."""

from __future__ import annotations

import argparse

from partnercheck.cli import EXIT_CLEAN
from partnercheck.cli.options import command


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("server", help="run the language server (LSP over standard input and output) for editors", description="Run the language server: diagnostics, hover, completion, navigation, rename and quick fixes in editors (docs/editors.md). Settings come from the editor (initializationOptions, workspace/didChangeConfiguration).")
    p.add_argument("--stdio", action="store_true", help="talk over standard input and output (the default and only transport; accepted because editors pass it)")
    command(p, handle)


def handle(args: argparse.Namespace) -> int:
    from partnercheck.server.app import serve  # pygls is imported only here: the other commands start no slower

    serve()
    return EXIT_CLEAN
