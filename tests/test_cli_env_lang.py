"""Every command speaks the language PARTNERCHECK_LANG sets when neither `--lang` nor a charter says (as `check`)."""

from __future__ import annotations

import pytest


@pytest.fixture
def french_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTNERCHECK_LANG", "fr")
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


def test_rules_rule_and_init_follow_partnercheck_lang(cli, french_env: None) -> None:
    _, rules, _ = cli("rules", "--pack", "pilot", "--no-plugins")
    assert "gravité" in rules.splitlines()[0] and "severity" not in rules
    _, rule, _ = cli("rule", "PIL01", "--no-plugins")
    assert "(famille pilot, erreur par défaut)" in rule and "by default" not in rule
    _, starter, _ = cli("init", "-")
    assert starter.startswith("# Charte de partenariat")


def test_lang_on_the_command_line_wins_over_partnercheck_lang(cli, french_env: None) -> None:
    _, rule, _ = cli("rule", "PIL01", "--lang", "en", "--no-plugins")
    assert "(pilot pack, error by default)" in rule


def test_help_of_lang_names_partnercheck_lang_as_the_first_default(cli) -> None:
    for command in ("rules", "rule", "init"):
        _, out, _ = cli(command, "--help")
        assert "PARTNERCHECK_LANG, else LC_ALL" in " ".join(out.split()), command


def test_plugins_lists_in_french_when_asked(cli) -> None:
    code, out, _ = cli("plugins", "--lang", "fr")
    assert code == 0
    assert "enregistré" in out and "chargée" in out and "règles :" in out
    assert "registered" not in out and "loaded" not in out
    _, english, _ = cli("plugins")
    assert "registered" in english and "loaded" in english and "rules: " in english


def test_a_pack_is_a_famille_in_french(cli) -> None:
    code, _, err = cli("rules", "--pack", "nosuch", "--lang", "fr")
    assert code == 2 and "famille inconnue" in err and "pack inconnu" not in err


def test_baseline_speaks_the_charters_language_as_check_does(cli, tmp_path, monkeypatch) -> None:
    from paths import EXAMPLES

    monkeypatch.delenv("PARTNERCHECK_LANG", raising=False)  # the tests pin it to en: nothing sets the language here

    code, out, _ = cli("baseline", str(EXAMPLES / "broken" / "sans-pilote.yaml"), "-o", str(tmp_path / "base.json"))
    assert code == 0 and "écrit :" in out and "Wrote" not in out
    _, english, _ = cli("baseline", str(EXAMPLES / "broken" / "sans-pilote.yaml"), "-o", str(tmp_path / "base.json"), "--lang", "en")
    assert english.startswith("Wrote ")


def test_cache_says_what_it_removed_in_french_when_asked(cli, tmp_path) -> None:
    code, out, _ = cli("cache", "prune", "--cache-dir", str(tmp_path / "c"), "--days", "1", "--lang", "fr")
    assert code == 0 and out == f"Suppression, dans {tmp_path / 'c'}, de 0 résultat en cache sans usage depuis 1 jour.\n"
    _, english, _ = cli("cache", "prune", "--cache-dir", str(tmp_path / "c"), "--days", "2")
    assert english == f"Removed 0 cached results unused for 2 days from {tmp_path / 'c'}.\n"
