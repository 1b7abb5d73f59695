"""One wheelhouse per test session, shared by the pytest-xdist workers, for the tests that install partnercheck.

It holds partnercheck's wheel, built once from this tree, with every wheel an install or a build
from source needs: partnercheck's dependencies, the build backends (this project's and the
template plugin's `build-system.requires`) and the template plugin's test extra. The tests that
install (a venv, `pip install`, pre-commit, the release script, the Action's and the docs'
recipes) install from it offline (`offline_pip()`): none of them builds the wheel again for
itself, nor waits on a package index. Making it is the only step that reads the index, once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from filelock import FileLock  # the test extra lists it
from paths import EXAMPLES, ROOT

TEMPLATE = EXAMPLES / "partnercheck-plugin-example"


def _requirements() -> list[str]:
    """What a build from source or an install of the template plugin with its tests needs beyond partnercheck's own dependencies."""
    ours = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    template = tomllib.loads((TEMPLATE / "pyproject.toml").read_text(encoding="utf-8"))
    return [*ours["build-system"]["requires"], *template["build-system"]["requires"], *template["project"]["optional-dependencies"]["test"]]


def session_folder(factory: pytest.TempPathFactory) -> Path:
    """The session's temporary folder that every xdist worker sees (each worker's own is below it)."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def wheelhouse(factory: pytest.TempPathFactory) -> Path:
    """The session's wheelhouse, made by the first test that asks while the others wait for it."""
    folder = session_folder(factory)
    house = folder / "wheelhouse"
    with FileLock(str(folder / "wheelhouse.lock")):
        if not (house / "complete").is_file():
            shutil.rmtree(house, ignore_errors=True)
            _make(house)
            (house / "complete").write_text("made\n", encoding="utf-8")
    return house


def _make(house: Path) -> None:
    command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--wheel-dir", str(house), str(ROOT), *_requirements()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"making the wheelhouse failed:\n{done.stdout}\n{done.stderr}"


def built_wheel(house: Path) -> Path:
    """partnercheck's wheel in the wheelhouse."""
    (wheel,) = house.glob("partnercheck-*.whl")
    return wheel


def offline_pip(house: Path) -> dict[str, str]:
    """Environment variables that make pip (and pip run by build, venv recipes or pre-commit) install from `house` alone,
    without compiling every module of every dependency ahead: those environments run partnercheck once or twice, and
    what a run imports is compiled when imported (test_wheel and test_template_plugin, which run it often, compile)."""
    return {"PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(house), "PIP_NO_COMPILE": "1"}
