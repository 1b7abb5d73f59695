"""`check --base REF`: the option, and what the run says about the revision on standard error."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_base_option(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("changes")
    group.add_argument("--base", metavar="REF", default=None, help="report and fail on only the findings absent at the git revision REF (a branch, tag or commit): only the charters changed since REF are checked; see docs/diff.md")


def open_base(args: argparse.Namespace, run_plan: Any) -> Any:
    """The revision `--base` names, with the charters changed since; None without `--base`."""
    if args.base is None:
        return None
    from partnercheck.errors import UsageError
    from partnercheck.history.gate import Base
    from partnercheck.report.messages import said

    if run_plan.baseline is not None:
        raise UsageError(said("usage.base-and-baseline"))
    try:
        return Base.open(args.base, run_plan.paths, run_plan.stdin_filename)
    except UsageError:
        if not run_plan.lang:  # before the run: its error in the charters' language, as its findings would be
            _speak_the_charters_language(run_plan)
        raise


def _speak_the_charters_language(run_plan: Any) -> None:
    """Read the charters' `charter.language` (only when an error is to be said before the run chose a language)."""
    from partnercheck.cli.voice import speak
    from partnercheck.document.load import load_document
    from partnercheck.report.i18n import charter_language
    from partnercheck.run.discovery import read

    limits = run_plan.settings.limits
    documents = [load_document(t.display, raw, limits) for t in run_plan.discovered[2] if t.source is not None and (raw := read(t, None, limits.max_bytes).raw) is not None]
    lang = charter_language(_Stated(d.stated_language()) for d in documents)
    if lang:
        speak(lang)


class _Stated:
    """What `charter_language` reads of a file: the language it states."""

    def __init__(self, stated: Any) -> None:
        self.stated_language = stated


def tell(base: Any, tr: Any) -> None:
    """One line on standard error, in the run's language: how many findings were already there, and how many the change resolved."""
    if base is None:
        return
    print(tr.words("partnercheck: {message}", message=summary(base.ref, base.commit, base.known, base.resolved, tr)), file=sys.stderr)


def summary(ref: str, commit: str, known: int, resolved: int, tr: Any) -> str:
    """`compared with main (0123456789ab): 2 findings already there, 0 findings resolved` in `tr`'s language."""
    return tr.words(
        "compared with {ref} ({commit}): {known}, {resolved}",
        ref=ref,
        commit=commit[:12],
        known=tr.ngettext("{n} finding already there", "{n} findings already there", known),
        resolved=tr.ngettext("{n} finding resolved", "{n} findings resolved", resolved),
    )
