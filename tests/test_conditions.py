"""The conditions of success (S1 to S9) are named wherever a rule's text cites them: `rule`, the catalog page,
SARIF's rule help, `rules --help`; in French too."""

from __future__ import annotations

import json
import re

import pytest
from paths import ROOT

from partnercheck.catalog.explain import explain
from partnercheck.report.conditions import CONDITIONS, named
from partnercheck.report.i18n import Translator
from partnercheck.testing import default_registry

#: A condition's code not followed by its name in brackets.
BARE = re.compile(r"\bS[1-9]\b(?!\s*\()")


@pytest.fixture(scope="module")
def rules():  # type: ignore[no-untyped-def]
    return sorted(default_registry().rules.values(), key=lambda r: r.code)


def test_every_condition_a_built_in_rule_cites_has_a_name(rules) -> None:
    cited = {code for r in rules for code in re.findall(r"\bS\d+\b", f"{r.why} {' '.join(r.grounding)}")}
    assert cited and cited <= set(CONDITIONS)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_rule_names_each_condition_beside_its_code(rules, lang: str) -> None:
    tr = Translator(lang, rules)
    for rule in rules:
        shown = " ".join(explain(rule, tr=tr).split())
        assert not BARE.search(shown), f"{rule.code}: a condition's code without its name: {shown[:300]}"
    assert not tr.missing_words, sorted(tr.missing_words)


def test_rule_shows_the_condition_in_the_reader_s_language(cli) -> None:
    _, english, _ = cli("rule", "TIM01")
    _, french, _ = cli("rule", "TIM01", "--lang", "fr")
    assert "S4 (time for appropriation)" in " ".join(english.split())
    assert "S4 (le temps de l'appropriation) :" in " ".join(french.split())


def test_a_code_is_named_once_in_a_text_and_a_named_code_is_left_alone() -> None:
    assert named("S5 and S9: a change; S5 again") == "S5 (a charter that allows for change) and S9 (responsibility not diluted): a change; S5 again"
    assert named("S4 (time for appropriation): already named") == "S4 (time for appropriation): already named"
    assert named("PAT S10 and GS4 stay") == "PAT S10 and GS4 stay"


def test_rules_help_lists_every_condition(cli) -> None:
    code, out, _ = cli("rules", "--help")
    assert code == 0
    for code_, name in CONDITIONS.items():
        assert f"{code_}  {name}" in out


def test_the_catalog_page_lists_the_conditions_and_names_them_in_the_rules() -> None:
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for code, name in CONDITIONS.items():
        assert f"| {code} | {name} |" in page
    why = [line for line in page.splitlines() if line.startswith(("**Why it matters.**", "**Grounding:**"))]
    assert why and not [line for line in why if BARE.search(line)]


def test_sarif_rule_help_names_the_conditions(cli) -> None:
    _, out, _ = cli("check", str(ROOT / "examples" / "broken" / "sans-pilote.yaml"), "--format", "sarif", "--lang", "fr")
    rules = json.loads(out)["runs"][0]["tool"]["driver"]["rules"]
    texts = [r["fullDescription"]["text"] for r in rules] + [r["help"]["markdown"] for r in rules if "help" in r]
    assert any("S2 (un pilote dont les partenaires reconnaissent la légitimité)" in t for t in texts)
    assert not [t for t in texts if BARE.search(t)]
