"""A YAML syntax error at its cause (document/syntax_cause.py): the `[`, `{` or quote left open, in plain
words, in the charter's language even when the YAML cannot be read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from paths import EXAMPLES

HEALTHY = EXAMPLES / "plateforme-aide-a-la-personne.yaml"


def broken(old: str, new: str) -> tuple[str, int]:
    """The healthy (French) example with `old` replaced by `new` once, and the line of the change."""
    text = HEALTHY.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1), text[: text.index(old)].count("\n") + 1


def only_finding(cli, tmp_path: Path, text: str, *lang: str) -> dict:
    charter = tmp_path / "c.yaml"
    charter.write_text(text, encoding="utf-8")
    code, out, err = cli("check", str(charter), "--isolated", "--format", "json", *lang)
    assert code == 1, err
    [finding] = json.loads(out)["findings"]
    assert finding["code"] == "DOC01"
    return finding


CASES = [
    ("tremplin]\n", "tremplin\n", "This list opened with `[` on line {line} is never closed", "Cette liste ouverte par `[` à la ligne {line} n'est jamais fermée"),
    ("mandate_ref: arrêté rectoral n° 2026-114 du 2 mai 2026}", "mandate_ref: arrêté rectoral n° 2026-114 du 2 mai 2026", "This group of keys opened with `{` on line {line} is never closed", "Ce groupe de clés ouvert par `{` à la ligne {line} n'est jamais fermé"),
    ("  title: Plateforme", '  title: "Plateforme', "This text opened with `\"` on line {line} is not closed on that line", "Ce texte ouvert par `\"` à la ligne {line} n'est pas fermé sur cette ligne"),
    ("  title: Plateforme", "  title: 'Plateforme", "This text opened with `'` on line {line} ends early", "Ce texte ouvert par `'` à la ligne {line} se termine trop tôt"),
]


@pytest.mark.parametrize(("old", "new", "english", "french"), CASES, ids=["list", "mapping", "double-quote", "apostrophe"])
def test_an_unclosed_bracket_or_quote_is_told_at_the_line_that_opened_it(cli, tmp_path: Path, old: str, new: str, english: str, french: str) -> None:
    text, opened = broken(old, new)
    finding = only_finding(cli, tmp_path, text, "--lang", "en")
    assert finding["message"].startswith(english.replace("{line}", str(opened))), finding["message"]
    assert finding["line"] == opened
    assert "expected" not in finding["message"] and "<block" not in finding["message"]
    source = text.split("\n")[opened - 1]
    assert source[finding["column"] - 1] in "[{\"'"
    assert only_finding(cli, tmp_path, text, "--lang", "fr")["message"].startswith(french.replace("{line}", str(opened)))


def test_a_french_charter_with_broken_yaml_is_answered_in_french(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PARTNERCHECK_LANG", raising=False)
    text, line = broken("tremplin]\n", "tremplin\n")
    assert "  language: fr\n" in text
    assert only_finding(cli, tmp_path, text)["message"].startswith(f"Cette liste ouverte par `[` à la ligne {line}")
    english = text.replace("  language: fr\n", "  language: en\n")
    assert only_finding(cli, tmp_path, english)["message"].startswith(f"This list opened with `[` on line {line}")


def test_a_quote_left_open_to_the_end_of_the_file(cli, tmp_path: Path) -> None:
    finding = only_finding(cli, tmp_path, 'partnercheck: 1\ncharter:\n  id: a\n  title: "abc\n')
    assert (finding["line"], finding["column"], finding["message"]) == (4, 10, 'This text opened with `"` on line 4 is never closed')


def test_a_list_closed_on_its_line_keeps_the_parser_s_words(cli, tmp_path: Path) -> None:
    finding = only_finding(cli, tmp_path, "partnercheck: 1\ncharter: [a, b]]\n")
    assert "never closed" not in finding["message"]


@pytest.mark.parametrize(
    ("text", "where", "english", "french"),
    [
        ("partnercheck: 1\ncharter:\n\tid: c\n", (3, 1), "A tab is used on line 3", "Une tabulation est utilisée à la ligne 3"),
        ("partnercheck: 1\ncharter:\n  title: Objet: formation\n", (3, 15), "The value on line 3 holds a colon followed by a space", "La valeur de la ligne 3 contient deux-points"),
        ("partnercheck: 1\ncharter:\n  id: a\n   title: b\n", (4, 9), "The key on line 4 is indented more than the key above it", "La clé de la ligne 4 est plus indentée"),
    ],
    ids=["tab", "colon", "indent"],
)
def test_a_tab_a_colon_or_an_indent_is_told_in_plain_words(cli, tmp_path: Path, text: str, where: tuple[int, int], english: str, french: str) -> None:
    finding = only_finding(cli, tmp_path, text, "--lang", "en")
    assert (finding["line"], finding["column"]) == where and finding["message"].startswith(english)
    assert "not allowed" not in finding["message"] and "token" not in finding["message"]
    assert only_finding(cli, tmp_path, text, "--lang", "fr")["message"].startswith(french)
