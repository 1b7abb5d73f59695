"""Hints fit the charter: English hints hold no French example values, and every hint shows what to write
with visible placeholders (`<partner id>`) or the finding's own values, never a made-up name or sentence."""

from __future__ import annotations

import re

import pytest

from partnercheck.report.i18n import rule_translation
from partnercheck.report.messages import CORE
from partnercheck.testing import default_registry

RULES = sorted((r for r in default_registry().rules.values() if r.plugin == "core"), key=lambda r: r.code)
FRENCH = re.compile(r"[éèàçêôûîïœÉÀ«»]|\b(?:le|la|les|des|du|aux|et|une?|pour|avec)\b")
#: `key: value` lines of a hint's YAML example (a list item too).
EXAMPLE = re.compile(r"^\s+(?:- )?(?:[a-z_]+): (?P<value>.+)$")
#: What an example value may be: placeholders, the finding's own values, format words and numbers' placeholders.
ALLOWED = re.compile(r"^(?:<[^<>]+>|\{[a-z_]+\}|\[(?:<[^<>]+>|\{[a-z_]+\})(?:, (?:<[^<>]+>|\{[a-z_]+\}))*\]|(?P<word>[a-z_]+))(?:\s+#.*)?$")


def format_words() -> set[str]:
    """The words of the format itself (choice values, `true`, `all`): not made up, a hint may show them."""
    import json

    from paths import ROOT

    found = {"true", "false", "all"}

    def walk(node: object) -> None:
        if isinstance(node, dict):
            found.update(v for v in node.get("enum", ()) if isinstance(v, str))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads((ROOT / "schemas" / "charter.schema.json").read_text(encoding="utf-8")))
    return found


WORDS = format_words()


def english_texts(rule) -> list[str]:
    return [t for t in [rule.hint, *rule.messages.values()] if t]


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_an_english_hint_or_message_holds_no_french(rule) -> None:
    for text in english_texts(rule):
        assert not FRENCH.search(text), f"{rule.code}: French in {text!r}"


def test_partnercheck_s_own_english_hints_hold_no_french() -> None:
    french = {key: text for key, text in CORE.items() if "hint" in key and FRENCH.search(text)}
    assert french == {}


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_a_hint_shows_placeholders_not_made_up_values(rule) -> None:
    for hint in (rule.hint, rule_translation(rule, "fr").get("hint")):
        for line in (hint or "").splitlines():
            match = EXAMPLE.match(line)
            if match is not None:
                allowed = ALLOWED.match(match.group("value"))
                assert allowed and (allowed.group("word") is None or allowed.group("word") in WORDS), f"{rule.code}: {line.strip()!r} is not a placeholder"


def test_the_representative_hint_asks_only_for_the_missing_mandate(cli, tmp_path) -> None:
    import json

    from paths import EXAMPLES

    text = (EXAMPLES / "plateforme-aide-a-la-personne.yaml").read_text(encoding="utf-8").replace(", mandate_ref: arrêté rectoral n° 2026-114 du 2 mai 2026}", "}", 1)
    charter = tmp_path / "c.yaml"
    charter.write_text(text, encoding="utf-8")
    _, out, _ = cli("check", str(charter), "--today", "2026-01-15", "--isolated", "--format", "json", "--select", "MEM01")
    [finding] = json.loads(out)["findings"]
    assert finding["hint"] == "Add the act that mandates this representative:\n  mandate_ref: <the act that mandates them, with its date>"
    _, out, _ = cli("check", str(charter), "--today", "2026-01-15", "--isolated", "--format", "json", "--select", "MEM01", "--lang", "fr")
    assert json.loads(out)["findings"][0]["hint"].startswith("Ajoutez l'acte qui mandate ce représentant :")
