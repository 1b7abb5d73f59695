"""Helpers for catalog tests: the healthy example as data, mutated and linted again."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

from paths import EXAMPLES

from partnercheck.document.load import load_document
from partnercheck.findings import Finding, Severity
from partnercheck.testing import lint_text

HEALTHY_PATH = EXAMPLES / "plateforme-aide-a-la-personne.yaml"
#: The date the healthy example is judged at (date-based rules compare with it).
TODAY = date(2026, 1, 15)


def _healthy() -> dict[str, Any]:
    doc = load_document(str(HEALTHY_PATH), HEALTHY_PATH.read_bytes())
    assert doc.is_charter and not doc.problems
    return doc.data


_HEALTHY = _healthy()


def healthy() -> dict[str, Any]:
    """A fresh deep copy of the healthy example's data, to mutate."""
    return copy.deepcopy(_HEALTHY)


def lint_data(data: dict[str, Any], today: date = TODAY) -> list[Finding]:
    """Lint charter data (written as JSON, which is YAML) and return every finding."""
    return lint_text(json.dumps(data, ensure_ascii=False, indent=1), today=today)


def serious(findings: list[Finding]) -> list[Finding]:
    """Errors and warnings only."""
    return [f for f in findings if f.severity.at_least(Severity.WARNING)]


def assert_mutation_fires_only(code: str, mutate: Any, pointers: list[str], implied: Any) -> None:
    """Break one condition of the healthy example with `mutate`: rule `code` fires at `pointers`,
    and no other error or warning appears but the `implied` ones (a Counter of codes)."""
    from collections import Counter

    data = healthy()
    mutate(data)
    findings = lint_data(data, TODAY)
    assert sorted(f.pointer for f in findings if f.code == code) == sorted(pointers)
    others = Counter(f.code for f in serious(findings) if f.code != code)
    assert others == implied, "\n".join(f"{f.code} {f.pointer}: {f.message}" for f in serious(findings))


def assert_healthy_gives_none_of(codes: set[str]) -> None:
    """Not even an info: the healthy example passes every one of these rules."""
    found = [f for f in lint_data(healthy(), TODAY) if f.code in codes]
    assert found == [], "\n".join(f"{f.code} {f.pointer}: {f.message}" for f in found)


def mutation_ids(mutations: list[tuple[Any, ...]]) -> list[str]:
    return [f"{m[0]}-{m[1].__name__.strip('_')}" for m in mutations]
