"""The command line. The only module that prints or exits.

Each subcommand lives in its own module exposing `add_parser(subparsers)`;
`main` dispatches and turns every failure into a one-line message and exit
code 2 (usage, configuration, plugin or internal error), never a traceback
unless `--debug` is given.
"""

from __future__ import annotations

import sys

from partnercheck import __version__

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: importing typing is a third of `--version`'s own time
if TYPE_CHECKING:
    import argparse
    from typing import Any, Sequence

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
COMMANDS = ("check", "catalog", "report", "init", "config_cmd", "baseline", "cache", "diff_cmd", "history_cmd", "server")
#: The module of each command word: a command line naming one builds that command's parser alone.
MODULE_OF = {
    "check": "check",
    "rules": "catalog",
    "rule": "catalog",
    "plugins": "catalog",
    "schema": "catalog",
    "report": "report",
    "init": "init",
    "config": "config_cmd",
    "baseline": "baseline",
    "cache": "cache",
    "diff": "diff_cmd",
    "history": "history_cmd",
    "server": "server",
}
#: The global options written before the command that take a value (cli/options.py `add_global_options`).
_GLOBAL_WITH_VALUE, _GLOBAL_SWITCHES = ("--lang",), ("--debug",)


def parser_class() -> Any:
    """The argument parser class: usage errors exit 2 with one line of usage and one of error.

    Built on first use, so `partnercheck --version` never imports argparse.
    """
    global _PARSER
    if _PARSER is None:
        import argparse

        class Parser(argparse.ArgumentParser):
            def error(self, message: str) -> None:  # type: ignore[override]
                from partnercheck.cli.voice import prefixed

                self.print_usage(sys.stderr)
                print(prefixed(message), file=sys.stderr)
                raise SystemExit(EXIT_ERROR)

            def format_help(self) -> str:
                from partnercheck.cli.helptext import formatted_help  # help alone needs it: not imported by a run

                made = getattr(self, "epilog_of", None)  # an epilog made when help is asked for (what plugins register)
                if made is not None:
                    self.epilog = made()
                return formatted_help(self, super().format_help)

        _PARSER = Parser
    return _PARSER


_PARSER: Any = None


