"""The pack cache's key names partnercheck's code: any change to a source or schema file loads the packs afresh."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Iterator

import pytest

from partnercheck import __version__, resources
from partnercheck.rules.packcache import code_fingerprint


def _walked(roots: list[Path]) -> str:
    """The fingerprint as os.walk gave it when the cache was introduced: entries written then stay valid."""
    digest = hashlib.sha256(__version__.encode())
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith((".py", ".json")):
                    path = os.path.join(folder, name)
                    stat = os.stat(path)
                    digest.update(f"{os.path.relpath(path, root)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    root = tmp_path / "partnercheck"
    for name in ("__init__.py", "b/__init__.py", "b/z.py", "a/x.json", "a/notes.txt", "__pycache__/x.py", "a/__pycache__/y.py", "ab.py"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(name, encoding="utf-8")
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "charter.schema.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(resources, "PACKAGE_DIR", root)
    monkeypatch.setattr(resources, "data_dir", lambda name: tmp_path / name)
    code_fingerprint.cache_clear()
    yield root
    code_fingerprint.cache_clear()


def _fingerprint() -> str:
    code_fingerprint.cache_clear()
    return code_fingerprint()


def test_the_fingerprint_is_the_walk_it_always_was(package: Path) -> None:
    assert _fingerprint() == _walked([package, package.parent / "schemas"])


def test_the_real_packages_fingerprint_is_the_walk_it_always_was() -> None:
    code_fingerprint.cache_clear()
    assert code_fingerprint() == _walked([resources.PACKAGE_DIR, resources.data_dir("schemas")])


@pytest.mark.parametrize("name", ["b/z.py", "a/x.json", "ab.py"])
def test_a_changed_source_file_changes_it(package: Path, name: str) -> None:
    before = _fingerprint()
    (package / name).write_text("changed, and longer", encoding="utf-8")
    assert _fingerprint() != before


@pytest.mark.parametrize("name", ["a/notes.txt", "__pycache__/x.py", "a/__pycache__/y.py"])
def test_compiled_files_and_other_files_do_not(package: Path, name: str) -> None:
    before = _fingerprint()
    (package / name).write_text("changed, and longer", encoding="utf-8")
    assert _fingerprint() == before


def test_a_changed_schema_changes_it(package: Path) -> None:
    before = _fingerprint()
    (package.parent / "schemas" / "charter.schema.json").write_text('{"type": "object"}', encoding="utf-8")
    assert _fingerprint() != before
