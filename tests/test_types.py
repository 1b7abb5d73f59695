"""The package type-checks: mypy is clean on `src/` in its default mode, and `--strict` on the public API.

The public API is what rule and plugin authors import: the package root
(`partnercheck.Finding`, `RuleContext`, `hookimpl`, …), the result model, the
hook specifications, the rule context and the test harness. `py.typed` tells
their type checkers to read our annotations.
"""

from __future__ import annotations

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