def build_parser(argv: Sequence[str] | None = None) -> Any:
    """The command line's parser: every command's, or, when `argv` names a command, that command's alone
    (a check does not import and declare the nine other commands; help and a misspelt command see them all)."""
    import importlib

    from partnercheck.cli.options import accept_global_options, add_global_options

    Parser = parser_class()
    parser = Parser(prog="partnercheck", description="A linter for multi-actor partnership charters.")
    parser.add_argument("--version", action="version", version=f"partnercheck {__version__}")
    add_global_options(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    named = None if argv is None else command_named(argv)
    for name in COMMANDS if named is None else (MODULE_OF[named],):
        importlib.import_module(f"{__name__}.{name}").add_parser(subparsers)
    accept_global_options(parser)  # after every command too, as its help says
    return parser


def command_named(argv: Sequence[str]) -> str | None:
    """The command word of `argv` when it is a known one, past the global options written before it
    (`--lang fr`, `--lang=fr`, `--debug`, or an abbreviation argparse accepts); None for anything else."""
    taken = iter(argv)
    for arg in taken:
        if not arg.startswith("-"):
            return arg if arg in MODULE_OF else None
        option, has_value, _ = arg.partition("=")
        if len(option) < 3 or not option.startswith("--"):
            return None
        if any(name.startswith(option) for name in _GLOBAL_WITH_VALUE):
            if not has_value:
                next(taken, None)
        elif has_value or not any(name.startswith(option) for name in _GLOBAL_SWITCHES):
            return None
    return None


def run(argv: Sequence[str] | None = None) -> int:
    """Parse `argv`, run the command, return the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv in (["--version"], ["-V"]):  # fast path: no heavy imports
        print(f"partnercheck {__version__}")
        return EXIT_CLEAN
    from partnercheck.cli.voice import asked, speak

    speak(asked(argv))  # until a run chooses its language: the one asked for, for argparse's messages too
    try:
        return _parsed_and_run(argv)
    finally:
        speak("")  # the next run (a test's, in this process) asks again


def _parsed_and_run(argv: list[str]) -> int:
    from partnercheck.cli.options import take_global_options
    from partnercheck.cli.voice import argparse_in_language, argparse_looked_up_once

    with argparse_looked_up_once():
        parser = build_parser(argv)
        with argparse_in_language():
            args = take_global_options(parser.parse_args(argv))
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    return guarded(args)


def guarded(args: argparse.Namespace) -> int:
    from partnercheck.errors import PartnercheckError

    try:
        return int(args.handler(args))
    except PartnercheckError as exc:
        for message in exc.load_errors:  # reported before, and whatever, the error they may explain
            error(message)
        error(_in_language(exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)))
    except KeyboardInterrupt:
        error(_in_words("run.interrupted"))
    except BrokenPipeError:
        return EXIT_ERROR
    except MemoryError:
        _out_of_memory()
    except Exception as exc:  # the last line of defence: one line, traceback only with --debug
        if getattr(args, "debug", False):
            import traceback

            traceback.print_exc()
        error(_in_words("run.internal-error", kind=type(exc).__name__, detail=str(exc)))
    return EXIT_ERROR


def _in_words(id: str, **params: Any) -> str:
    """The core message `id` (report/messages.py) in the spoken language."""
    from partnercheck.report.messages import said

    return _in_language(said(id, **params))


#: Written as it is, with nothing to build, when memory ran out (in English; `run.out-of-memory` in report/messages.py).
OUT_OF_MEMORY = (
    "partnercheck: error: out of memory (MemoryError): the run was stopped and its findings are not reported; "
    "check the size of the inputs (docs/security.md lists the limits) or give partnercheck more memory\n"
)


def _out_of_memory() -> None:
    """Say the run ran out of memory, once the frames that held the memory are gone; never a success."""
    import gc

    gc.collect()
    try:
        sys.stderr.write(_out_of_memory_line())
        sys.stderr.flush()
    except Exception:  # even writing failed: the exit code 2 still says it
        pass


def _out_of_memory_line() -> str:
    """The out-of-memory line in the spoken language: English is the line written as it is; another language is
    rendered from the catalog (read already: the run spoke it), or English again if even that fails."""
    from partnercheck.cli.voice import prefixed, spoken

    if spoken() == "en":
        return OUT_OF_MEMORY
    try:
        return prefixed(_in_words("run.out-of-memory")) + "\n"
    except Exception:
        return OUT_OF_MEMORY


def _in_language(message: str) -> str:
    """A usage or configuration error in the run's language: the one it chose (`cli/voice.py`), else `--lang`,
    PARTNERCHECK_LANG or the locale (the configuration may be what failed)."""
    from partnercheck.cli.voice import say

    return say(message)


def error(message: str) -> None:
    """One line on standard error; a control character in it (from a file name or a file) is escaped."""
    from partnercheck.cli.voice import prefixed
    from partnercheck.printable import visible

    print(prefixed(visible(message)), file=sys.stderr)


def write(text: str) -> None:
    """Write to standard output, tolerating a closed pipe (`partnercheck … | head`)."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        sys.stderr.close()


def main(argv: Sequence[str] | None = None) -> None:
    _stop_on_sigterm()
    _collect_less_often()
    sys.exit(run(argv))


def _collect_less_often() -> None:
    """Run the cyclic garbage collector at a tenth of its default pace, for the command line's process only.

    A check allocates a container for every mapping and list of every charter;
    they have no cycles and are freed by reference counting, but the collector,
    triggered every 700 allocations, walked them again and again: about a fifth
    of the CPU time of a 1,000-charter run (docs/benchmarks.md).
    """
    import gc

    gc.set_threshold(7_000, 10, 10)


def _stop_on_sigterm() -> None:
    """SIGTERM stops the run as Ctrl-C does ("interrupted", exit 2): a file being written is removed, not left as .tmp."""
    import os
    import signal

    pid = os.getpid()

    def stop(signum: int, frame: object) -> None:
        if os.getpid() != pid:  # a forked worker (run/parallel.py): end as it would have
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise KeyboardInterrupt

    try:
        signal.signal(signal.SIGTERM, stop)
    except (ValueError, OSError):  # not the main thread
        pass
