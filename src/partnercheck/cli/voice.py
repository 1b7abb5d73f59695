"""The language the command line speaks on standard error, and its `partnercheck: error:` prefix in it.

Before the command line is parsed, the language is what the user asked for
(`--lang` in the arguments, else PARTNERCHECK_LANG, else the locale): argparse's
own messages ("unrecognized arguments", "invalid choice") and the options'
("invalid severity") are said in it. Once a run has chosen its language (the
configuration's, else the charters' `charter.language`), the command says so
with `speak`, and the errors after it (`report --base nosuch`) follow the run's
output, as its findings do.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Any, Iterator, Sequence

#: The `msgctxt` of argparse's own messages in the catalog.
ARGPARSE_CONTEXT = "argparse"

_spoken: list[str] = []


def asked(argv: Sequence[str], environ: Any = None) -> str:
    """The language asked for before parsing: `--lang X` (or `--lang=X`), else PARTNERCHECK_LANG, else the locale."""
    from partnercheck.report.i18n import LANGUAGES, default_language

    environ = os.environ if environ is None else environ
    given = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            given = argv[i + 1]
        elif arg.startswith("--lang="):
            given = arg.partition("=")[2]
    for lang in (given, environ.get("PARTNERCHECK_LANG", "").strip()):
        if lang in LANGUAGES:
            return lang
    return default_language(environ)


def speak(lang: str) -> None:
    """From now on, standard error speaks `lang` (the run's language, once it is known); "" forgets it."""
    _spoken[:] = [lang] if lang else []


def spoken() -> str:
    from partnercheck.report.i18n import default_language

    return _spoken[0] if _spoken else default_language()


def translator() -> Any:
    from partnercheck.report.i18n import Translator

    return Translator(spoken())


def say(message: str) -> str:
    """A usage error (one made by `messages.said`) in the spoken language; other text as it is."""
    return translator().error(message)


def prefixed(message: str, kind: str = "error") -> str:
    """`partnercheck: error: …` (`partnercheck : erreur : …` in French); `kind` is `error` or `warning`."""
    tr = translator()
    if kind == "warning":
        return tr.words("partnercheck: warning: {message}", message=message)
    return tr.words("partnercheck: error: {message}", message=message)


@contextmanager
def argparse_in_language() -> Iterator[None]:
    """argparse's own messages in the spoken language while the command line is parsed (argparse calls the
    module-level `_` and `ngettext` it imported from gettext; they are put back afterwards)."""
    import argparse

    tr = translator()
    if tr.english:
        yield
        return
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]

    def gettext(message: str) -> str:
        return tr.catalog.get(message, context=ARGPARSE_CONTEXT) or message

    def ngettext(one: str, many: str, n: int) -> str:
        return tr.catalog.nget(one, n) or (one if n == 1 else many)

    argparse._, argparse.ngettext = gettext, ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


@contextmanager
def argparse_looked_up_once() -> Iterator[None]:
    """Each of argparse's own messages looked up in the system's catalogs once while the command line is built
    and parsed: argparse asks again for the same few words (`options`, `show this help message and exit`) for
    every parser it makes, and each lookup searches the locale folders anew (a check's 48 cost more than
    loading its French catalog). What a lookup finds is unchanged; it is put back afterwards."""
    import argparse
    from functools import lru_cache

    saved = argparse._  # type: ignore[attr-defined]
    argparse._ = lru_cache(maxsize=None)(saved)  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = saved  # type: ignore[attr-defined]
