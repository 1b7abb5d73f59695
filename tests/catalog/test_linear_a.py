"""Linear cost of the purpose, pilot, members, governance and accountability checks.

No timing: each partner is a mapping that counts how often it is read. A check
that scans the partners once per objective (or per partner) reads them a
number of times that grows with the square of their number; a linear one reads
them about twice as often when there are twice as many partners and objectives.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from partnercheck.rules.context import Charter, RuleContext
from partnercheck.rules.model import Function
from partnercheck.testing import default_registry

PACKS = ("purpose", "pilot", "members", "governance", "accountability")
TYPES = ("institution", "local_authority", "funder", "employer", "training_body", "public_employment_service")


class CountingDict(dict):  # type: ignore[type-arg]
    reads = 0

    def get(self, *args: Any) -> Any:
        CountingDict.reads += 1
        return super().get(*args)

    def __getitem__(self, key: Any) -> Any:
        CountingDict.reads += 1
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        CountingDict.reads += 1
        return super().__contains__(key)


def _charter(n: int) -> dict[str, Any]:
    """A charter whose every section grows with `n` partners, built to trip quadratic scans."""
    ids = [f"p{i:05d}" for i in range(n)]
    partners = [CountingDict(id=pid, name=pid, type=TYPES[i % len(TYPES)], **({"status": "observer"} if i % 10 == 9 else {})) for i, pid in enumerate(ids)]
    objectives = [
        {"id": f"o{k}", "statement": "S", "accountable": ids[k], "contributors": ids[k : k + 7], "endorsed_by": ids[k : k + 2]}
        for k in range(n // 3)
    ]
    raci = [{"id": f"r{k}", "activity": "A", "objectives": [f"o{k}"], "responsible": ids[k : k + 5], "accountable": [ids[k], ids[k + 1]]} for k in range(n // 4)]
    bodies = [{"id": f"b{k}", "members": ids[k : k + 12], "notice_days": 3} for k in range(n // 20)]
    return {
        "partnercheck": 1,
        "charter": {"id": "c", "title": "C", "status": "signed", "profile": "training-platform"},
        "partners": partners,
        "pilot": {"partners": ids[:4], "mandate": {"granted_by": "b0"}},
        "objectives": objectives,
        "responsibilities": raci,
        "governance": {"bodies": bodies},
    }


def _reads(n: int, rule_code: str) -> int:
    registry = default_registry()
    rule = registry.rules[rule_code]
    assert isinstance(rule.check, Function)
    ctx = RuleContext(Charter(_charter(n)), rule.defaults(), date(2026, 1, 15), registry.profiles)
    CountingDict.reads = 0
    list(registry.functions[rule.check.name][0](ctx))
    return CountingDict.reads


FUNCTION_RULES = sorted(
    r.code for r in default_registry().rules.values() if r.pack in PACKS and r.plugin == "core" and isinstance(r.check, Function)
)


def test_every_function_rule_of_these_packs_is_measured() -> None:
    assert len(FUNCTION_RULES) >= 15


@pytest.mark.parametrize("code", FUNCTION_RULES)
def test_partner_reads_grow_linearly(code: str) -> None:
    small, large = _reads(1000, code), _reads(4000, code)
    assert large <= 4 * small + 50, f"{code}: {small} partner reads for 1,000 partners, {large} for 4,000"
