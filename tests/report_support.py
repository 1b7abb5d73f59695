"""Charters for the report's tests: the healthy example made to have an exact number of findings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from catalog.support import healthy, lint_data

#: Fields taken away from each partner in turn, each adding one finding (TIM01, MEM03, PUR04, MEM01).
STRIPPED = ("onboarding", "specificities", "interests", "representative")


def with_findings(n: int) -> dict[str, Any]:
    """The healthy example (15 partners) with fields removed, partner by partner, until it has `n` findings."""
    data = healthy()
    for field in STRIPPED:
        for partner in data["partners"]:
            if len(lint_data(data)) >= n:
                break
            partner.pop(field, None)
    found = len(lint_data(data))
    assert found == n, f"the stripped charter has {found} findings, not {n}"
    return data


def write(folder: Path, name: str, data: dict[str, Any]) -> Path:
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path
