"""Checks of the pilot pack (S2, Collective Impact backbone, Ostrom 3)."""

from __future__ import annotations

from typing import Any, Iterator

from partnercheck.builtin.purpose import blank
from partnercheck.findings import BareFinding
from partnercheck.rules.context import Item, RuleContext, refs


def mandate_unsourced(ctx: RuleContext) -> Iterator[BareFinding]:
    """PIL02: a pilot with no `pilot.mandate`, with neither `granted_by` nor an outside `authority`, or a mandate it granted itself.

    With no pilot at all there is no mandate to source: PIL01 says so, once.
    A mandate granted by an authority outside the partnership (format 1.1
    `authority`: a law, a decree, a ministry) is sourced without `granted_by`.
    """
    pilot = ctx.data.get("pilot")
    if not isinstance(pilot, dict) or not (ctx.pilot_ids or pilot.get("body")):
        return
    mandate = pilot.get("mandate")
    if not isinstance(mandate, dict):
        yield BareFinding("/pilot", {}, message="no_mandate")
        return
    granted = mandate.get("granted_by")
    if granted is None or granted == []:
        if not blank(mandate.get("authority")):
            return
        yield BareFinding("/pilot/mandate", {}, message="no_granter")
        return
    body = ctx.bodies_by_id.get(granted) if isinstance(granted, str) else None
    granters = _granters(granted, body)
    pilots = set(ctx.pilot_ids)
    if pilots and granters and set(granters) <= pilots:
        params = {"granters": granters, "pilots": ctx.pilot_ids, "body": body.id if body else ""}
        yield BareFinding("/pilot/mandate/granted_by", params, message="self_granted_body" if body else "self_granted")


def _granters(granted: Any, body: Item | None) -> list[str]:
    """The partners who granted the mandate: a body's members, the listed partners; none for `all`."""
    if granted == "all":
        return []
    if body is not None:
        return list(dict.fromkeys(refs(body.value.get("members"))))
    return list(dict.fromkeys(refs(granted)))


def too_many_pilots(ctx: RuleContext) -> Iterator[BareFinding]:
    """PIL04: more co-pilots than `max_pilots`."""
    pilots = list(dict.fromkeys(ctx.pilot_ids))
    limit = ctx.options["max_pilots"]
    if len(pilots) > limit:
        yield BareFinding("/pilot/partners", {"count": len(pilots), "pilots": pilots, "max_pilots": limit})


def no_backbone_capacity(ctx: RuleContext) -> Iterator[BareFinding]:
    """PIL05: at least `min_partners` active partners and no backbone staff (`fte` > 0)."""
    count = len(ctx.active_partners)
    threshold = ctx.options["min_partners"]
    if count < threshold:
        return
    backbone = ctx.data.get("backbone")
    params = {"count": count, "min_partners": threshold}
    if not isinstance(backbone, dict):
        yield BareFinding("", params, message="no_backbone")
        return
    fte = backbone.get("fte")
    if not isinstance(fte, (int, float)) or isinstance(fte, bool):
        yield BareFinding("/backbone", params, message="no_fte")
    elif fte <= 0:
        yield BareFinding("/backbone/fte", {**params, "fte": fte}, message="zero_fte")


FUNCTIONS = {
    "mandate_unsourced": mandate_unsourced,
    "too_many_pilots": too_many_pilots,
    "no_backbone_capacity": no_backbone_capacity,
}
