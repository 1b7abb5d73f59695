"""The suite's bytecode folder (tests/bytecode_cache.py) is kept across runs only when it is the user's alone."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bytecode_cache import kept_folder

pytestmark = pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX owners and modes")


def test_the_folder_is_made_private_and_kept(tmp_path: Path) -> None:
    folder = kept_folder(str(tmp_path))
    assert folder is not None and Path(folder).name == f"partnercheck-tests-pycache-{os.getuid()}"
    assert Path(folder).stat().st_mode & 0o777 == 0o700
    (Path(folder) / "kept.pyc").write_bytes(b"")
    assert kept_folder(str(tmp_path)) == folder and (Path(folder) / "kept.pyc").exists()


def test_a_folder_others_may_write_is_not_used(tmp_path: Path) -> None:
    shared = tmp_path / f"partnercheck-tests-pycache-{os.getuid()}"
    shared.mkdir()
    shared.chmod(0o777)
    assert kept_folder(str(tmp_path)) is None


def test_a_link_in_its_place_is_not_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    (tmp_path / f"partnercheck-tests-pycache-{os.getuid()}").symlink_to(elsewhere)
    assert kept_folder(str(tmp_path)) is None
