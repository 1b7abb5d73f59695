"""Plugins ship configuration defaults for their rules (issue 18): a pack's `defaults:` and the
`register_defaults` hook, checked at load, below every configuration file and flag, and shown by
`partnercheck config` with the plugin and pack they come from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from test_plugins import CHARTER, error_lines, no_installed_plugins, plugin  # noqa: F401  (fixtures)

RULES = """\
rules:
  - code: DEF01
    name: representative-named
    severity: warning
    summary: A partner names its representative.
    why: Tests need a rule.
    message: "Partner `{id}` names no representative."
    check: {select: /partners/*, schema: {required: [representative]}}
    examples: {fail: "partnercheck: 1", pass: "partnercheck: 1"}
  - code: DEF02
    name: partners-counted
    severity: warning
    summary: Not too many partners.
    why: Tests need a rule.
    options:
      max_partners: {default: 10, schema: {type: integer, minimum: 0}}
    message: "More than {max_partners} partners."
    check: {select: "", schema: {properties: {partners: {maxItems: {$option: max_partners}}}}}
    examples: {fail: "partnercheck: 1", pass: "partnercheck: 1"}
"""
PACK_DEFAULTS = "defaults:\n  ignore: [DEF02]\n  severity: {DEF01: error}\n  options: {DEF02: {max_partners: 0}}\n"
HOOK_PLUGIN = """
@hookimpl
def register_rule_packs(register):
    register(HERE / "acme.yaml")

@hookimpl
def register_defaults(register):
    register(DEFAULTS)
"""
HOOK_DEFAULTS = {"ignore": ["DEF02"], "severity": {"DEF01": "error"}, "options": {"DEF02": {"max_partners": 0}}}


@pytest.fixture(params=["pack", "hook"])
def shipped(request: pytest.FixtureRequest, tmp_path: Path, plugin, monkeypatch: pytest.MonkeyPatch) -> str:  # noqa: F811
    """A plugin `acme_defaults` whose defaults leave DEF02 off, make DEF01 an error and DEF02's option 0; where they come from."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "charte.yaml").write_text(CHARTER, encoding="utf-8")
    if request.param == "pack":
        plugin("acme_defaults", HOOK_PLUGIN.split("@hookimpl\ndef register_defaults")[0], acme_yaml="pack: acme\n" + PACK_DEFAULTS + RULES)
        return "plugin acme_defaults (pack acme.yaml)"
    plugin("acme_defaults", f"DEFAULTS = {HOOK_DEFAULTS!r}\n" + HOOK_PLUGIN, acme_yaml="pack: acme\n" + RULES)
    return "plugin acme_defaults (register_defaults)"


def found(cli, *argv: str) -> tuple[int, list[tuple[str, str]]]:
    code, out, err = cli("check", "charte.yaml", "--format", "json", "--no-cache", *argv)
    assert out, err
    return code, [(f["code"], f["severity"]) for f in json.loads(out)["findings"] if f["code"].startswith("DEF")]


def config_rows(cli, *argv: str) -> list[dict]:
    code, out, err = cli("config", "charte.yaml", "--format", "json", *argv)
    assert code == 0, err
    return json.loads(out)["values"]


def test_the_defaults_apply_a_rule_off_until_named(cli, shipped) -> None:
    assert found(cli) == (1, [("DEF01", "error")])
    assert found(cli, "--select", "DEF") == (1, [("DEF02", "warning"), ("DEF01", "error")])
    assert found(cli, "--extend-select", "partners-counted")[1] == [("DEF02", "warning"), ("DEF01", "error")]
    assert found(cli, "--select", "ALL")[1] == [("DEF01", "error")]  # ALL names no rule: the plugin's choice stands


def test_a_configuration_file_wins_over_the_defaults_and_the_command_line_over_both(cli, shipped, tmp_path: Path) -> None:
    (tmp_path / ".partnercheck.yaml").write_text("extend-select: [DEF02]\nseverity: {DEF01: info}\noptions: {DEF02: {max_partners: 5}}\n", encoding="utf-8")
    assert found(cli)[1] == [("DEF01", "info")]  # DEF02 runs with the configured option: 1 partner is not more than 5
    assert found(cli, "--select", "DEF02") == (0, [])
    assert found(cli, "--ignore", "DEF01")[1] == []


def test_a_user_configuration_extended_by_the_repository_wins_over_the_defaults(cli, shipped, tmp_path: Path) -> None:
    (tmp_path / "user.yaml").write_text("severity: {DEF01: info}\n", encoding="utf-8")
    (tmp_path / ".partnercheck.yaml").write_text("extends: user.yaml\nseverity: {DEF01: warning}\n", encoding="utf-8")
    assert found(cli)[1] == [("DEF01", "warning")]
    (tmp_path / ".partnercheck.yaml").write_text("extends: user.yaml\n", encoding="utf-8")
    assert found(cli)[1] == [("DEF01", "info")]


def test_config_shows_each_default_with_its_plugin(cli, shipped) -> None:
    rows = config_rows(cli)
    assert {"key": "severity.DEF01", "value": "error", "source": shipped} in rows
    assert {"key": "options.DEF02.max_partners", "value": 0, "source": shipped} in rows
    assert {"key": "ignore", "value": "DEF02", "source": f"{shipped}; off unless a selection names it"} in rows
    selected = config_rows(cli, "--select", "DEF02")
    assert {"key": "ignore", "value": "DEF02", "source": f"{shipped}; selected here, so it runs"} in selected


def test_config_shows_the_configuration_where_it_overrides_a_default(cli, shipped, tmp_path: Path) -> None:
    (tmp_path / ".partnercheck.yaml").write_text("severity: {DEF01: info}\noptions: {DEF02: {max_partners: 5}}\n", encoding="utf-8")
    rows = config_rows(cli)
    assert not [r for r in rows if r["key"] == "severity.DEF01" and r["source"] == shipped]
    assert {"key": "severity.DEF01", "value": "info", "source": ".partnercheck.yaml:1"} in rows
    assert [r["source"] for r in rows if r["key"] == "options.DEF02.max_partners"] == [".partnercheck.yaml:2"]


def test_plugins_lists_the_defaults_a_hook_registered(cli, plugin) -> None:  # noqa: F811
    plugin("acme_defaults", f"DEFAULTS = {HOOK_DEFAULTS!r}\n" + HOOK_PLUGIN, acme_yaml="pack: acme\n" + RULES)
    _, out, _ = cli("plugins", "--format", "json")
    [mine] = [p for p in json.loads(out) if p["name"] == "acme_defaults"]
    assert mine["registered"]["defaults"] == ["ignore, severity, options"]


# checked at load ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("defaults", "problem"),
    [
        ("defaults:\n  severity: {PIL01: info}\n", 'acme.yaml:3: defaults: "PIL01" is no rule code, rule name or pack of its own (its rules: DEF01, DEF02)'),
        ("defaults:\n  ignore: [PIL]\n", 'acme.yaml:3: defaults: "PIL" designates no rule of its own (its rules: DEF01, DEF02)'),
        ("defaults:\n  severity: {DEF01: fatal}\n", "acme.yaml:3: `defaults.severity.DEF01` must be one of: error, warning, info"),
        ("defaults:\n  options: {DEF02: {max_partners: many}}\n", 'acme.yaml:3: defaults: invalid value for DEF02: must be a whole number; got text "many"'),
        ("defaults:\n  options: {DEF02: {max_parters: 3}}\n", 'acme.yaml:3: defaults: DEF02 has no option "max_parters" (its options: max_partners)'),
    ],
    ids=["another-plugin's-rule", "a-prefix-of-none-of-its-own", "wrong-severity", "wrong-option-type", "unknown-option"],
)
def test_a_bad_pack_default_is_a_broken_pack_at_its_line(cli, plugin, tmp_path: Path, monkeypatch, defaults: str, problem: str) -> None:  # noqa: F811
    monkeypatch.chdir(tmp_path)
    (tmp_path / "charte.yaml").write_text(CHARTER, encoding="utf-8")
    plugin("acme_defaults", HOOK_PLUGIN.split("@hookimpl\ndef register_defaults")[0], acme_yaml="pack: acme\n" + defaults + RULES)
    code, out, err = cli("check", "charte.yaml", "--format", "json", "--no-cache")
    assert code == 2
    [line] = error_lines(err)
    assert line.startswith("partnercheck: error: plugin 'acme_defaults' ships a broken rule pack: ") and line.endswith("; it was skipped")
    assert problem in line, line
    assert not [f for f in json.loads(out)["findings"] if f["code"].startswith("DEF")]


@pytest.mark.parametrize(
    ("defaults", "problem"),
    [
        ({"severity": {"PIL01": "info"}}, 'the defaults at /severity/PIL01: "PIL01" is no rule code, rule name or pack of its own'),
        ({"ignore": "DEF02"}, "the defaults at /ignore: "),
        ({"severity": {"DEF01": "fatal"}}, "the defaults at /severity/DEF01: "),
        ({"options": {"DEF02": {"max_partners": "many"}}}, 'the defaults at /options/DEF02/max_partners: invalid value for DEF02: must be a whole number; got text "many"'),
        ({"selected": ["DEF01"]}, "the defaults at /: "),
        (["DEF01"], "the defaults at /: the defaults are list, not a mapping of select, ignore, severity, options"),
    ],
    ids=["another-plugin's-rule", "ignore-not-a-list", "wrong-severity", "wrong-option-type", "unknown-key", "not-a-mapping"],
)
def test_a_bad_hook_default_is_a_load_error_naming_the_plugin(cli, plugin, tmp_path: Path, monkeypatch, defaults: object, problem: str) -> None:  # noqa: F811
    monkeypatch.chdir(tmp_path)
    (tmp_path / "charte.yaml").write_text(CHARTER, encoding="utf-8")
    plugin("acme_defaults", f"DEFAULTS = {defaults!r}\n" + HOOK_PLUGIN, acme_yaml="pack: acme\n" + RULES)
    code, out, err = cli("check", "charte.yaml", "--format", "json", "--no-cache")
    assert code == 2
    [line] = error_lines(err)
    assert line.startswith("partnercheck: error: plugin 'acme_defaults' could not register: ") and line.endswith("; it was skipped")
    assert problem in line, line
    assert "PIL01" in {f["code"] for f in json.loads(out)["findings"]}  # the built-in rules still run
    assert not [f for f in json.loads(out)["findings"] if f["code"].startswith("DEF")]


def test_a_local_pack_with_defaults_names_the_local_plugin_in_config(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "charte.yaml").write_text(CHARTER, encoding="utf-8")
    (tmp_path / "acme.yaml").write_text("pack: acme\n" + PACK_DEFAULTS + RULES, encoding="utf-8")
    code, out, _ = cli("check", "charte.yaml", "--rules", "acme.yaml", "--format", "json", "--no-cache", "--select", "acme")
    assert sorted(f["code"] for f in json.loads(out)["findings"]) == ["DEF01", "DEF02"]
    rows = config_rows(cli, "--rules", "acme.yaml")
    assert {"key": "severity.DEF01", "value": "error", "source": "plugin local:acme.yaml (pack acme.yaml)"} in rows
