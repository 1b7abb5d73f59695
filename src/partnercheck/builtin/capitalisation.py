"""Checks of the capitalisation pack (S7: the experience is recorded and transferred)."""

from __future__ import annotations

from typing import Any, Iterator

from partnercheck.findings import BareFinding
from partnercheck.rules.context import RuleContext

#: The keys of `capitalisation` that make a plan: any one, non-empty, is enough.
PLAN_KEYS = ("lessons_log", "dissemination", "transfer_targets")


def capitalisation_plan(ctx: RuleContext) -> Iterator[BareFinding]:
    """CAP01: `capitalisation` missing, or with none of a lessons log, dissemination or transfer targets."""
    section = ctx.data.get("capitalisation")
    if not isinstance(section, dict):
        yield BareFinding("", {}, message="missing")
    elif not any(_filled(section.get(key)) for key in PLAN_KEYS):
        yield BareFinding("/capitalisation", {"keys": [f"`{k}`" for k in PLAN_KEYS]}, message="empty")


def _filled(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return bool(value) if isinstance(value, list) else False


FUNCTIONS = {"capitalisation_plan": capitalisation_plan}
