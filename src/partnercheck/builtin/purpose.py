"""Checks of the purpose pack (S1, Collective Impact common agenda)."""

from __future__ import annotations

from itertools import islice
from typing import Any, Iterator

from partnercheck.findings import BareFinding
from partnercheck.rules.context import Item, RuleContext

#: How many missing partners a message names before summing up the rest.
SHOWN = 5


def blank(value: Any) -> bool:
    """Absent, empty or whitespace only: nothing was actually written."""
    if isinstance(value, str):
        return not value.strip()
    return value is None or value == [] or value == {}


def missing_shared_vision(ctx: RuleContext) -> Iterator[BareFinding]:
    """PUR01: neither a `vision` nor a `context.problem_statement`."""
    if blank(ctx.data.get("vision")) and blank(ctx.section("context").get("problem_statement")):
        yield BareFinding("/vision" if "vision" in ctx.data else "", {})  # at an empty `vision:` when there is one


def no_objectives(ctx: RuleContext) -> Iterator[BareFinding]:
    """PUR05: no objective at all (an absent or empty `objectives`)."""
    objectives = ctx.data.get("objectives")
    if not (isinstance(objectives, list) and objectives):
        yield BareFinding("/objectives" if isinstance(objectives, list) else "", {})


def objective_not_endorsed_by_all(ctx: RuleContext) -> Iterator[BareFinding]:
    """PUR02: an objective without `endorsed_by`, or whose list omits an active partner."""
    active = ctx.active_ids
    for item in ctx.objectives:
        finding = _endorsement(item, active, ctx)
        if finding is not None:
            yield finding


def _endorsement(item: Item, active: frozenset[str], ctx: RuleContext) -> BareFinding | None:
    endorsed = item.value.get("endorsed_by")
    ident = item.id or item.pointer
    if endorsed == "all":
        return None
    if endorsed is None:
        return BareFinding(item.pointer, {"id": ident, "active": len(active)}, message="absent")
    named = {p for p in endorsed if isinstance(p, str)} if isinstance(endorsed, list) else set()
    count = len(named & active)
    if count == len(active):
        return None
    missing = list(islice((p.id for p in ctx.active_partners if p.id and p.id not in named), SHOWN))
    more = len(active) - count - len(missing)
    params = {"id": ident, "count": count, "active": len(active), "missing": missing, "more": more}
    return BareFinding(f"{item.pointer}/endorsed_by", params, message="more" if more > 0 else "default")


def objective_not_measurable(ctx: RuleContext) -> Iterator[BareFinding]:
    """PUR03: an objective without a `target` or without a `deadline`."""
    for item in ctx.objectives:
        missing = tuple(key for key in ("target", "deadline") if blank(item.value.get(key)))
        if missing:
            yield BareFinding(item.pointer, {"id": item.id or item.pointer}, message=_UNMEASURABLE[missing])


_UNMEASURABLE = {("target",): "no_target", ("deadline",): "no_deadline", ("target", "deadline"): "default"}


FUNCTIONS = {
    "missing_shared_vision": missing_shared_vision,
    "no_objectives": no_objectives,
    "objective_not_endorsed_by_all": objective_not_endorsed_by_all,
    "objective_not_measurable": objective_not_measurable,
}
