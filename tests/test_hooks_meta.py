"""The plugin API is documented and works: every hook of `hookspecs.py` is in
docs/plugins.md with its exact signature and docstring, and a small plugin
registering through each hook sees its registration take effect."""

from __future__ import annotations

import ast
import inspect
import json
import re
import sys
import types
from pathlib import Path
from typing import Any, Callable

import pytest
from paths import ROOT

from partnercheck import BareFinding, hookimpl
from partnercheck.plugins import hookspecs
from partnercheck.plugins.manager import HOOKS, PluginSelection, load_registry
from partnercheck.resources import load_schema
from partnercheck.rules.context import Charter, RuleContext
from partnercheck.testing import lint_text

DOC = ROOT / "docs" / "plugins.md"
SPECS: dict[str, Callable[..., Any]] = {
    name: func for name, func in vars(hookspecs).items() if callable(func) and hasattr(func, f"{hookspecs.PROJECT}_spec")
}


# the documentation ------------------------------------------------------------------------


def signature_text(func: Callable[..., Any]) -> str:
    """`(register: Callable[[Any], None]) -> None`, from inspect.signature, annotations as written."""
    sig = inspect.signature(func)

    def shown(annotation: Any) -> str:
        return annotation if isinstance(annotation, str) else inspect.formatannotation(annotation)

    params = ", ".join(f"{p.name}: {shown(p.annotation)}" for p in sig.parameters.values())
    return f"({params}) -> {shown(sig.return_annotation)}"


def documented_hooks() -> dict[str, ast.FunctionDef]:
    """Each `### \\`hook\\`` of the hook reference with the function its python block defines."""
    text = DOC.read_text(encoding="utf-8")
    reference = text.split("\n## Hook reference\n", 1)[1].split("\n## ", 1)[0]
    found: dict[str, ast.FunctionDef] = {}
    for heading, body in re.findall(r"^### `([a-z_]+)`\n(.*?)(?=^### |\Z)", reference, flags=re.M | re.S):
        block = re.search(r"```python\n(.*?)```", body, flags=re.S)
        assert block is not None, f"docs/plugins.md: hook {heading} has no python block"
        [func] = ast.parse(block.group(1)).body
        assert isinstance(func, ast.FunctionDef)
        found[heading] = func
    return found


def test_the_hook_list_the_loader_calls_is_every_hookspec() -> None:
    assert set(SPECS) == set(HOOKS)
    assert len(SPECS) == 6


@pytest.mark.parametrize("name", sorted(SPECS))
def test_each_hookspec_has_a_docstring_describing_register(name: str) -> None:
    doc = inspect.getdoc(SPECS[name]) or ""
    assert ":param register:" in doc and "Since " in doc
    assert list(inspect.signature(SPECS[name]).parameters) == ["register"]


def test_the_doc_names_every_hook_and_no_other() -> None:
    assert sorted(documented_hooks()) == sorted(SPECS)


@pytest.mark.parametrize("name", sorted(SPECS))
def test_the_doc_gives_each_hook_its_exact_signature(name: str) -> None:
    func = documented_hooks()[name]
    assert func.name == name
    args = ", ".join(f"{a.arg}: {ast.unparse(a.annotation)}" for a in func.args.args if a.annotation is not None)
    documented = f"({args}) -> {ast.unparse(func.returns) if func.returns else ''}"
    assert documented == signature_text(SPECS[name])


@pytest.mark.parametrize("name", sorted(SPECS))
def test_the_doc_gives_each_hook_its_docstring(name: str) -> None:
    assert ast.get_docstring(documented_hooks()[name]) == inspect.getdoc(SPECS[name])


def test_the_doc_explains_every_field_of_the_rule_pack_schema() -> None:
    text = DOC.read_text(encoding="utf-8")

    def fields(node: Any) -> set[str]:
        out: set[str] = set()
        if isinstance(node, dict):
            out |= set(node.get("properties", {}))
            for value in node.values():
                out |= fields(value)
        elif isinstance(node, list):
            for value in node:
                out |= fields(value)
        return out

    missing = sorted(f for f in fields(load_schema("rule-pack")) if f"`{f}`" not in text)
    assert missing == []


def test_the_doc_lists_every_index_of_the_rule_context() -> None:
    text = DOC.read_text(encoding="utf-8")
    public = {n for n in dir(Charter) if not n.startswith("_")} - {"data", "path"}
    context = {f"ctx.{n}" for n in RuleContext.__dataclass_fields__} | {"ctx.data", "ctx.path"}
    bare = set(BareFinding.__dataclass_fields__)
    missing = sorted(n for n in public | context | bare if f"`{n}" not in text)
    assert missing == []


