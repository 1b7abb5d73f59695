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


#: The keys of `sustainability` that make a plan for after the period: any one, non-empty, is enough.
SUSTAINABILITY_KEYS = ("continuation_plan", "exit_strategy")


def sustainability_plan(ctx: RuleContext) -> Iterator[BareFinding]:
    """CAP02: the period has an end date and no plan says what follows it; shown at the end date, its cause,
    or at a `sustainability` section that holds no plan."""
    charter = ctx.data.get("charter")
    period = charter.get("period") if isinstance(charter, dict) else None
    if not isinstance(period, dict) or "end" not in period:
        return
    if "sustainability" not in ctx.data:
        yield BareFinding("/charter/period/end", {})
        return
    section = ctx.data["sustainability"]
    if not (isinstance(section, dict) and any(_filled(section.get(key)) for key in SUSTAINABILITY_KEYS if isinstance(section.get(key), str))):
        yield BareFinding("/sustainability", {})


def _filled(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return bool(value) if isinstance(value, list) else False


FUNCTIONS = {"capitalisation_plan": capitalisation_plan, "sustainability_plan": sustainability_plan}
