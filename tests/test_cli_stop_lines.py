"""The last line of a run stopped before its end (an internal error, memory run out, Ctrl-C or SIGTERM) speaks the run's
language like its other errors, and the exit code stays 2 (cli/__init__.py `guarded`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnercheck.cli import OUT_OF_MEMORY
from partnercheck.cli.voice import prefixed, speak
from partnercheck.report.messages import said

CHARTER = "partnercheck: 1\ncharter: {id: c, title: C}\npartners:\n  - {id: a, name: A, type: funder}\n"

#: What each failure says, in English and in French, for a stage that raises it.
STOPS = {
    RuntimeError: (
        "partnercheck: error: internal error: RuntimeError: a {stage} broke (run with --debug for the traceback)\n",
        "partnercheck : erreur : erreur interne : RuntimeError : a {stage} broke (relancez avec --debug pour voir la trace)\n",
    ),
    MemoryError: (
        OUT_OF_MEMORY,
        "partnercheck : erreur : mémoire épuisée (MemoryError) : la vérification a été arrêtée et ses constats ne sont pas rapportés ; "
        "vérifiez la taille des fichiers donnés (docs/security.md en donne les limites) ou donnez plus de mémoire à partnercheck\n",
    ),
    KeyboardInterrupt: ("partnercheck: error: interrupted\n", "partnercheck : erreur : interrompu\n"),
}


def _stage_raises(monkeypatch: pytest.MonkeyPatch, kind: type[BaseException]) -> None:
    """Linting the files raises `kind` (a rule's or a check's own failure would be contained as INT01)."""
    from partnercheck.run import lint

    def broken(*args: object, **kwargs: object) -> None:
        raise kind("a {stage} broke") if kind is RuntimeError else kind()

    monkeypatch.setattr(lint, "lint", broken)


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("kind", list(STOPS), ids=lambda kind: kind.__name__)
def test_a_stopped_run_says_so_in_its_language_and_exits_2(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: type[BaseException], lang: str) -> None:
    charter = tmp_path / "c.yaml"
    charter.write_text(CHARTER, encoding="utf-8")
    _stage_raises(monkeypatch, kind)
    code, out, err = cli("check", str(charter), "--no-cache", "--no-plugins", "--isolated", "--jobs", "1", "--format", "json", "--lang", lang)
    english, french = STOPS[kind]
    assert (code, out, err) == (2, "", english if lang == "en" else french)


def test_the_english_out_of_memory_line_is_its_message_as_written() -> None:
    """The line written with nothing to build when memory ran out is the catalog's English message, prefixed."""
    speak("en")
    try:
        assert OUT_OF_MEMORY == prefixed(said("run.out-of-memory")) + "\n"
    finally:
        speak("")


def test_the_french_out_of_memory_line_falls_back_to_english_when_it_cannot_be_made(monkeypatch: pytest.MonkeyPatch) -> None:
    import partnercheck.cli as cli_module
    from partnercheck.cli import voice

    def out_of_memory(*args: object, **kwargs: object) -> str:
        raise MemoryError()

    speak("fr")
    try:
        monkeypatch.setattr(voice, "prefixed", out_of_memory)
        assert cli_module._out_of_memory_line() == OUT_OF_MEMORY
    finally:
        speak("")
