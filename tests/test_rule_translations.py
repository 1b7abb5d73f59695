"""Every built-in rule speaks French, and its French says the same thing as its English.

`partnercheck check --lang fr` matches a finding's English message against the
rule's English templates and renders the French template with the same key and
the same parameters (src/partnercheck/i18n.py). So each French template must
carry exactly the English template's `{parameters}`, keep every backticked
field name (field names are a contract, never translated), and its hint's
YAML snippet must have the same keys. The last tests run the translator itself
on every message and hint of every rule.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any, Iterator

import pytest
from ruamel.yaml import YAML

from partnercheck.findings import Text
from partnercheck.report.i18n import Translator
from partnercheck.resources import builtin_pack_paths
from partnercheck.rules.model import Rule, _format
from partnercheck.rules.pack import load_pack_file
from partnercheck.testing import default_registry

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
CODE_SPAN = re.compile(r"`([^`]+)`")
#: Grounding named in an English `why` -> how the French `why` names it.
REFERENCES = {
    "Wilder": "Wilder",
    "Collective Impact": "Collective Impact",
    "Ostrom": "Ostrom",
    "RACI": "RACI",
    "UK Partnership Assessment Tool": "UK Partnership Assessment Tool",
    "Partnering Initiative": "Partnering Initiative",
    "Arnstein": "Arnstein",
    "Huxham & Vangen": "Huxham & Vangen",
    "Code of Conduct": "Code de conduite",
    "OECD": "OCDE",
}
NUMBERED = ((re.compile(r"\bS(\d)\b"), re.compile(r"\bS(\d)\b")),
            (re.compile(r"\bart\. (\d+)"), re.compile(r"\bart\. (\d+)")),
            (re.compile(r"\bprinciple (\d+)"), re.compile(r"\bprincipe (\d+)")))

REGISTRY = default_registry()
BUILTIN = sorted(code for code, rule in REGISTRY.rules.items() if rule.plugin == "core")


def rule_of(code: str) -> Rule:
    return REGISTRY.rules[code]


def french(rule: Rule) -> dict[str, Any]:
    return dict(rule.translations.get("fr") or {})


def placeholders(template: str) -> set[str]:
    return set(PLACEHOLDER.findall(template))


def message_pairs() -> Iterator[tuple[str, str]]:
    for code in BUILTIN:
        for key in rule_of(code).messages:
            yield code, key


def snippets(hint: str) -> list[str]:
    """The YAML snippets of a hint: each run of lines indented by at least two spaces, dedented."""
    blocks: list[list[str]] = []
    previous_indented = False
    for line in hint.splitlines():
        indented = line.startswith("  ")
        if indented and not previous_indented:
            blocks.append([])
        if indented:
            blocks[-1].append(line)
        previous_indented = indented
    return [textwrap.dedent("\n".join(block)) for block in blocks]


def key_paths(value: Any, prefix: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    """Every mapping key of a parsed snippet, as a path from the top (list items share their list's path)."""
    found: set[tuple[str, ...]] = set()
    if isinstance(value, dict):
        for key, child in value.items():
            path = prefix + (str(key),)
            found.add(path)
            found |= key_paths(child, path)
    elif isinstance(value, list):
        for child in value:
            found |= key_paths(child, prefix)
    return found


def parsed(snippet: str) -> Any:
    return YAML(typ="safe", pure=True).load(snippet)


def sample_params(template: str) -> dict[str, str]:
    """A distinct value per parameter, so a French template that swaps two parameters is caught."""
    return {name: f"val-{name}" for name in placeholders(template)}


def test_the_builtin_catalog_is_every_pack_rule() -> None:
    in_packs = {rule.code for path in builtin_pack_paths() for rule in load_pack_file(path)}
    assert in_packs and set(BUILTIN) == in_packs


@pytest.mark.parametrize("code", BUILTIN)
def test_every_builtin_rule_has_a_complete_french_translation(code: str) -> None:
    rule = rule_of(code)
    fr = french(rule)
    assert fr, f"{code} has no `translations: fr`"
    for part in ("summary", "why", "messages"):
        assert fr.get(part), f"{code}: French {part} is missing"
    if rule.hint:
        assert fr.get("hint"), f"{code}: French hint is missing"


@pytest.mark.parametrize("code", BUILTIN)
def test_french_texts_are_translated_not_copied(code: str) -> None:
    rule, fr = rule_of(code), french(rule_of(code))
    assert fr["summary"] != rule.summary
    assert fr["why"] != rule.why
    if rule.hint:
        assert fr["hint"] != rule.hint
    for key, english in rule.messages.items():
        if PLACEHOLDER.sub("", english).strip(" .:"):
            assert fr["messages"][key] != english, f"{code} message {key!r} is still in English"


@pytest.mark.parametrize("code", BUILTIN)
def test_french_messages_have_the_english_keys(code: str) -> None:
    assert set(french(rule_of(code))["messages"]) == set(rule_of(code).messages)


@pytest.mark.parametrize(("code", "key"), list(message_pairs()))
def test_french_message_has_the_english_parameters_and_field_names(code: str, key: str) -> None:
    english, translated = rule_of(code).messages[key], french(rule_of(code))["messages"][key]
    assert placeholders(translated) == placeholders(english)
    missing = set(CODE_SPAN.findall(english)) - set(CODE_SPAN.findall(translated))
    assert not missing, f"{code} message {key!r}: field names lost in French: {sorted(missing)}"


@pytest.mark.parametrize("code", BUILTIN)
def test_french_hint_has_the_english_parameters_and_field_names(code: str) -> None:
    rule = rule_of(code)
    translated = french(rule).get("hint", "")
    assert placeholders(translated) == placeholders(rule.hint)
    missing = set(CODE_SPAN.findall(rule.hint)) - set(CODE_SPAN.findall(translated))
    assert not missing, f"{code} hint: field names lost in French: {sorted(missing)}"


@pytest.mark.parametrize("code", BUILTIN)
def test_french_summary_and_why_keep_field_names(code: str) -> None:
    rule, fr = rule_of(code), french(rule_of(code))
    for part in ("summary", "why"):
        missing = set(CODE_SPAN.findall(getattr(rule, part))) - set(CODE_SPAN.findall(fr[part]))
        assert not missing, f"{code} {part}: field names lost in French: {sorted(missing)}"


@pytest.mark.parametrize("code", BUILTIN)
def test_french_why_keeps_its_grounding(code: str) -> None:
    rule, why = rule_of(code), french(rule_of(code))["why"]
    for english_name, french_name in REFERENCES.items():
        if english_name in rule.why:
            assert french_name in why, f"{code}: the French why no longer cites {english_name}"
    for english_ref, french_ref in NUMBERED:
        lost = set(english_ref.findall(rule.why)) - set(french_ref.findall(why))
        assert not lost, f"{code}: the French why lost {english_ref.pattern} {sorted(lost)}"


@pytest.mark.parametrize("code", [code for code in BUILTIN if rule_of(code).hint])
def test_french_hint_snippets_have_the_english_keys(code: str) -> None:
    rule = rule_of(code)
    english, translated = snippets(rule.hint), snippets(french(rule)["hint"])
    assert len(translated) == len(english)
    for en_block, fr_block in zip(english, translated):
        en_data = parsed(en_block)
        fr_data = parsed(fr_block)  # raises if the French snippet is not YAML
        assert key_paths(fr_data) == key_paths(en_data)
        assert type(fr_data) is type(en_data)


@pytest.mark.parametrize(("code", "key"), list(message_pairs()))
def test_translator_renders_every_message_in_french(code: str, key: str) -> None:
    rule = rule_of(code)
    params = sample_params(rule.messages[key])
    expected = _format(french(rule)["messages"][key], params)
    translator = Translator("fr", REGISTRY.rules.values())
    assert translator.render(Text(f"{code}:{key}", params)) == expected
    assert not translator.missing


@pytest.mark.parametrize("code", [code for code in BUILTIN if rule_of(code).hint])
def test_translator_renders_every_hint_in_french(code: str) -> None:
    rule = rule_of(code)
    params = sample_params(rule.hint)
    translator = Translator("fr", REGISTRY.rules.values())
    assert translator.render(Text(f"{code}:hint", params)) == _format(french(rule)["hint"], params)
    assert not translator.missing


@pytest.mark.parametrize("code", BUILTIN)
def test_translator_gives_the_french_summary_and_why(code: str) -> None:
    rule = rule_of(code)
    translator = Translator("fr", REGISTRY.rules.values())
    assert translator.rule_field(rule, "summary") == french(rule)["summary"]
    assert translator.rule_field(rule, "why") == french(rule)["why"]
