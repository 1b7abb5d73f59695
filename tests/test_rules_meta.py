"""Every rule is complete and consistent: the built-in catalog and the template plugin's.

Summary, why, grounding, hint, both examples, unique codes and names, valid
option schemas whose defaults satisfy them, and message templates that only
use the parameters the rule gives. (How many rules each pack has is
tests/test_catalog_meta.py's business.)
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

import pytest
from jsonschema import Draft202012Validator
from paths import EXAMPLES

from partnercheck.plugins.manager import PluginSelection, load_registry
from partnercheck.plugins.registry import Registry
from partnercheck.resources import builtin_pack_paths
from partnercheck.rules.model import Declarative, EngineCheck, Function, Rule
from partnercheck.rules.pack import load_pack_file
from partnercheck.testing import lint_text

TEMPLATE_SRC = EXAMPLES / "partnercheck-plugin-example" / "src"
TEMPLATE_MODULE = "partnercheck_plugin_example"
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
#: The parameters a declarative check gives its messages (see docs/plugins.md).
DECLARATIVE_PARAMS = {"pointer", "at", "problem", "id", "name"}


@pytest.fixture(scope="module")
def registry() -> Iterator[Registry]:
    """The built-in rules and the template plugin's, and nothing else installed here."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("PARTNERCHECK_PLUGINS", raising=False)
        patch.syspath_prepend(str(TEMPLATE_SRC))
        loaded = load_registry(PluginSelection(modules=(TEMPLATE_MODULE,), autoload=False))
    assert loaded.errors == []
    yield loaded


def all_rules(registry: Registry) -> list[Rule]:
    return sorted(registry.rules.values(), key=lambda r: r.code)


def non_engine(registry: Registry) -> list[Rule]:
    return [r for r in all_rules(registry) if not isinstance(r.check, EngineCheck)]


def test_the_template_plugin_is_among_the_rules_checked(registry: Registry) -> None:
    assert {r.code for r in all_rules(registry) if r.plugin == TEMPLATE_MODULE} == {"ORG01", "ORG02"}
    assert {type(r.check) for r in all_rules(registry)} == {Declarative, Function, EngineCheck}


def test_every_rule_has_a_one_line_summary_a_why_and_its_grounding(registry: Registry) -> None:
    incomplete = [
        r.code
        for r in all_rules(registry)
        if not r.summary.strip() or "\n" in r.summary or len(r.why.split()) < 8 or not r.grounding
    ]
    assert incomplete == []


def test_every_grounding_is_one_whole_source(registry: Registry) -> None:
    """A source written in a YAML flow list with a comma inside its parentheses is cut in two
    ("Wilder (mutual respect" and "understanding and trust)"): each source must be quoted whole."""
    cut = [(r.code, g) for r in all_rules(registry) for g in r.grounding if g.count("(") != g.count(")")]
    assert cut == []


def test_every_rule_says_what_to_write_instead(registry: Registry) -> None:
    assert [r.code for r in all_rules(registry) if not r.hint.strip()] == []


def test_every_rule_that_reads_the_charter_has_both_examples(registry: Registry) -> None:
    missing = [r.code for r in non_engine(registry) if not (r.examples.get("fail", "").strip() and r.examples.get("pass", "").strip())]
    assert missing == []


def test_codes_and_names_are_unique_across_packs() -> None:
    rules = [rule for path in builtin_pack_paths() for rule in load_pack_file(path)]
    rules += load_pack_file(TEMPLATE_SRC / TEMPLATE_MODULE / "rules" / "org-example.yaml")
    codes = Counter(r.code for r in rules)
    names = Counter(r.name for r in rules)
    assert [c for c, n in codes.items() if n > 1] == []
    assert [c for c, n in names.items() if n > 1] == []
    assert not set(codes) & set(names)


def test_every_rule_of_the_packs_is_registered(registry: Registry) -> None:
    """A rule whose function no plugin registered would be dropped, silently for a reader of `rules`."""
    in_files = {rule.code for path in builtin_pack_paths() for rule in load_pack_file(path)}
    assert in_files == {r.code for r in all_rules(registry) if r.plugin == "core"}


def test_option_schemas_are_valid_and_defaults_satisfy_them(registry: Registry) -> None:
    checked = 0
    for rule in all_rules(registry):
        for option in rule.options.values():
            assert option.schema, f"{rule.code}: option {option.name} has no schema"
            assert option.description.strip(), f"{rule.code}: option {option.name} has no description"
            Draft202012Validator.check_schema(option.schema)
            errors = [e.message for e in Draft202012Validator(option.schema).iter_errors(option.default)]
            assert errors == [], f"{rule.code}: default of {option.name}: {errors}"
            checked += 1
    assert checked > 0


def _placeholders(*templates: str) -> set[str]:
    return {name for text in templates for name in PLACEHOLDER.findall(text)}


def test_engine_rules_only_carry_the_engine_message(registry: Registry) -> None:
    engine = [r for r in all_rules(registry) if isinstance(r.check, EngineCheck)]
    assert engine and {r.code: _placeholders(*r.messages.values()) - {"problem"} for r in engine if _placeholders(*r.messages.values()) - {"problem"}} == {}


def test_declarative_messages_only_use_the_parameters_a_declarative_check_gives(registry: Registry) -> None:
    declarative = [r for r in all_rules(registry) if isinstance(r.check, Declarative)]
    unknown = {r.code: sorted(_placeholders(*r.messages.values(), r.hint) - DECLARATIVE_PARAMS) for r in declarative}
    assert declarative and {code: names for code, names in unknown.items() if names} == {}


def _charters(rule: Rule) -> Iterator[tuple[str, dict, tuple[str, ...], str | None, str | None]]:
    yield rule.examples["fail"], {}, tuple(rule.examples.get("alongside", ())), None, rule.examples.get("previous")
    for case in rule.tests:
        yield case["charter"], dict(case.get("options") or {}), tuple(case.get("alongside") or ()), case.get("today"), case.get("previous")


def test_function_messages_and_hints_are_fully_rendered(registry: Registry) -> None:
    """On every failing example and test case, no `{parameter}` is left unfilled in what the user reads."""
    unfilled: list[str] = []
    fired = set()
    for rule in non_engine(registry):
        for charter, options, alongside, today, previous in _charters(rule):
            for f in lint_text(charter, select=[rule.code], options={rule.code: options}, today=today, registry=registry, alongside=alongside, previous=previous):
                if f.code != rule.code:
                    continue
                fired.add(rule.code)
                left = _placeholders(f.message, f.hint or "")
                if left:
                    unfilled.append(f"{rule.code} at {f.pointer!r}: {sorted(left)} in {f.message!r} / {f.hint!r}")
    assert unfilled == []
    assert fired == {r.code for r in non_engine(registry)}, "every failing example fires"
