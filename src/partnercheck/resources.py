"""Data shipped with partnercheck: the JSON Schemas and the built-in rule packs.

In the wheel they live inside the package (`partnercheck/schemas`,
`partnercheck/rules`); in a source checkout they are the repository's
top-level `schemas/` and `rules/` folders, read in place.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

SCHEMA_NAMES = ("charter", "report", "rule-pack", "config")


def data_dir(name: str) -> Path:
    packaged = Path(str(files("partnercheck"))) / name
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / name


def schema_path(name: str) -> Path:
    return data_dir("schemas") / f"{name}.schema.json"


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict[str, Any]:
    with schema_path(name).open(encoding="utf-8") as handle:
        return json.load(handle)


def builtin_pack_paths() -> list[Path]:
    return sorted(data_dir("rules").glob("*.yaml"))
