"""A copy of some of this repository's files, for tests that need a throwaway git repository."""

from __future__ import annotations

import shutil
from pathlib import Path

from paths import ROOT

#: What building the package reads: enough to `pip install` a copy.
BUILD_FILES = ("pyproject.toml", "hatch_build.py", "README.md", "LICENSE", "src", "rules", "schemas")


def copy_files(names: tuple[str, ...], target: Path) -> Path:
    """Copy files and folders `names` of the repository into `target` (created), caches left out."""
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        elif source.exists():
            shutil.copy2(source, target / name)
    return target
