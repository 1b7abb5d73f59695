"""Checks of the beneficiary pack (S8, Collective Impact 3.0, Arnstein's ladder)."""

from __future__ import annotations

from typing import Any, Iterator

from partnercheck.findings import BareFinding
from partnercheck.rules.context import Item, RuleContext

#: Arnstein's ladder of citizen participation, from the lowest rung to the highest.
LADDER = (
    "manipulation",
    "therapy",
    "informing",
    "consultation",
    "placation",
    "partnership",
    "delegated_power",
    "citizen_control",
)
RUNG = {name: i for i, name in enumerate(LADDER)}


def beneficiary_defined(ctx: RuleContext) -> Iterator[BareFinding]:
    """BEN01: no beneficiary group, or no objective stated as an outcome for beneficiaries.

    One finding per charter: with neither, one message says both; with no
    objective at all, the message says so rather than "goals for partners".
    """
    groups = ctx.data.get("beneficiaries")
    objectives = ctx.data.get("objectives")
    no_groups = not (isinstance(groups, list) and groups)
    no_outcome = not any(item.value.get("beneficiary_outcome") is True for item in ctx.objectives)
    if no_groups:
        yield BareFinding("/beneficiaries" if isinstance(groups, list) else "", {}, message="no_groups_no_outcome" if no_outcome else "no_groups")
    elif no_outcome:
        yield BareFinding("/objectives" if isinstance(objectives, list) else "", {}, message="no_outcome" if ctx.objectives else "no_objectives")


def tokenistic_participation(ctx: RuleContext) -> Iterator[BareFinding]:
    """BEN03: a group's participation below `min_rung` on Arnstein's ladder, unstated, or no feedback channel.

    An unstated rung is no rung reached: like a missing channel, it is reported
    (once with the channel when both are missing), not passed as healthy.
    """
    minimum = str(ctx.options["min_rung"])
    floor = RUNG[minimum]
    for item in ctx.beneficiaries:
        params = {**_names(item), "min_rung": minimum}
        level = item.value.get("participation")
        channel = item.value.get("feedback_channel")
        heard = isinstance(channel, str) and bool(channel.strip())
        if not isinstance(level, str):
            yield BareFinding(item.pointer, params, message="no_rung" if heard else "unstated")
            continue
        if RUNG.get(level, floor) < floor:
            yield BareFinding(f"{item.pointer}/participation", {**params, "participation": level}, message="rung")
        if not heard:
            yield BareFinding(item.pointer, params, message="feedback")


def _names(item: Item) -> dict[str, Any]:
    ident = item.id or item.pointer
    group = item.value.get("group")
    return {"id": ident, "group": group if isinstance(group, str) else ident}


FUNCTIONS = {"beneficiary_defined": beneficiary_defined, "tokenistic_participation": tokenistic_participation}
