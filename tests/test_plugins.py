"""Plugins that go wrong, and the ways to load or leave out rules.

Each plugin here is a real module written to a temporary folder and named in
`PARTNERCHECK_PLUGINS` (or exposed through a fake entry point). Whatever the
plugin does wrong, the user gets one plain line naming it on stderr, the
built-in rules still run and report, and the exit code is 2.
"""

from __future__ import annotations

import importlib
import json
import sys
import textwrap
from importlib.metadata import EntryPoint
from pathlib import Path
from typing import Callable

import pytest

CHARTER = """\
partnercheck: 1
charter: {id: plateforme, title: Plateforme}
partners:
  - {id: region, name: Conseil régional, type: funder}
"""

HEADER = """\
from pathlib import Path
from partnercheck import BareFinding, hookimpl
HERE = Path(__file__).parent
"""


def rule(code: str, name: str, check: str, message: str = "{name} is not healthy") -> str:
    """One rule of a pack, as YAML text (valid unless the test breaks it)."""
    return textwrap.dedent(
        f"""\
          - code: {code}
            name: {name}
            severity: warning
            summary: A test rule.
            why: Tests need a rule.
            message: "{message}"
            check: {check}
            examples:
              fail: "partnercheck: 1"
              pass: "partnercheck: 1"
        """
    )


def pack(*rules: str, name: str = "acme") -> str:
    return f"pack: {name}\nrules:\n" + "".join(textwrap.indent(r, "  ") for r in rules)


PARTNER_NEEDS_REPRESENTATIVE = "{select: /partners/*, schema: {required: [representative]}}"


@pytest.fixture(autouse=True)
def no_installed_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the plugins a test makes: whatever is installed in this environment stays out."""
    monkeypatch.setenv("PARTNERCHECK_DISABLE_PLUGIN_AUTOLOAD", "1")
    monkeypatch.delenv("PARTNERCHECK_PLUGINS", raising=False)


@pytest.fixture
def charter(tmp_path: Path) -> str:
    path = tmp_path / "charte.yaml"
    path.write_text(CHARTER, encoding="utf-8")
    return str(path)


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """`plugin(name, source, pack_yaml=text)` writes module `name` (and `pack.yaml`) and names it in PARTNERCHECK_PLUGINS."""
    folder = tmp_path / "plugins"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    made: list[str] = []

    def make(name: str, source: str, **files: str) -> Path:
        (folder / f"{name}.py").write_text(HEADER + textwrap.dedent(source), encoding="utf-8")
        for filename, text in files.items():
            (folder / filename.replace("_yaml", ".yaml")).write_text(text, encoding="utf-8")
        monkeypatch.delitem(sys.modules, name, raising=False)
        made.append(name)
        monkeypatch.setenv("PARTNERCHECK_PLUGINS", ",".join(made))
        importlib.invalidate_caches()
        return folder

    return make


PACK_PLUGIN = """
@hookimpl
def register_rule_packs(register):
    register(HERE / "{pack}.yaml")
