"""Checks of the scale pack (S9: many partners and many partnerships dilute responsibility)."""

from __future__ import annotations

from itertools import islice
from typing import Any, Iterator

from partnercheck.findings import BareFinding
from partnercheck.rules.context import Charter, RepositoryContext, RuleContext

#: How many charter ids a SCA03 message lists before summing up the rest.
SHOWN = 5


def flat_governance(ctx: RuleContext) -> Iterator[BareFinding]:
    """SCA01: more than `max_flat_partners` active partners and a single governance level."""
    limit = int(ctx.options["max_flat_partners"])
    count = len(ctx.active_partners)
    if count <= limit:
        return
    levels = list(dict.fromkeys(b.value["level"] for b in ctx.bodies if isinstance(b.value.get("level"), str)))
    if len(ctx.bodies) > 1 and len(levels) > 1:
        return
    params = {"count": count, "max": limit, "bodies": len(ctx.bodies), "level": levels[0] if levels else ""}
    message = "no_body" if not ctx.bodies else "few_bodies" if len(ctx.bodies) == 1 else ("one_level" if levels else "no_level")
    yield BareFinding(_bodies_pointer(ctx), params, message=message)


def _bodies_pointer(ctx: RuleContext) -> str:
    governance = ctx.data.get("governance")
    if not isinstance(governance, dict):
        return ""
    return "/governance/bodies" if isinstance(governance.get("bodies"), list) else "/governance"


def partner_overcommitted(ctx: RepositoryContext) -> Iterator[BareFinding]:
    """SCA03 (repository): a partner in more than `max_partnerships` charters of the run, or piloting more than `max_pilotings`.

    Two passes over the run: the first indexes, per partner id, the charters it is
    an active partner of and those it pilots; the second flags it in each charter
    where it is an active partner. Cost is linear in the total number of partners.
    """
    max_partnerships = int(ctx.options["max_partnerships"])
    max_pilotings = int(ctx.options["max_pilotings"])
    memberships: dict[str, dict[str, None]] = {}
    pilotings: dict[str, dict[str, None]] = {}
    for charter in ctx:
        key = _key(charter)
        for pid in charter.active_ids:
            memberships.setdefault(pid, {})[key] = None
        for pid in charter.pilot_ids:
            pilotings.setdefault(pid, {})[key] = None
    for charter in ctx:
        for partner in charter.active_partners:
            if partner.id is None:
                continue
            member, pilot = memberships.get(partner.id, {}), pilotings.get(partner.id, {})
            over = (len(member) > max_partnerships, len(pilot) > max_pilotings)
            if any(over):
                params = _params(partner.id, member, pilot, max_partnerships, max_pilotings)
                message = "both" if all(over) else ("partnerships" if over[0] else "pilotings")
                yield BareFinding(partner.pointer, params, message=message, path=charter.path)


def _key(charter: Charter) -> str:
    ident = charter.section("charter").get("id")
    return ident if isinstance(ident, str) and ident else charter.path


def _params(partner: str, member: dict[str, None], pilot: dict[str, None], max_partnerships: int, max_pilotings: int) -> dict[str, Any]:
    return {
        "partner": partner,
        "partnerships": len(member),
        "max_partnerships": max_partnerships,
        "charters": _listed(member),
        "pilotings": len(pilot),
        "max_pilotings": max_pilotings,
        "piloted": _listed(pilot),
    }


def _listed(keys: dict[str, None]) -> str:
    shown = ", ".join(islice(keys, SHOWN))
    return shown + (f" and {len(keys) - SHOWN} more" if len(keys) > SHOWN else "")


FUNCTIONS = {"flat_governance": flat_governance, "partner_overcommitted": partner_overcommitted}
