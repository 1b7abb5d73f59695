"""The package's metadata and source distribution (issue 19, item 8).

The sdist must carry what its own test suite reads (the Action, the pre-commit
hook, the licence, every file under `tests/`), and the `pytest11` plugin must
not load the engine in pytest runs that have nothing to do with partnercheck.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

import pytest
from paths import ROOT
from wheelhouse import built_sdist, wheelhouse

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_the_licence_file_is_the_mit_licence_the_metadata_names() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert PYPROJECT["license"] == "MIT" and "LICENSE" in PYPROJECT["license-files"]
    assert text.startswith("MIT License") and "partnercheck contributors" in text
    assert 'THE SOFTWARE IS PROVIDED "AS IS"' in text


def test_project_urls_point_at_the_repository() -> None:
    urls = PYPROJECT["urls"]
    assert {"Homepage", "Source", "Issues", "Changelog"} <= set(urls)
    assert all(url.startswith("https://github.com/partnercheck/partnercheck") for url in urls.values())


def test_classifiers_name_every_tested_python() -> None:
    versions = {c.rsplit("::", 1)[1].strip() for c in PYPROJECT["classifiers"] if c.startswith("Programming Language :: Python :: 3.")}
    assert versions == {"3.11", "3.12", "3.13"}
    assert PYPROJECT["requires-python"] == ">=3.11"


@pytest.fixture(scope="module")
def sdist_members(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The members of the session's sdist (tests/wheelhouse.py: built from this tree, the wheel the install tests use built from it)."""
    with tarfile.open(built_sdist(wheelhouse(tmp_path_factory))) as tar:
        return {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}


@pytest.mark.slow
def test_the_sdist_ships_what_its_tests_read(sdist_members: set[str]) -> None:
    needed = {"action.yml", ".pre-commit-hooks.yaml", "LICENSE", "CHANGELOG.md", "pyproject.toml", "README.md", "benchmarks/run.py", "editors/vscode/package.json"}
    assert needed <= sdist_members, sorted(needed - sdist_members)


def test_the_sdist_ships_every_file_under_tests(sdist_members: set[str]) -> None:
    on_disk = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "tests").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and not p.name.endswith(".pyc")
    }
    assert any(name.startswith("tests/data/") for name in on_disk)
    assert on_disk <= sdist_members, sorted(on_disk - sdist_members)[:20]


UNRELATED_TEST = """
import sys

def test_unrelated():
    assert "partnercheck.testing.pytest_plugin" in sys.modules  # the plugin was loaded...
    loaded = sorted(m for m in sys.modules if m.startswith("partnercheck"))
    assert loaded == ["partnercheck", "partnercheck.testing", "partnercheck.testing.pytest_plugin"], loaded  # ...and nothing else
"""


def test_the_pytest_plugin_loads_no_engine_in_an_unrelated_run(tmp_path: Path) -> None:
    (tmp_path / "test_unrelated.py").write_text(UNRELATED_TEST, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTEST_ADDOPTS", "PYTEST_PLUGINS", "PYTEST_DISABLE_PLUGIN_AUTOLOAD")}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", "-p", "no:hypothesispytest", str(tmp_path)],
        cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout


def test_the_harness_names_still_import_from_the_package() -> None:
    import partnercheck.testing as testing

    for name in testing.__all__:
        assert callable(getattr(testing, name)) or name.isupper(), name
    with pytest.raises(AttributeError):
        testing.no_such_name  # noqa: B018