"""


def findings_of(out: str) -> list[dict]:
    return json.loads(out)["findings"]


def codes_of(out: str) -> set[str]:
    return {f["code"] for f in findings_of(out)}


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.strip()]


# a plugin that cannot be loaded ------------------------------------------------------


def test_a_plugin_raising_on_import_is_named_and_the_builtin_rules_still_run(cli, plugin, charter) -> None:
    plugin("acme_broken", "raise RuntimeError('the database is not configured')\n")
    code, out, err = cli("check", charter, "--format", "json")
    assert code == 2
    assert error_lines(err) == ["partnercheck: error: plugin 'acme_broken' failed to import: RuntimeError: the database is not configured; it was skipped"]
    assert "PIL01" in codes_of(out)
    assert json.loads(out)["errors"] == ["plugin 'acme_broken' failed to import: RuntimeError: the database is not configured; it was skipped"]


def test_the_text_report_still_shows_the_findings_and_no_traceback(cli, plugin, charter) -> None:
    plugin("acme_broken", "import json\njson.loads('{')\n")
    code, out, err = cli("check", charter)
    assert code == 2
    assert "PIL01" in out
    assert "Traceback" not in out + err
    [line] = error_lines(err)
    assert line.startswith("partnercheck: error: plugin 'acme_broken' failed to import: JSONDecodeError: ")


def test_a_plugin_that_exits_on_import_does_not_end_the_run(cli, plugin, charter) -> None:
    plugin("acme_exit", "import sys\nsys.exit(3)\n")
    code, out, err = cli("check", charter, "--format", "json")
    assert code == 2 and "PIL01" in codes_of(out)
    assert error_lines(err) == ["partnercheck: error: plugin 'acme_exit' failed to import: SystemExit: 3; it was skipped"]


def test_a_plugin_module_that_does_not_exist_is_named(cli, monkeypatch, charter) -> None:
    monkeypatch.setenv("PARTNERCHECK_PLUGINS", "acme_not_installed")
    code, out, err = cli("check", charter, "--format", "json")
    assert code == 2 and "PIL01" in codes_of(out)
    assert "plugin 'acme_not_installed' failed to import: ModuleNotFoundError: No module named 'acme_not_installed'" in err


def test_plugins_lists_a_skipped_plugin_with_its_reason(cli, plugin) -> None:
    plugin("acme_broken", "raise RuntimeError('boom')\n")
    code, out, err = cli("plugins", "--format", "json")
    assert code == 2
    listed = {p["name"]: p for p in json.loads(out)}
    assert listed["acme_broken"]["error"] == "failed to import: RuntimeError: boom"
    assert listed["core"]["error"] is None and "PIL01" in listed["core"]["registered"]["rules"]
    code, out, _ = cli("plugins")
    assert code == 2 and "skipped: failed to import: RuntimeError: boom" in " ".join(out.split())


def test_rules_still_lists_the_builtin_rules_when_a_plugin_is_broken(cli, plugin) -> None:
    plugin("acme_broken", "raise RuntimeError('boom')\n")
    code, out, err = cli("rules", "--format", "json")
    assert code == 2 and "acme_broken" in err
    assert {"PIL01", "ACC02"} <= {r["code"] for r in json.loads(out)}


def test_an_entry_point_that_fails_is_named_by_the_entry_point(cli, monkeypatch, charter) -> None:
    from partnercheck.plugins import manager as plugins

    monkeypatch.delenv("PARTNERCHECK_DISABLE_PLUGIN_AUTOLOAD")
    fake = [EntryPoint("acme", "acme_not_installed_anywhere", "partnercheck")]
    monkeypatch.setattr(plugins, "entry_points", lambda group: fake if group == "partnercheck" else [])
    code, out, err = cli("check", charter, "--format", "json")
    assert code == 2 and "PIL01" in codes_of(out)
    assert error_lines(err) == ["partnercheck: error: plugin 'acme' failed to import: ModuleNotFoundError: No module named 'acme_not_installed_anywhere'; it was skipped"]
    assert cli("check", charter, "--disable-plugin", "acme")[::2] == (1, "")
    assert cli("check", charter, "--no-plugins")[::2] == (1, "")


def test_an_installed_plugin_also_named_in_the_environment_loads_once(cli, plugin, monkeypatch) -> None:
    from partnercheck.plugins import manager as plugins

    plugin("acme_twice", PACK_PLUGIN.format(pack="twice"), twice_yaml=pack(rule("TWI01", "twice-rule", PARTNER_NEEDS_REPRESENTATIVE)))
    monkeypatch.delenv("PARTNERCHECK_DISABLE_PLUGIN_AUTOLOAD")
    fake = [EntryPoint("acme-twice", "acme_twice", "partnercheck")]
    monkeypatch.setattr(plugins, "entry_points", lambda group: fake if group == "partnercheck" else [])
    code, out, err = cli("rules", "--format", "json")
    assert (code, err) == (0, "")
    assert [r["plugin"] for r in json.loads(out) if r["code"] == "TWI01"] == ["acme-twice"]


# a plugin whose registration goes wrong ------------------------------------------------


def test_a_hook_that_raises_skips_the_whole_plugin(cli, plugin, charter) -> None:
    plugin(
        "acme_hook",
        PACK_PLUGIN.format(pack="hook")
        + """
