"""Data shipped with partnercheck: the JSON Schemas and the built-in rule packs.

In the wheel they live inside the package, under `partnercheck/data/`
(`data/schemas`, `data/rules`: apart from the `partnercheck.rules` code); in a
source checkout they are the repository's top-level `schemas/` and `rules/`
folders, read in place. The message catalogs and starter templates live in
`partnercheck/locale/` in both.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

SCHEMA_NAMES = ("charter", "report", "rule-pack", "config")


PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    packaged = Path(str(files("partnercheck"))) / "data" / name
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
    return sorted(data_dir("rules").glob("*.yaml"))
