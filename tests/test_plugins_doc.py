"""Every Python example of the harness section of docs/plugins.md runs, as a plugin author
would run it: the template plugin installed (a fake entry point `org-example`), each example
a module whose `test_*` functions are called with the fixtures they name.
"""

from __future__ import annotations

import inspect
import re
import sys
import types
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

from paths import ROOT

DOC = ROOT / "docs" / "plugins.md"
TEMPLATE_SRC = ROOT / "examples" / "partnercheck-plugin-example" / "src"


def harness_examples() -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("\n## The test harness\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


@pytest.fixture
def template_installed(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    from partnercheck.plugins import manager
    from partnercheck.testing import registry

    monkeypatch.syspath_prepend(str(TEMPLATE_SRC))
    monkeypatch.delenv("PARTNERCHECK_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    monkeypatch.delenv("PARTNERCHECK_PLUGINS", raising=False)
    fake = [EntryPoint("org-example", "partnercheck_plugin_example", "partnercheck")]
    monkeypatch.setattr(manager, "entry_points", lambda group: fake if group == "partnercheck" else [])
    registry._loaded.cache_clear()
    yield
    registry._loaded.cache_clear()


def test_the_harness_section_has_an_example_of_each_helper() -> None:
    code = "\n".join(harness_examples())
    for helper in ("assert_findings", "lint_text", "partnercheck_lint", "rule_cases", "run_case", "default_registry", "assert_translated", "translation_problems"):
        assert re.search(rf"\b{helper}\(", code), helper


@pytest.mark.parametrize("index", range(len(harness_examples())))
def test_each_harness_example_runs(index: int, template_installed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from partnercheck.testing import lint_text

    module = types.ModuleType(f"plugins_doc_example_{index}")
    exec(compile(harness_examples()[index], f"docs/plugins.md example {index + 1}", "exec"), module.__dict__)
    tests = [(name, value) for name, value in vars(module).items() if name.startswith("test_") and inspect.isfunction(value)]
    assert tests, "each example defines at least one test"
    for name, test in tests:
        params = inspect.signature(test).parameters
        if "case" in params:
            cases = module.CASES
            assert {c.rule for c in cases} == {"ORG01", "ORG02"}
            for case in cases:
                test(case)
            continue
        given = {"tmp_path": tmp_path, "partnercheck_lint": lint_text}
        test(**{p: given[p] for p in params})


def test_the_rule_pack_schema_does_not_call_a_plugin_pack_a_dimension() -> None:
    """docs/plugins.md says a plugin's pack moves no health score; the schema authors read says the same."""
    from partnercheck.resources import load_schema

    said = load_schema("rule-pack")["properties"]["pack"]["description"]
    assert "also the health dimension" not in said and "not one" in said


def test_the_guide_names_no_private_module_for_a_public_name() -> None:
    text = DOC.read_text(encoding="utf-8")
    for private in ("partnercheck.rules.context.", "partnercheck.run.engine.", "partnercheck.context."):
        assert private not in text, private
