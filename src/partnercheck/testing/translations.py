"""Checks of a rule's translations, for rule authors: `assert_translated("ORG01", "fr")`.

A translation is used by matching a finding's English message against the
rule's English templates and filling the translated template with the same
parameters (partnercheck.report.i18n). So each translated message must exist for
every English key and keep exactly the same `{parameters}`; the hint too.
"""

from __future__ import annotations

import re
from typing import Any

from partnercheck.plugins.registry import Registry
from partnercheck.findings import Text
from partnercheck.report.i18n import Translator
from partnercheck.rules.model import Rule

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_CODE_SPAN = re.compile(r"`([^`]*[._][^`]*)`")  # a field name (`pilot.mandate`, `granted_by`): never translated


def translation_problems(rule: Rule, lang: str = "fr") -> list[str]:
    """What keeps `rule` from reading well in `lang`: missing texts, keys, parameters or field names."""
    texts = rule.translations.get(lang)
    if not texts:
        return [f"{rule.code}: no `translations: {{{lang}: …}}`"]
    problems = [f"{rule.code}: no {lang} `{name}`" for name in ("summary", "why") if not texts.get(name)]
    messages = texts.get("messages") or {}
    if set(messages) != set(rule.messages):
        problems.append(f"{rule.code}: {lang} message keys {sorted(messages)} differ from the English keys {sorted(rule.messages)}")
    pairs = [(f"message `{key}`", rule.messages[key], messages[key]) for key in rule.messages if key in messages]
    if rule.hint:
        pairs.append(("hint", rule.hint, texts.get("hint") or ""))
        if not texts.get("hint"):
            problems.append(f"{rule.code}: no {lang} `hint`")
    described = texts.get("options") or {}
    problems += [f"{rule.code}: no {lang} description of option `{name}`" for name in rule.options if not described.get(name)]
    problems += [f"{rule.code}: {lang} describes `{name}`, which is no option of the rule" for name in described if name not in rule.options]
    for what, english, translated in pairs:
        if translated:
            problems += _compare(rule.code, what, english, translated)
    return problems + _round_trip(rule, lang, messages)


def _compare(code: str, what: str, english: str, translated: str) -> list[str]:
    problems = []
    if set(_PLACEHOLDER.findall(english)) != set(_PLACEHOLDER.findall(translated)):
        problems.append(f"{code}: {what}: parameters {sorted(set(_PLACEHOLDER.findall(translated)))} differ from the English {sorted(set(_PLACEHOLDER.findall(english)))}")
    lost = [name for name in _CODE_SPAN.findall(english) if f"`{name}`" not in translated]
    if lost:
        problems.append(f"{code}: {what}: field names {lost} are missing from the translation (field names are never translated)")
    return problems


def _round_trip(rule: Rule, lang: str, messages: dict[str, Any]) -> list[str]:
    """Each message, rendered by id with sample parameters, gives its translation with the same values."""
    translator = Translator(lang, [rule])
    problems = []
    for key, english in rule.messages.items():
        if key not in messages or not _PLACEHOLDER.sub("", english).strip():
            continue
        params = {name: f"<{name}-{i}>" for i, name in enumerate(dict.fromkeys(_PLACEHOLDER.findall(english)))}
        got = translator.render(Text(f"{rule.code}:{key}", params))
        wanted = _PLACEHOLDER.sub(lambda m: str(params.get(m.group(1), m.group(0))), messages[key])
        if got != wanted:
            problems.append(f"{rule.code}: message `{key}` is translated as {got!r}, expected {wanted!r} (the translation is not keyed by the message's own key?)")
    return problems


def assert_translated(code: str, lang: str = "fr", registry: Registry | None = None) -> None:
    """Fail with every problem of rule `code`'s translation into `lang`."""
    from partnercheck.testing.registry import default_registry

    found = (registry or default_registry()).rules.get(code)
    if found is None:
        raise AssertionError(f"no rule {code!r} is loaded")
    problems = translation_problems(found, lang)
    if problems:
        raise AssertionError("\n".join(problems))
