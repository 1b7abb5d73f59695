"""One wheelhouse per test session, shared by the pytest-xdist workers, for the tests that install partnercheck.

It holds partnercheck's wheel, built once from this tree (its sdist first, then the wheel from the
sdist, as `python -m build` does, by the backend called in this process), with every wheel an install or a build from source needs:
partnercheck's dependencies, the build backends (this project's and the template plugin's
`build-system.requires`) and the template plugin's test extra. The tests that install (a venv,
`pip install`, pre-commit, the release script, the Action's and the docs' recipes) install from it
offline (`offline_pip()`): none of them builds the wheel again for itself, nor waits on a package index.

Making it reads no package index either: the test extra installs every one of those distributions in
the environment running the tests (`hatchling` included, so partnercheck's build needs no isolated
environment of its own), and each is packed back into a wheel of the same version (tests/repack.py).
Only a distribution this environment lacks, or installed in a way that cannot be packed back (an
editable install, files outside site-packages), is fetched with `pip wheel`.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import tomllib
from pathlib import Path

import pytest
from filelock import FileLock  # the test extra lists it
from paths import EXAMPLES, ROOT
from repack import installed_closure, repack

TEMPLATE = EXAMPLES / "partnercheck-plugin-example"


def _requirements() -> list[str]:
    """What partnercheck needs to run, to be built from source, and what the template plugin needs to be built and tested."""
    ours = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    template = tomllib.loads((TEMPLATE / "pyproject.toml").read_text(encoding="utf-8"))
    return [
        *ours["project"]["dependencies"],
        *ours["build-system"]["requires"],
        *template["build-system"]["requires"],
        *template["project"]["optional-dependencies"]["test"],
    ]


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
    house.mkdir(parents=True)
    _build_sdist_then_wheel(house)
    installed, missing = installed_closure(_requirements(), leave_out={"partnercheck"})
    for dist in installed:
        if not repack(dist, house):
            missing.append(f"{dist.metadata['Name']}=={dist.version}")
    if missing:  # only here is a package index read
        _run(sys.executable, "-m", "pip", "wheel", "--quiet", "--find-links", str(house), "--wheel-dir", str(house), *missing)


def _build_sdist_then_wheel(house: Path) -> None:
    """partnercheck's sdist into `house/sdist`, then its wheel into `house` built from the unpacked sdist (as
    `python -m build` does, so the wheel proves the sdist complete), by the backend pyproject names, called in this
    process: `python -m build --no-isolation` ran the same hooks in five processes, each importing the backend again."""
    backend = importlib.import_module(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]["build-backend"])
    with contextlib.chdir(ROOT):
        sdist = house / "sdist" / backend.build_sdist(str(house / "sdist"))
    with tempfile.TemporaryDirectory(prefix="partnercheck-sdist-") as unpacked:
        with tarfile.open(sdist) as tar:
            tar.extractall(unpacked, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))  # 3.11.4+
        (source,) = Path(unpacked).iterdir()
        with contextlib.chdir(source):
            backend.build_wheel(str(house))


def _run(*command: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"making the wheelhouse failed: {' '.join(command)}\n{done.stdout}\n{done.stderr}"


def built_wheel(house: Path) -> Path:
    """partnercheck's wheel in the wheelhouse."""
    (wheel,) = house.glob("partnercheck-*.whl")
    return wheel


def built_sdist(house: Path) -> Path:
    """partnercheck's sdist, the one its wheel was built from (kept out of the wheelhouse's own folder: pip installs wheels from there)."""
    (sdist,) = (house / "sdist").glob("partnercheck-*.tar.gz")
    return sdist


def offline_pip(house: Path) -> dict[str, str]:
    """Environment variables that make pip (and pip run by build, venv recipes or pre-commit) install from `house` alone,
    without compiling every module of every dependency ahead: those environments run partnercheck a few times, and
    what a run imports is compiled when first imported. (`PIP_COMPILE=0`, not `PIP_NO_COMPILE=1`: pip reads a variable
    as the value of its option, and `PIP_NO_COMPILE=1` sets `--no-compile`'s destination, `compile`, to true.)"""
    return {"PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(house), "PIP_COMPILE": "0"}
