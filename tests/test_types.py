"""The package type-checks: mypy is clean on `src/` in its default mode, and `--strict` on the public API.

The public API is what rule and plugin authors import: the package root
(`partnercheck.Finding`, `RuleContext`, `hookimpl`, …), the result model, the
hook specifications, the rule context and the test harness. `py.typed` tells
their type checkers to read our annotations.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from mypy_support import strict_mypy

from paths import ROOT

PACKAGE = ROOT / "src" / "partnercheck"
PUBLIC = ["__init__.py", "findings.py", "plugins/hookspecs.py", "rules/context.py", "testing/__init__.py", "testing/harness.py"]
TEMPLATE = ROOT / "examples" / "partnercheck-plugin-example"
CONFIG = str(ROOT / "pyproject.toml")


@pytest.mark.slow
def test_mypy_is_clean_on_the_package() -> None:
    """The default mode, the only run with these options: from scratch, and no cache written that nothing would read."""
    pytest.importorskip("mypy", reason="mypy is in the test extra: pip install -e '.[test]'")
    done = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", os.devnull, "--config-file", CONFIG, str(PACKAGE)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


@dataclass
class StrictRun:
    """One `mypy --strict` run over the three strict targets (the public API, the template plugin, a plugin's mistakes): each test reads its own."""

    done: subprocess.CompletedProcess[str]
    mistakes: Path

    def errors(self, target: Callable[[Path], bool]) -> list[str]:
        """The error lines in `target`'s files, once mypy is seen to have checked every file and reported nothing outside them."""
        output = self.done.stdout + self.done.stderr
        last = self.done.stdout.rstrip().rsplit("\n", 1)[-1]
        assert re.fullmatch(r"Success: no issues found in \d+ source files?|Found \d+ errors? in \d+ files? \(checked \d+ source files?\)", last), output
        lines = [line for line in self.done.stdout.splitlines() if ": error: " in line]
        strays = [line for line in lines if not any(where(_file(line)) for where in (public, template, self.is_mistakes))]
        assert strays == [], output
        return [line for line in lines if target(_file(line))]

    def is_mistakes(self, path: Path) -> bool:
        return path == self.mistakes.resolve()


def _file(line: str) -> Path:
    """The file of an error line (the run starts in the template's folder: its files are relative, the others absolute)."""
    return (TEMPLATE / line.split(":", 1)[0]).resolve()


def public(path: Path) -> bool:
    return path in {(PACKAGE / name).resolve() for name in PUBLIC}


def template(path: Path) -> bool:
    return path.is_relative_to(TEMPLATE.resolve())


@pytest.fixture(scope="module")
def strict(tmp_path_factory: pytest.TempPathFactory) -> StrictRun:
    """The run starts in the template's folder, as its author runs it, and as tests/test_template_plugin.py runs it on the installed copy
    (the files of errors mypy keeps in its cache are named as the run that found them named them)."""
    mistakes = tmp_path_factory.mktemp("plugin-mistakes") / "acme.py"
    mistakes.write_text(MISTAKES, encoding="utf-8")
    with strict_mypy(tmp_path_factory) as mypy:
        done = subprocess.run([*mypy, "--config-file", CONFIG, *(str(PACKAGE / name) for name in PUBLIC), str(mistakes), "src", "tests"], capture_output=True, text=True, cwd=TEMPLATE)
    return StrictRun(done, mistakes)


@pytest.mark.slow
def test_mypy_strict_is_clean_on_the_public_api(strict: StrictRun) -> None:
    assert strict.errors(public) == []


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


@pytest.mark.slow
def test_mypy_strict_passes_on_the_template_plugin(strict: StrictRun) -> None:
    """The template plugin, its hooks typed with the `register` Protocols and its tests with the harness, is clean under `--strict`."""
    assert strict.errors(template) == []


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
def test_type_checkers_catch_a_plugin_s_mistakes(strict: StrictRun) -> None:
    """Seen from the root: a misspelt context attribute, a wrong `register` argument; the right uses pass."""
    errors = strict.errors(strict.is_mistakes)
    lines = sorted(int(line.split(":", 2)[1]) for line in errors)
    assert lines == [9, 23, 30, 35], strict.done.stdout  # objectivs, register(42), a function that is 3, a schema that is a list
    assert any('"RuleContext" has no attribute "objectivs"' in line for line in errors), strict.done.stdout