def test_the_yaml_case_file_of_the_doc_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The example of `test_*.cases.yaml` in the doc passes, against the template plugin it is about."""
    from partnercheck.testing import load_case_file, run_case

    text = DOC.read_text(encoding="utf-8").split("\n### In YAML\n", 1)[1]
    block = re.search(r"```yaml\n(.*?)```", text, flags=re.S)
    assert block is not None
    cases_file = tmp_path / "test_doc.cases.yaml"
    cases_file.write_text(block.group(1), encoding="utf-8")
    monkeypatch.delenv("PARTNERCHECK_PLUGINS", raising=False)
    monkeypatch.syspath_prepend(str(ROOT / "examples" / "partnercheck-plugin-example" / "src"))
    registry = load_registry(PluginSelection(modules=("partnercheck_plugin_example",), autoload=False))
    cases, modules, packs = load_case_file(cases_file)
    assert [c.rule for c in cases] == ["ORG01", "ORG02"] and (modules, packs) == ((), ())
    for case in cases:
        run_case(case, registry)


# each hook, exercised by a small plugin ------------------------------------------------------

PACK = """\
pack: hooks-meta
rules:
  - code: HKM01
    name: hooks-meta-declarative
    severity: warning
    summary: A partner without a mission.
    why: Testing the rule-pack hook.
    message: "Partner `{id}` states no mission."
    check: {select: /partners/*, schema: {required: [mission]}}
    examples: {fail: "partnercheck: 1", pass: "partnercheck: 1"}
  - code: HKM02
    name: hooks-meta-function
    severity: info
    summary: Counts partners.
    why: Testing the functions hook.
    message: "{count} partner(s), more than {max}."
    options:
      max: {default: 0, schema: {type: integer, minimum: 0}}
    check: {function: hooks_meta.count_partners}
    examples: {fail: "partnercheck: 1", pass: "partnercheck: 1"}
"""

EXTENSION = {"type": "object", "additionalProperties": False, "properties": {"level": {"enum": [1, 2, 3]}}}

CHARTER = """\
partnercheck: 1
charter: {id: reseau, title: Réseau, profile: insertion-network}
partners:
  - {id: region, name: Conseil régional, type: funder, mission: financer}
  - {id: rectorat, name: Rectorat, type: institution}
x-hooks-meta: {level: 7}
"""


def count_partners(ctx: RuleContext):  # type: ignore[no-untyped-def]
    if len(ctx.partners) > ctx.options["max"]:
        yield BareFinding("/partners", {"count": len(ctx.partners), "max": ctx.options["max"]})


def codes_report(run: Any, options: Any) -> str:
    return "".join(f"{f.code} {f.pointer}\n" for f in run.findings)


@pytest.fixture
def meta_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A module implementing the six hooks, importable as `hooks_meta_plugin`."""
    pack = tmp_path / "hooks-meta.yaml"
    pack.write_text(PACK, encoding="utf-8")
    module = types.ModuleType("hooks_meta_plugin")

    @hookimpl
    def register_rule_packs(register):  # type: ignore[no-untyped-def]
        register(pack)

    @hookimpl
    def register_functions(register):  # type: ignore[no-untyped-def]
        register("hooks_meta.count_partners", count_partners)

    @hookimpl
    def register_reporters(register):  # type: ignore[no-untyped-def]
        register("codes", codes_report)

    @hookimpl
    def register_profiles(register):  # type: ignore[no-untyped-def]
        register("insertion-network", ["funder", ["association", "beneficiary_representative"]], description="An insertion network.")

    @hookimpl
    def register_schema_extensions(register):  # type: ignore[no-untyped-def]
        register("x-hooks-meta", EXTENSION)

    @hookimpl
    def register_defaults(register):  # type: ignore[no-untyped-def]
        register({"severity": {"HKM01": "error"}})

    for hook in (register_rule_packs, register_functions, register_reporters, register_profiles, register_schema_extensions, register_defaults):
        setattr(module, hook.__name__, hook)
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setenv("PARTNERCHECK_DISABLE_PLUGIN_AUTOLOAD", "1")
    monkeypatch.setenv("PARTNERCHECK_PLUGINS", module.__name__)
    return module.__name__


@pytest.fixture
def registry(meta_plugin: str):  # type: ignore[no-untyped-def]
    loaded = load_registry(PluginSelection(modules=(meta_plugin,), autoload=False))
    assert loaded.errors == []
    return loaded


def test_the_plugin_implements_every_hook(meta_plugin: str) -> None:
    assert {name for name in SPECS if hasattr(sys.modules[meta_plugin], name)} == set(SPECS)


def test_register_rule_packs_adds_rules_that_fire(registry) -> None:  # type: ignore[no-untyped-def]
    rule = registry.rules["HKM01"]
    assert (rule.plugin, rule.pack, registry.find("hooks-meta-declarative")) == ("hooks_meta_plugin", "hooks-meta", rule)
    findings = lint_text(CHARTER, select=["HKM01"], registry=registry)
    assert [(f.code, f.pointer, f.line, f.message, f.plugin) for f in findings] == [
        ("HKM01", "/partners/1", 5, "Partner `rectorat` states no mission.", "hooks_meta_plugin")
    ]


def test_register_functions_adds_a_check_reading_its_options(registry) -> None:  # type: ignore[no-untyped-def]
    assert registry.functions["hooks_meta.count_partners"] == (count_partners, "hooks_meta_plugin")
    findings = lint_text(CHARTER, select=["HKM02"], registry=registry)
    assert [(f.pointer, f.message) for f in findings] == [("/partners", "2 partner(s), more than 0.")]
    assert lint_text(CHARTER, select=["HKM02"], options={"HKM02": {"max": 2}}, registry=registry) == []


def test_register_reporters_adds_a_format(cli, meta_plugin: str, tmp_path: Path) -> None:
    charter = tmp_path / "reseau.yaml"
    charter.write_text(CHARTER, encoding="utf-8")
    code, out, err = cli("check", str(charter), "--format", "codes", "--select", "HKM01,HKM02")
    assert (code, err) == (1, "")
    assert out.splitlines() == ["HKM02 /partners", "HKM01 /partners/1"]
    code, out, _ = cli("plugins", "--format", "json")
    [mine] = [p for p in json.loads(out) if p["name"] == meta_plugin]
    assert mine["registered"] == {
        "rules": ["HKM01", "HKM02"],
        "functions": ["hooks_meta.count_partners"],
        "formats": ["codes"],
        "profiles": ["insertion-network"],
        "schema extensions": ["x-hooks-meta"],
        "defaults": ["severity"],
    }


def test_register_profiles_adds_a_profile_that_mem02_reads(registry, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    profile = registry.profiles["insertion-network"]
    assert (profile.expects, profile.plugin) == ((("funder",), ("association", "beneficiary_representative")), "hooks_meta_plugin")
    findings = lint_text(CHARTER, select=["MEM02"], registry=registry)
    assert [(f.code, f.plugin) for f in findings] == [("MEM02", "core")]
    assert "association, beneficiary_representative" in findings[0].message
    monkeypatch.delenv("PARTNERCHECK_PLUGINS")
    without = load_registry(PluginSelection(autoload=False))
    [unknown] = lint_text(CHARTER, select=["MEM02"], registry=without)
    assert "`insertion-network` is not registered" in unknown.message


def test_register_schema_extensions_validates_the_plugin_key(registry, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    wrong = [f for f in lint_text(CHARTER, select=["SCH01"], registry=registry) if f.code == "SCH01"]
    assert [(f.pointer, f.line) for f in wrong] == [("/x-hooks-meta/level", 6)]
    assert "must be one of: 1, 2, 3" in wrong[0].message
    right = CHARTER.replace("level: 7", "level: 2")
    assert [f for f in lint_text(right, select=["SCH01"], registry=registry) if f.code == "SCH01"] == []
    monkeypatch.delenv("PARTNERCHECK_PLUGINS")
    without = load_registry(PluginSelection(autoload=False))
    assert [f for f in lint_text(CHARTER, select=["SCH01"], registry=without) if f.code == "SCH01"] == []


def test_register_defaults_sets_the_default_severity_of_its_own_rule(registry, cli, meta_plugin: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert (registry.rules["HKM01"].severity.value, registry.rules["HKM02"].severity.value) == ("error", "info")
    assert [f.severity.value for f in lint_text(CHARTER, select=["HKM01"], registry=registry)] == ["error"]
    code, out, _ = cli("config", str(tmp_path), "--format", "json")
    assert {"key": "severity.HKM01", "value": "error", "source": f"plugin {meta_plugin} (register_defaults)"} in json.loads(out)["values"]


def test_every_hook_has_a_test_here() -> None:
    tests = [name for name, value in globals().items() if name.startswith("test_") and callable(value)]
    assert {hook for hook in SPECS if any(t.startswith(f"test_{hook}_") for t in tests)} == set(SPECS)
