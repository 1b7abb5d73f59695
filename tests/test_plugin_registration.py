"""Everything a plugin registers is checked when it loads (issue 18, items 3 and 5): a schema
extension against the metaschema, each `register` argument by type, hook names and markers.
A problem is one line naming the plugin and what it registered; the plugin is skipped, the
built-in rules still run, and nothing fails later as an internal error.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_support import error_lines
from test_plugins import CHARTER, charter, codes_of, no_installed_plugins, plugin  # noqa: F401  (fixtures)


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ('@hookimpl\ndef register_schema_extensions(register):\n    register("x-acme2", {"type": "bogus"})\n', "could not register: the schema extension 'x-acme2' at /type: invalid schema: 'bogus' is not valid under any of the given schemas"),
        ('@hookimpl\ndef register_schema_extensions(register):\n    register("x-acme2", {"$ref": "#/$defs/budget"})\n', "could not register: the schema extension 'x-acme2' at /$ref: $ref '#/$defs/budget' points to nothing in the schema"),
        ('@hookimpl\ndef register_schema_extensions(register):\n    register("x-acme2", ["object"])\n', "could not register: the schema extension 'x-acme2' at /: a JSON Schema is a mapping (or true/false), not list"),
        ('@hookimpl\ndef register_profiles(register):\n    register("acme-network", "funder")\n', "could not register: the profile 'acme-network' expects 'funder', not a list of partner types (write ['funder'])"),
        ('@hookimpl\ndef register_profiles(register):\n    register("acme-network", [["funder", 3]])\n', "could not register: the profile 'acme-network' expects ['funder', 3]: each expectation is a partner type or a list of partner types"),
        ('@hookimpl\ndef register_profiles(register):\n    register("acme-network", ["funder"], description=["x"])\n', "could not register: the profile 'acme-network': the description ['x'] (list) is not a string"),
        ('@hookimpl\ndef register_functions(register):\n    register(None, lambda ctx: [])\n', "could not register: a function named None: a name is a non-empty string"),
        ('@hookimpl\ndef register_reporters(register):\n    register("acme", "html")\n', "could not register: format 'acme' is not callable"),
        ("@hookimpl\ndef register_rule_packs(register):\n    register(42)\n", "could not register: the rule pack 42 (int): give a pathlib.Path, a str or an object with read_bytes()"),
        ("def register_functions(register):\n    pass\n", "defines register_functions without @hookimpl, so partnercheck would never call it"),
        ("def register_function(register):\n    pass\n", "defines register_function, which is no partnercheck hook (did you mean register_functions?)"),
        ("@hookimpl\ndef register_rule_pack(register):\n    pass\n", "defines register_rule_pack, which is no partnercheck hook (did you mean register_rule_packs?)"),
        ("@hookimpl\ndef check_everything(register):\n    pass\n", "cannot be registered: unknown hook 'check_everything' in plugin <module 'acme_reg'"),
        ("@hookimpl\ndef register_functions(reg):\n    pass\n", "cannot be registered: Plugin 'acme_reg' for hook 'register_functions' hookimpl definition: register_functions(reg) Argument(s) {'reg'} are declared in the hookimpl but can not be found in the hookspec"),
    ],
    ids=["extension-metaschema", "extension-dangling-ref", "extension-not-a-mapping", "profile-string", "profile-group", "profile-description", "function-name", "format-not-callable", "pack-type", "missing-hookimpl", "misspelt-unmarked", "misspelt-marked", "unknown-hook", "hook-argument"],
)
def test_what_a_plugin_registers_is_checked_at_load(cli, plugin, charter, source: str, problem: str) -> None:
    plugin("acme_reg", source)
    code, out, err = cli("plugins", "--format", "json")
    assert code == 2
    [line] = error_lines(err)
    assert line.startswith(f"partnercheck: error: plugin 'acme_reg' {problem}") and line.endswith("; it was skipped"), line
    code, out, err = cli("check", charter, "--format", "json")
    assert code == 2 and "PIL01" in codes_of(out) and "internal error" not in err


def test_an_invalid_extension_never_aborts_a_folder_check(cli, plugin, tmp_path: Path) -> None:
    plugin("acme_ext", '@hookimpl\ndef register_schema_extensions(register):\n    register("x-acme2", {"type": "bogus"})\n')
    folder = tmp_path / "charters"
    folder.mkdir()
    for name in ("a.yaml", "b.yaml"):
        (folder / name).write_text(CHARTER + "x-acme2: 3\n", encoding="utf-8")
    code, out, err = cli("check", str(folder), "--format", "json", "--no-cache")
    assert code == 2 and "internal error" not in err and "acme_ext" in err
    assert {f["path"] for f in __import__("json").loads(out)["findings"]} == {str(folder / "a.yaml"), str(folder / "b.yaml")}


def test_a_helper_named_like_no_hook_is_left_alone(cli, plugin, charter) -> None:
    plugin("acme_ok", "def register_everything_for_tests(register):\n    pass\n")
    code, _, err = cli("check", charter, "--format", "json")
    assert (code, err) == (1, "")


def test_config_shows_a_plugin_s_option_defaults_and_where_they_come_from(cli, tmp_path: Path, monkeypatch) -> None:
    import json

    from test_plugins import pack, rule

    with_option = rule("OPT01", "has-option", "{select: /partners/*, schema: {required: [mission]}}").replace("  check:", "  options:\n    max: {default: 3, schema: {type: integer}}\n    kinds: {default: [funder], schema: {type: array}}\n  check:")
    (tmp_path / "acme.yaml").write_text(pack(with_option), encoding="utf-8")
    (tmp_path / "c.yaml").write_text(CHARTER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli("config", "c.yaml", "--rules", "acme.yaml", "--format", "json")
    rows = {row["key"]: (row["value"], row["source"]) for row in json.loads(out)["values"]}
    assert code == 0
    assert rows["options.OPT01.max"] == (3, "default of plugin local:acme.yaml, acme.yaml")
    assert rows["options.OPT01.kinds"] == (["funder"], "default of plugin local:acme.yaml, acme.yaml")
    assert not any(key.startswith("options.PIL") for key in rows), "the built-in rules' options stay summed up in one row"
    (tmp_path / ".partnercheck.yaml").write_text("options:\n  OPT01: {max: 3}\n", encoding="utf-8")
    rows = {row["key"]: (row["value"], row["source"]) for row in json.loads(cli("config", "c.yaml", "--rules", "acme.yaml", "--format", "json")[1])["values"]}
    assert rows["options.OPT01.max"] == (3, ".partnercheck.yaml:2")
    assert rows["options.OPT01.kinds"][1] == "default of plugin local:acme.yaml, acme.yaml"