@hookimpl
def register_functions(register):
    raise ValueError("the settings file is missing")
""",
        hook_yaml=pack(rule("HOK01", "hook-rule", PARTNER_NEEDS_REPRESENTATIVE)),
    )
    code, out, err = cli("check", charter, "--format", "json")
    assert code == 2
    assert error_lines(err) == ["partnercheck: error: plugin 'acme_hook' raised ValueError while registering: the settings file is missing; it was skipped"]
    assert "HOK01" not in codes_of(out), "what the plugin registered before failing must not stay"
    assert "PIL01" in codes_of(out)
    code, out, _ = cli("plugins", "--format", "json")
    [listed] = [p for p in json.loads(out) if p["name"] == "acme_hook"]
    assert (code, listed["registered"]) == (2, {})
    assert listed["error"] == "raised ValueError while registering: the settings file is missing"


def test_a_duplicate_code_is_refused_and_the_plugin_skipped(cli, plugin, charter) -> None:
    plugin(
        "acme_dup",
        PACK_PLUGIN.format(pack="dup"),
        dup_yaml=pack(rule("DUP01", "dup-rule", PARTNER_NEEDS_REPRESENTATIVE), rule("ACC02", "another-accountables", PARTNER_NEEDS_REPRESENTATIVE)),
    )
    code, out, err = cli("check", charter, "--format", "json")
    assert code == 2
    assert error_lines(err) == ["partnercheck: error: plugin 'acme_dup' could not register: rule ACC02 is already registered by plugin 'core'; it was skipped"]
    assert "DUP01" not in codes_of(out) and "PIL01" in codes_of(out)
    code, out, _ = cli("rules", "--format", "json")
    assert [r["plugin"] for r in json.loads(out) if r["code"] == "ACC02"] == ["core"]


def test_a_duplicate_name_between_two_plugins_names_the_second(cli, plugin) -> None:
    plugin("acme_one", PACK_PLUGIN.format(pack="one"), one_yaml=pack(rule("ONE01", "shared-name", PARTNER_NEEDS_REPRESENTATIVE)))
    plugin("acme_two", PACK_PLUGIN.format(pack="two"), two_yaml=pack(rule("TWO01", "shared-name", PARTNER_NEEDS_REPRESENTATIVE)))
    code, out, err = cli("rules", "--format", "json")
    assert code == 2
    assert error_lines(err) == ["partnercheck: error: plugin 'acme_two' could not register: rule shared-name is already registered by plugin 'acme_one'; it was skipped"]
    assert {"ONE01"} == {r["code"] for r in json.loads(out) if r["plugin"].startswith("acme")}


@pytest.mark.parametrize(
    ("hook", "call", "message"),
    [
        ("register_reporters", 'register("json", lambda run, options: "")', "format 'json' is already registered by plugin 'core'"),
        ("register_functions", 'register("accountability.multiple_accountables", lambda ctx: [])', "function 'accountability.multiple_accountables' is already registered by plugin 'core'"),
        ("register_functions", 'register("acme.not_callable", 42)', "function 'acme.not_callable' is not callable"),
        ("register_profiles", 'register("training-platform", ["funder"])', "profile 'training-platform' is already registered by plugin 'core'"),
        ("register_schema_extensions", 'register("acme", {"type": "object"})', "schema extension key 'acme' must start with 'x-'"),
    ],
    ids=["format", "function", "not-callable", "profile", "extension-key"],
)
def test_an_invalid_registration_is_refused(cli, plugin, charter, hook: str, call: str, message: str) -> None:
    plugin("acme_reg", f"\n@hookimpl\ndef {hook}(register):\n    {call}\n")
    code, out, err = cli("check", charter, "--format", "json")
    assert code == 2 and "PIL01" in codes_of(out)
    assert error_lines(err) == [f"partnercheck: error: plugin 'acme_reg' could not register: {message}; it was skipped"]


# a broken pack ---------------------------------------------------------------------------


def test_a_broken_pack_names_the_file_the_line_and_the_problem(cli, plugin, charter) -> None:
    broken = pack(rule("BRK01", "broken-rule", PARTNER_NEEDS_REPRESENTATIVE)).replace("severity: warning", "severity: fatal")
    assert broken.splitlines()[4] == "    severity: fatal"
    folder = plugin("acme_pack", PACK_PLUGIN.format(pack="broken"), broken_yaml=broken)
    code, out, err = cli("check", charter, "--format", "json")
    assert code == 2 and "PIL01" in codes_of(out)
    assert error_lines(err) == [
        f"partnercheck: error: plugin 'acme_pack' ships a broken rule pack: {folder / 'broken.yaml'}:5: `rules[0].severity` must be one of: error, warning, info; got \"fatal\"; it was skipped"
    ]


def test_a_pack_that_is_not_yaml_names_the_line(cli, plugin, charter) -> None:
    folder = plugin("acme_yaml", PACK_PLUGIN.format(pack="notyaml"), notyaml_yaml='pack: acme\nrules:\n  - code: "BRK01\n    name: x\n')
    code, _, err = cli("check", charter)
    assert code == 2
    [line] = error_lines(err)
    assert line.startswith(f"partnercheck: error: plugin 'acme_yaml' ships a broken rule pack: {folder / 'notyaml.yaml'}:")
    assert line.endswith("; it was skipped") and "Traceback" not in err


def test_an_option_default_outside_its_schema_is_a_broken_pack(cli, plugin) -> None:
    text = pack(rule("OPT01", "option-rule", PARTNER_NEEDS_REPRESENTATIVE)) + "    options:\n      max: {default: -1, schema: {type: integer, minimum: 0}}\n"
    plugin("acme_opt", PACK_PLUGIN.format(pack="opt"), opt_yaml=text)
    code, _, err = cli("rules")
    assert code == 2
    assert "ships a broken rule pack" in err and "OPT01: default of option 'max' does not satisfy its schema" in err


# a rule that crashes or returns nonsense ------------------------------------------------

CRASHING = (
    PACK_PLUGIN.format(pack="crash")
    + """
