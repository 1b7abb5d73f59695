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
