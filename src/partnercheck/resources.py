"""Data shipped with partnercheck: the JSON Schemas and the built-in rule packs.

In the wheel they live inside the package, under `partnercheck/data/`
(`data/schemas`, `data/rules`: apart from the `partnercheck.rules` code); in a
source checkout they are the repository's top-level `schemas/` and `rules/`
folders, read in place. The message catalogs and starter templates live in
`partnercheck/locale/` in both.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

SCHEMA_NAMES = ("charter", "report", "rule-pack", "config")


PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """`data/<name>` inside the installed package (the package's own folder, where `importlib.resources` finds it), else the checkout's `<name>/`."""
    packaged = PACKAGE_DIR / "data" / name
    if packaged.is_dir():
        return packaged
    return PACKAGE_DIR.parents[1] / name


def locale_dir() -> Path:
    """The message catalogs and starter templates, `locale/<lang>/…`."""
    return PACKAGE_DIR / "locale"


def schema_path(name: str) -> Path:
    return data_dir("schemas") / f"{name}.schema.json"


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict[str, Any]:
    with schema_path(name).open(encoding="utf-8") as handle:
        return json.load(handle)


def builtin_pack_paths() -> list[Path]:
    """The built-in rule packs, `*.yaml` in name order (listed by name: `Path.glob` compiles a regex for its pattern)."""
    folder = data_dir("rules")
    return sorted(folder / name for name in os.listdir(folder) if name.endswith(".yaml"))
