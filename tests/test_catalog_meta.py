"""The built-in catalog as a whole: 38 health rules in 10 packs, each complete and consistent."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from partnercheck.plugins.manager import PluginSelection, load_registry
from partnercheck.rules.model import EngineCheck

PACKS = {"purpose", "pilot", "members", "governance", "accountability", "evaluation", "time", "beneficiary", "capitalisation", "scale"}


@pytest.fixture(scope="module")
def health_rules():
    registry = load_registry(PluginSelection(autoload=False))
    assert registry.errors == []
    return [r for r in registry.rules.values() if r.plugin == "core" and r.pack in PACKS]


def test_at_least_38_health_rules_across_the_10_packs(health_rules) -> None:
    assert len(health_rules) >= 38
    assert {r.pack for r in health_rules} == PACKS
    prefixes = {pack: {r.code[:3] for r in health_rules if r.pack == pack} for pack in PACKS}
    assert all(len(p) == 1 for p in prefixes.values()), prefixes


def test_codes_and_names_are_unique(health_rules) -> None:
    registry = load_registry(PluginSelection(autoload=False))
    everything = list(registry.rules.values())
    assert len({r.code for r in everything}) == len(everything)
    assert len({r.name for r in everything}) == len(everything)
    assert len({r.code for r in health_rules}) == len(health_rules)


def test_every_health_rule_is_explained_grounded_and_exemplified(health_rules) -> None:
    incomplete = []
    for r in health_rules:
        missing = [what for what, ok in (
            ("summary", bool(r.summary.strip())),
            ("why", len(r.why.split()) >= 20),
            ("grounding", bool(r.grounding)),
            ("reads", bool(r.reads)),
            ("hint", bool(r.hint.strip())),
            ("fail example", bool(str(r.examples.get("fail", "")).strip())),
            ("pass example", bool(str(r.examples.get("pass", "")).strip())),
            ("a check", not isinstance(r.check, EngineCheck)),
        ) if not ok]
        if missing:
            incomplete.append(f"{r.code}: {', '.join(missing)}")
    assert incomplete == []


def test_every_why_names_a_condition_of_success(health_rules) -> None:
    conditions = {f"S{i}" for i in range(1, 10)}
    vague = [r.code for r in health_rules if not (conditions & set(r.grounding)) and not any(c in r.why for c in conditions)]
    # Governance rules are grounded in frameworks (Wilder, EU Code, Ostrom) rather than S1-S9.
    assert all(code.startswith("GOV") for code in vague), vague


def test_option_defaults_satisfy_their_schemas(health_rules) -> None:
    bad = []
    for r in health_rules:
        for name, opt in r.options.items():
            Draft202012Validator.check_schema(opt.schema)
            if not opt.schema or not Draft202012Validator(opt.schema).is_valid(opt.default):
                bad.append(f"{r.code}.{name}")
    assert bad == []


def test_rules_command_lists_the_health_rules_with_why_and_grounding(cli) -> None:
    import json

    code, out, _ = cli("rules", "--no-plugins", "--format", "json")
    assert code == 0
    listed = [r for r in json.loads(out) if r["plugin"] == "core" and r["pack"] in PACKS]
    assert len(listed) >= 38
    assert all(r["why"] and r["grounding"] for r in listed)
