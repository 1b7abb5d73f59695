"""The package type-checks: mypy is clean on `src/` in its default mode, and `--strict` on the public API.

The public API is what rule and plugin authors import: the package root
(`partnercheck.Finding`, `RuleContext`, `hookimpl`, …), the result model, the
hook specifications, the rule context and the test harness. `py.typed` tells
their type checkers to read our annotations.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from paths import ROOT

PACKAGE = ROOT / "src" / "partnercheck"
PUBLIC = ["__init__.py", "findings.py", "plugins/hookspecs.py", "rules/context.py", "testing/__init__.py", "testing/harness.py"]


def mypy(*args: str) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("mypy", reason="mypy is in the test extra: pip install -e '.[test]'")
    return subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", "--config-file", str(ROOT / "pyproject.toml"), *args], capture_output=True, text=True, cwd=ROOT)


@pytest.mark.slow
def test_mypy_is_clean_on_the_package() -> None:
    done = mypy(str(PACKAGE))
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_mypy_strict_is_clean_on_the_public_api() -> None:
    done = mypy("--strict", "--follow-imports=silent", *(str(PACKAGE / name) for name in PUBLIC))
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_package_says_it_is_typed() -> None:
    assert (PACKAGE / "py.typed").is_file()


def test_type_checkers_see_the_names_the_root_exports() -> None:
    """The root's lazy `__getattr__` is invisible to type checkers: each exported name is imported for them too."""
    source = (PACKAGE / "__init__.py").read_text(encoding="utf-8")
    import partnercheck

    for name in partnercheck.__all__:
        if name != "__version__":
            assert f" {name}" in source.split("if TYPE_CHECKING:", 1)[1].split("\n\n", 1)[0], name
            assert getattr(partnercheck, name) is not None


TEMPLATE = ROOT / "examples" / "partnercheck-plugin-example"


@pytest.mark.slow
def test_mypy_strict_passes_on_the_template_plugin() -> None:
    """The template plugin, its hooks typed with the `register` Protocols and its tests with the harness, is clean under `--strict`."""
    pytest.importorskip("mypy", reason="mypy is in the test extra: pip install -e '.[test]'")
    done = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", os.devnull, "--strict", "src", "tests"], capture_output=True, text=True, cwd=TEMPLATE)
    assert done.returncode == 0, done.stdout + done.stderr


MISTAKES = '''\
from __future__ import annotations

from typing import Iterator

from partnercheck import BareFinding, RegisterFunction, RegisterRulePack, RegisterSchemaExtension, RepositoryContext, RuleContext, RunResult, hookimpl


def check(ctx: RuleContext) -> Iterator[BareFinding]:
    for objective in ctx.objectivs:
        yield BareFinding(objective.pointer, {})


def across(ctx: RepositoryContext) -> list[BareFinding]:
    return [BareFinding("", {}, path=charter.path) for charter in ctx]


def render(run: RunResult, options: dict[str, object]) -> str:
    return str(len(run.findings))


@hookimpl
def register_rule_packs(register: RegisterRulePack) -> None:
    register(42)


@hookimpl
def register_functions(register: RegisterFunction) -> None:
    register("acme.check", check)
    register("acme.across", across)
    register("acme.nothing", 3)


@hookimpl
def register_schema_extensions(register: RegisterSchemaExtension) -> None:
    register("x-acme", ["object"])
'''


@pytest.mark.slow
def test_type_checkers_catch_a_plugin_s_mistakes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Seen from the root: a misspelt context attribute, a wrong `register` argument; the right uses pass."""
    (tmp_path / "acme.py").write_text(MISTAKES, encoding="utf-8")
    done = mypy("--strict", str(tmp_path / "acme.py"))
    lines = sorted(int(line.split(":", 2)[1]) for line in done.stdout.splitlines() if ": error: " in line)
    assert lines == [9, 23, 30, 35], done.stdout  # objectivs, register(42), a function that is 3, a schema that is a list
    assert '"RuleContext" has no attribute "objectivs"' in done.stdout
