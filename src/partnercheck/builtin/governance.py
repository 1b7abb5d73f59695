"""Checks of the governance pack (Wilder process and structure, EU Code art. 11, Ostrom 6)."""

from __future__ import annotations

from typing import Any, Iterator

from partnercheck.builtin.purpose import blank
from partnercheck.findings import BareFinding
from partnercheck.rules.companions import written_elsewhere
from partnercheck.rules.context import RuleContext


def _governance_pointer(ctx: RuleContext) -> str:
    """Where a missing governance key belongs: the section, or the document root when there is none."""
    return "/governance" if isinstance(ctx.data.get("governance"), dict) else ""


def short_meeting_notice(ctx: RuleContext) -> Iterator[BareFinding]:
    """GOV03: a body convened with fewer than `min_notice_days` days' notice."""
    least = ctx.options["min_notice_days"]
    for item in ctx.bodies:
        days = item.value.get("notice_days")
        if isinstance(days, (int, float)) and not isinstance(days, bool) and days < least:
            name = item.value.get("name")
            params = {"id": item.id or item.pointer, "name": name, "days": days, "min_notice_days": least}
            yield BareFinding(f"{item.pointer}/notice_days", params, message="default" if name else "unnamed")


def no_conflict_of_interest_rule(ctx: RuleContext) -> Iterator[BareFinding]:
    """GOV04: funders and fundable training bodies among the active partners, and no `conflict_of_interest`."""
    if not blank(ctx.section("governance").get("conflict_of_interest")):
        return
    funder = next((p for p in ctx.active_partners if _funds(p.value)), None)
    provider = next((p for p in ctx.active_partners if p.value.get("type") == "training_body"), None)
    if funder is not None and provider is not None:
        yield BareFinding(_governance_pointer(ctx), {"funder": funder.id or funder.pointer, "provider": provider.id or provider.pointer})


def _funds(partner: dict[str, Any]) -> bool:
    if partner.get("type") == "funder":
        return True
    contributions = partner.get("contributions")
    return isinstance(contributions, list) and any(isinstance(c, dict) and c.get("kind") == "funding" for c in contributions)


def no_entry_exit_procedure(ctx: RuleContext) -> Iterator[BareFinding]:
    """GOV05: `entry_procedure` or `exit_procedure` missing (and not left to a companion document)."""
    governance = ctx.section("governance")
    missing = tuple(key for key in ("entry_procedure", "exit_procedure") if blank(governance.get(key)) and not written_elsewhere(f"/governance/{key}", ctx.data))
    if missing:
        yield BareFinding(_governance_pointer(ctx), {}, message=_PROCEDURES[missing])


_PROCEDURES = {("entry_procedure",): "no_entry", ("exit_procedure",): "no_exit", ("entry_procedure", "exit_procedure"): "default"}

FUNCTIONS = {
    "short_meeting_notice": short_meeting_notice,
    "no_conflict_of_interest_rule": no_conflict_of_interest_rule,
    "no_entry_exit_procedure": no_entry_exit_procedure,
}
