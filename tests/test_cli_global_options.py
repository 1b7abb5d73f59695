"""Global options (`--debug`, `--lang`) mean the same before the command as after it, and the main help shows them."""

from __future__ import annotations

import pytest
from paths import EXAMPLES

from partnercheck.cli.options import GLOBAL_OPTIONS

BROKEN = str(EXAMPLES / "broken" / "sans-pilote.yaml")


def test_the_main_help_lists_every_global_option(cli) -> None:
    code, out, _ = cli("--help")
    assert code == 0
    for name in GLOBAL_OPTIONS:
        assert f"--{name}" in out


@pytest.mark.parametrize("argv", [("--lang", "fr", "check", BROKEN), ("check", BROKEN, "--lang", "fr")], ids=["before", "after"])
def test_lang_is_the_same_before_and_after_the_command(cli, argv: tuple[str, ...]) -> None:
    code, out, _ = cli(*argv)
    assert code == 1
    assert "Pas prête à signer" in out and "Not ready" not in out


def test_lang_after_the_command_wins_over_lang_before_it(cli) -> None:
    _, out, _ = cli("--lang", "fr", "check", BROKEN, "--lang", "en")
    assert "Not ready to sign" in out and "Pas prêt" not in out


def test_lang_before_a_command_puts_its_usage_error_in_that_language(cli) -> None:
    code, _, err = cli("--lang", "fr", "rule", "NOPE99")
    assert code == 2
    assert "partnercheck : erreur :" in err and "no rule" not in err


def test_a_global_option_before_a_command_without_it_is_accepted(cli) -> None:
    code, out, _ = cli("--debug", "schema")
    assert code == 0 and '"$schema"' in out


def _commands(parser) -> set[str]:
    import argparse

    return {name for action in parser._actions if isinstance(action, argparse._SubParsersAction) for name in action.choices}


def test_every_command_word_is_mapped_to_the_module_that_declares_it() -> None:
    from partnercheck.cli import MODULE_OF, build_parser

    assert _commands(build_parser()) == set(MODULE_OF)
    for word in MODULE_OF:
        assert word in _commands(build_parser([word]))


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["check", "x.yaml"], "check"),
        (["--lang", "fr", "check"], "check"),
        (["--lang=fr", "--debug", "rules"], "rules"),
        (["--la", "fr", "--de", "diff", "a", "b"], "diff"),
        (["--lang", "check"], None),  # `check` is the language given: argparse refuses it
        (["--help", "check"], None),
        (["-h"], None),
        (["--version"], None),
        (["chek"], None),
        (["--debug=1", "check"], None),
        ([], None),
    ],
)
def test_the_command_word_is_found_past_the_global_options(argv: list[str], named: str | None) -> None:
    from partnercheck.cli import command_named

    assert command_named(argv) == named


def test_a_command_alone_is_built_when_the_command_line_names_one() -> None:
    from partnercheck.cli import build_parser

    assert _commands(build_parser(["--lang", "fr", "check", "x.yaml"])) == {"check"}
    assert len(_commands(build_parser(["chek"]))) > 10  # a misspelt command: argparse lists them all


def test_a_misspelt_command_is_told_with_the_commands_to_choose_from(cli) -> None:
    code, _, err = cli("chek", "x.yaml")
    assert code == 2
    assert "'chek'" in err and "check" in err and "history" in err


def test_argparse_words_are_looked_up_once_each_and_argparse_is_given_back_its_own_lookup(monkeypatch) -> None:
    import argparse

    from partnercheck.cli.voice import argparse_looked_up_once

    asked: list[str] = []

    def lookup(message: str) -> str:
        asked.append(message)
        return message.upper()

    monkeypatch.setattr(argparse, "_", lookup)
    with argparse_looked_up_once():
        assert [argparse._("options"), argparse._("options"), argparse._("usage: ")] == ["OPTIONS", "OPTIONS", "USAGE: "]  # type: ignore[attr-defined]
    assert asked == ["options", "usage: "]
    assert argparse._ is lookup  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "argv",
    [("plugins", "--lang", "fr"), ("schema", "--lang", "fr"), ("cache", "prune", "--days", "30", "--lang", "fr"), ("server", "--lang", "fr", "--help"), ("schema", "report", "--debug")],
    ids=["plugins", "schema", "cache", "server", "debug"],
)
def test_every_command_takes_the_global_options_after_its_name(cli, argv: tuple[str, ...], tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # `cache prune` prunes this folder's cache (none)
    code, _, err = cli(*argv)
    assert code == 0, err
    assert "unrecognized" not in err and "invalid choice" not in err and "non reconnu" not in err