def budget(ctx):
    return [BareFinding(p.pointer, {"amount": p.value["budget"]}) for p in ctx.partners]

@hookimpl
def register_functions(register):
    register("acme.budget", budget)
"""
)
CRASH_PACK = pack(rule("CRA01", "budget-stated", "{function: acme.budget}"), rule("CRA02", "representative-named", PARTNER_NEEDS_REPRESENTATIVE))


def test_a_rule_that_raises_becomes_int01_naming_rule_and_plugin(cli, plugin, charter) -> None:
    plugin("acme_crash", CRASHING, crash_yaml=CRASH_PACK)
    code, out, err = cli("check", charter, "--format", "json")
    assert code == 2
    crashed = [f for f in findings_of(out) if f["code"] == "INT01"]
    assert [f["message"] for f in crashed] == ["Rule CRA01 (budget-stated) from plugin 'acme_crash' failed: KeyError: 'budget'"]
    assert {"CRA02", "PIL01"} <= codes_of(out), "the other rules still run"
    assert "Traceback" not in out + err


@pytest.mark.parametrize("debug", [("check", "{charter}", "--debug"), ("--debug", "check", "{charter}")], ids=["after-the-command", "before-the-command"])
def test_the_traceback_of_a_crashed_rule_only_shows_with_debug(cli, plugin, charter, debug: tuple[str, ...]) -> None:
    plugin("acme_crash", CRASHING, crash_yaml=CRASH_PACK)
    code, out, err = cli("check", charter)
    assert code == 2 and "INT01" in out and "Traceback" not in out + err
    code, out, err = cli(*(arg.format(charter=charter) for arg in debug))
    assert code == 2
    assert "Traceback (most recent call last)" in err and "KeyError: 'budget'" in err
    assert "Traceback" not in out


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ('return [{"pointer": "/partners/0"}]', "returned dict where a BareFinding"),
        ('return [BareFinding("partners/0")]', "returned a malformed BareFinding (pointer 'partners/0')"),
        ('return [BareFinding("/partners/0", params=["region"])]', "returned a malformed BareFinding (pointer '/partners/0')"),
        ("return 42", "failed: TypeError: "),
        ("raise SystemExit(1)", "failed: SystemExit: 1"),
    ],
    ids=["dict", "relative-pointer", "params-not-a-mapping", "not-iterable", "exits"],
)
def test_a_malformed_result_becomes_int01(cli, plugin, charter, body: str, problem: str) -> None:
    source = PACK_PLUGIN.format(pack="bad") + f"\ndef bad(ctx):\n    {body}\n\n@hookimpl\ndef register_functions(register):\n    register('acme.bad', bad)\n"
    plugin("acme_bad", source, bad_yaml=pack(rule("BAD01", "bad-result", "{function: acme.bad}"), rule("BAD02", "still-runs", PARTNER_NEEDS_REPRESENTATIVE)))
    code, out, err = cli("check", charter, "--format", "json")
    assert code == 2
    [crashed] = [f for f in findings_of(out) if f["code"] == "INT01"]
    assert crashed["message"].startswith("Rule BAD01 (bad-result) from plugin 'acme_bad' ")
    assert problem in crashed["message"]
    assert {"BAD02", "PIL01"} <= codes_of(out)
    assert "Traceback" not in out + err


# --rules PATH: extra packs from files (no code runs) -------------------------------------

LOCAL_PACK = pack(
    rule("LOC01", "funder-states-contributions", "{select: /partners/*, where: {properties: {type: {const: funder}}}, schema: {required: [contributions]}}", "Funder `{id}` states no contributions"),
    name="local",
)


def test_rules_option_loads_an_extra_yaml_pack(cli, tmp_path, charter) -> None:
    path = tmp_path / "local.yaml"
    path.write_text(LOCAL_PACK, encoding="utf-8")
    code, out, err = cli("check", charter, "--rules", str(path), "--format", "json", "--select", "LOC01")
    assert (code, err) == (1, "")
    [finding] = findings_of(out)
    assert (finding["code"], finding["pointer"], finding["line"], finding["message"], finding["plugin"]) == ("LOC01", "/partners/0", 4, "Funder `region` states no contributions", f"local:{path}")
    code, out, _ = cli("rules", "--rules", str(path), "--pack", "local", "--format", "json")
    assert code == 0 and [(r["code"], r["plugin"]) for r in json.loads(out)] == [("LOC01", f"local:{path}")]
    code, out, _ = cli("rule", "LOC01", "--rules", str(path))
    assert code == 0 and "funder-states-contributions" in out


def test_rules_option_with_a_broken_pack_is_a_clear_error(cli, tmp_path, charter) -> None:
    path = tmp_path / "local.yaml"
    path.write_text(LOCAL_PACK.replace("code: LOC01", "code: loc1"), encoding="utf-8")
    code, out, err = cli("check", charter, "--rules", str(path), "--format", "json")
    assert code == 2 and "PIL01" in codes_of(out)
    [line] = error_lines(err)
    assert line.startswith(f"partnercheck: error: rule pack {path}: {path}:3: `rules[0].code`")
    assert '"loc1"' in line and "Traceback" not in err


def test_rules_option_with_a_missing_file(cli, tmp_path, charter) -> None:
    path = tmp_path / "nowhere.yaml"
    code, _, err = cli("check", charter, "--rules", str(path))
    assert code == 2
    assert f"rule pack {path}: {path}:1: cannot read the rule pack" in err


def test_rules_option_names_a_function_nobody_registered(cli, tmp_path, charter) -> None:
    path = tmp_path / "local.yaml"
    path.write_text(pack(rule("LOC02", "needs-code", "{function: acme.nowhere}"), name="local"), encoding="utf-8")
    code, out, err = cli("check", charter, "--rules", str(path), "--format", "json")
    assert code == 2 and "LOC02" not in codes_of(out)
    assert f"rule LOC02 (local:{path}) names the function 'acme.nowhere', which no plugin registered; the rule was skipped" in err


def test_rules_option_refuses_a_pack_clashing_with_a_builtin_code(cli, tmp_path, charter) -> None:
    path = tmp_path / "local.yaml"
    path.write_text(pack(rule("PIL01", "my-pilot", PARTNER_NEEDS_REPRESENTATIVE), name="local"), encoding="utf-8")
    code, out, err = cli("check", charter, "--rules", str(path), "--format", "json")
    assert code == 2
    assert f"rule pack {path}: rule PIL01 is already registered by plugin 'core'" in err
    assert [f["plugin"] for f in findings_of(out) if f["code"] == "PIL01"] == ["core"]


# --disable-plugin --------------------------------------------------------------------------


def test_disable_plugin_skips_a_broken_plugin(cli, plugin, charter) -> None:
    plugin("acme_broken", "raise RuntimeError('boom')\n")
    code, out, err = cli("check", charter, "--disable-plugin", "acme_broken", "--format", "json")
    assert (code, err) == (1, "")
    assert "PIL01" in codes_of(out)


def test_disable_plugin_removes_its_rules(cli, plugin, charter) -> None:
    plugin("acme_crash", CRASHING, crash_yaml=CRASH_PACK)
    code, out, _ = cli("rules", "--format", "json", "--disable-plugin", "acme_crash")
    assert code == 0 and not {"CRA01", "CRA02"} & {r["code"] for r in json.loads(out)}
    code, out, err = cli("check", charter, "--format", "json", "--disable-plugin", "acme_crash")
    assert (code, err) == (1, "") and not {"CRA01", "CRA02", "INT01"} & codes_of(out)
    code, out, _ = cli("plugins", "--format", "json", "--disable-plugin", "acme_crash")
    assert [p["name"] for p in json.loads(out)] == ["core"]


def _format_lines(out: str) -> dict[str, str]:
    """`check --help`'s list of formats: name → its line."""
    listed = out.split("formats (--format NAME or NAME:PATH):\n", 1)[1]
    return {line.split()[0]: line.split(None, 1)[1] for line in listed.splitlines() if line.startswith("  ")}


def test_check_help_lists_every_built_in_format_with_a_line_each(cli) -> None:
    from partnercheck.report.formats import BUILTIN

    code, out, _ = cli("check", "--help")
    assert code == 0
    lines = _format_lines(out)
    assert set(lines) == set(BUILTIN)
    assert lines["sarif"].startswith("SARIF 2.1.0") and "default" in lines["text"]


def test_check_help_lists_a_plugin_format_from_its_docstring(cli, plugin) -> None:
    plugin(
        "acme_formats",
        '''
        def render_csv(run, options):
            """one line per finding, as CSV for a spreadsheet"""
            return ""

        @hookimpl
        def register_reporters(register):
            register("csv", render_csv)
            register("bare", lambda run, options: "")
        ''',
    )
    code, out, _ = cli("check", "--help")
    assert code == 0
    lines = _format_lines(out)
    assert lines["csv"] == "one line per finding, as CSV for a spreadsheet (plugin acme_formats)"
    assert lines["bare"] == "a format from plugin acme_formats"
    assert "text" in lines
