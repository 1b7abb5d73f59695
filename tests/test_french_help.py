"""`--help` speaks the user's language: `--lang fr`, PARTNERCHECK_LANG=fr or a French locale give French help pages,
translated through the catalog when help is formatted (cli/helptext.py), never on an ordinary run."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from typing import Iterator

import pytest

from partnercheck.cli import build_parser
from partnercheck.cli.helptext import HELP_CONTEXT
from partnercheck.cli.voice import ARGPARSE_CONTEXT
from partnercheck.report.conditions import CONDITIONS_HEADING
from partnercheck.report.formats import BUILTIN, describe
from partnercheck.report.i18n import catalog

#: The help texts made when help is formatted, beside the parsers' own: the epilogs' headings, the formats' lines, a title's colon.
MADE_AT_HELP_TIME = ("formats (--format NAME or NAME:PATH):", CONDITIONS_HEADING, "{heading}:", *(describe(render, "core") for render in BUILTIN.values()))


def _parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                yield from _parsers(sub)


def _texts(parser: argparse.ArgumentParser) -> set[str]:
    """Every text of `parser` and its subcommands' that a help page shows: descriptions, epilogs, group titles, option and command help."""
    found: set[str] = set()
    for p in _parsers(parser):
        found |= {p.description or "", p.epilog or ""} | {g.title or "" for g in p._action_groups}
        for action in p._actions:
            found.add(action.help if action.help and action.help != argparse.SUPPRESS else "")
            if isinstance(action, argparse._SubParsersAction):
                found |= {choice.help or "" for choice in action._choices_actions}
    return found - {""}


def _french(text: str) -> str | None:
    fr = catalog("fr")
    return fr.get(text, context=HELP_CONTEXT) or fr.get(text, context=ARGPARSE_CONTEXT)


def test_every_help_text_has_a_french_entry_and_the_catalog_no_stale_one() -> None:
    texts = _texts(build_parser()) | set(MADE_AT_HELP_TIME)
    assert len(texts) > 100
    assert sorted(t for t in texts if _french(t) is None) == []
    held = {key.partition("\x04")[2] for key in catalog("fr").entries if key.startswith(HELP_CONTEXT + "\x04")}
    assert sorted(held - texts) == [], "help entries no parser shows any more"


def _flat(text: str) -> str:
    return " ".join(text.split())


#: English help texts that French writes the same way (a title such as `configuration`).
SAME_IN_FRENCH = {t for t in _texts(build_parser()) | set(MADE_AT_HELP_TIME) if _french(t) == t}


def _english_left(page: str) -> list[str]:
    """The English help texts (three words or more) that a help page still shows."""
    flat = _flat(page)
    return sorted(t for t in _texts(build_parser()) | set(MADE_AT_HELP_TIME) if len(t.split()) >= 3 and t not in SAME_IN_FRENCH and _flat(t) in flat)


@pytest.mark.parametrize("argv", [("check", "--lang", "fr", "--help"), ("--lang", "fr", "check", "--help"), ("check", "--help", "--lang=fr")])
def test_check_help_reads_french(cli, argv: tuple[str, ...]) -> None:
    code, out, err = cli(*argv)
    assert code == 0 and err == "", err
    assert out.startswith("utilisation : partnercheck check "), out
    for french in ("arguments positionnels :", "options :", "-h, --help            afficher cette aide et quitter", "configuration :", "extensions :", "formats (--format NAME ou NAME:PATH) :"):
        assert french in out, french
    assert "ne charger aucune extension installée, seulement les règles intégrées" in _flat(out)
    assert "  html      le bilan de santé pour le comité de pilotage d'un partenariat, en une page HTML imprimable" in out
    assert _english_left(out) == []
    assert "options:" not in out and "positional arguments" not in out and "show this help" not in out


@pytest.mark.parametrize("command", ["", "check", "rules", "rule", "plugins", "schema", "report", "init", "config", "baseline", "cache", "cache clear", "cache prune", "diff", "history", "server"])
def test_every_help_page_reads_french_under_partnercheck_lang(cli, monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    monkeypatch.setenv("PARTNERCHECK_LANG", "fr")
    code, out, _ = cli(*command.split(), "--help")
    assert code == 0 and out.startswith(f"utilisation : partnercheck {command}".rstrip()), out
    assert _english_left(out) == [], command
    assert "options :" in out


def test_the_rules_help_names_the_conditions_in_french(cli) -> None:
    _, out, _ = cli("rules", "--help", "--lang", "fr")
    assert "conditions de réussite que citent les règles (S1 à S9), nommées dans le texte de chaque règle :\n  S1  des objectifs réellement partagés" in out
    _, english, _ = cli("rules", "--help")
    assert "conditions of success the rules cite (S1 to S9), named in each rule's text:\n  S1  objectives truly shared by all partners" in english


def test_a_french_locale_gives_french_help_and_a_missing_command_too(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "PARTNERCHECK_LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    code, out, _ = cli("--help")
    assert code == 0 and "Un vérificateur de chartes de partenariat" in out and "options globales (avant ou après la commande) :" in out
    code, _, err = cli()  # no command: the main help on standard error, exit 2
    assert code == 2 and err.startswith("utilisation : partnercheck") and "arguments positionnels :" in err and "lint charters" not in err


def test_english_help_is_argparse_s_own(cli) -> None:
    code, out, _ = cli("check", "--help")
    assert code == 0 and out.startswith("usage: partnercheck check ")
    assert "\noptions:\n  -h, --help            show this help message and exit\n" in out and "\npositional arguments:\n" in out
    assert "\nformats (--format NAME or NAME:PATH):\n  text      for people at a terminal" in out
    assert "utilisation" not in out and "options :" not in out and "afficher" not in out


def test_a_run_does_not_translate_help(tmp_path) -> None:
    """A French `check` builds the parsers in English and never loads the help translation (start-up time)."""
    charter = tmp_path / "c.yaml"
    charter.write_text("partnercheck: 1\ncharter: {id: c, title: C, language: fr}\npartners:\n  - {id: a, name: A, type: funder}\n", encoding="utf-8")
    script = "import sys; from partnercheck.cli import run; code = run(sys.argv[1:]); print('partnercheck.cli.helptext' in sys.modules, code, file=sys.stderr)"
    env = {**os.environ, "PARTNERCHECK_LANG": "fr", "PARTNERCHECK_NO_CACHE": "1"}
    done = subprocess.run([sys.executable, "-c", script, "check", str(charter), "--no-plugins", "--format", "json"], capture_output=True, text=True, env=env, timeout=60)
    assert done.stderr.splitlines()[-1] == "False 1", done.stderr
    helped = subprocess.run([sys.executable, "-c", script, "check", "--help"], capture_output=True, text=True, env=env, timeout=60)
    assert helped.stdout.startswith("utilisation : ") and "afficher cette aide et quitter" in helped.stdout
