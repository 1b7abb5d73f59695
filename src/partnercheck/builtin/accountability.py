"""Checks of the accountability pack (S9, RACI, UK PAT principle 5)."""

from __future__ import annotations

from typing import Any, Iterator

from partnercheck.builtin.members import open_adherence
from partnercheck.findings import BareFinding, Text
from partnercheck.rules.context import Item, RuleContext, refs


def _accountable_holders(ctx: RuleContext) -> Iterator[tuple[Text, Item]]:
    for item in ctx.objectives:
        yield Text("ACC.objective"), item
    for item in ctx.responsibilities:
        yield Text("ACC.raci-entry"), item


def objective_without_accountable(ctx: RuleContext) -> Iterator[BareFinding]:
    """ACC01: an objective or RACI entry that names no `accountable` partner."""
    for kind, item in _accountable_holders(ctx):
        value = item.value.get("accountable")
        if refs(value):
            continue
        pointer = f"{item.pointer}/accountable" if value is not None else item.pointer
        yield BareFinding(pointer, {"kind": kind, "id": item.id or item.pointer})


def multiple_accountables(ctx: RuleContext) -> Iterator[BareFinding]:
    """ACC02: an `accountable` listing more than one distinct partner."""
    for kind, item in _accountable_holders(ctx):
        named = list(dict.fromkeys(refs(item.value.get("accountable"))))
        if len(named) > 1:
            yield BareFinding(
                f"{item.pointer}/accountable",
                {"kind": kind, "id": item.id or item.pointer, "count": len(named), "partners": named, "first": named[0], "others": named[1:]},
            )


def diluted_responsibility(ctx: RuleContext) -> Iterator[BareFinding]:
    """ACC03: too many `responsible` in a RACI entry, or too many contributors to an objective no RACI entry covers."""
    limits = {"max_responsible": ctx.options["max_responsible"], "max_contributors": ctx.options["max_contributors"]}
    max_responsible, max_contributors = limits["max_responsible"], limits["max_contributors"]
    covered: set[str] = set()
    for item in ctx.responsibilities:
        covered.update(refs(item.value.get("objectives")))
        responsible = list(dict.fromkeys(refs(item.value.get("responsible"))))
        if len(responsible) > max_responsible:
            params = {"id": item.id or item.pointer, "count": len(responsible), "partners": responsible, **limits}
            yield BareFinding(f"{item.pointer}/responsible", params)
    for item in ctx.objectives:
        contributors = list(dict.fromkeys(refs(item.value.get("contributors"))))
        if len(contributors) > max_contributors and item.id not in covered:
            params = {"id": item.id or item.pointer, "count": len(contributors), "partners": contributors, **limits}
            yield BareFinding(f"{item.pointer}/contributors", params, message="contributors")


def dormant_partner(ctx: RuleContext) -> Iterator[BareFinding]:
    """ACC04: an active partner who holds no role anywhere in the charter."""
    if open_adherence(ctx):  # adherents join one by one; a role comes later
        return
    holders = _role_holders(ctx)
    for item in ctx.active_partners:
        if item.id is not None and item.id not in holders:
            yield BareFinding(item.pointer, {"id": item.id, "name": item.value.get("name", "")})


def _role_holders(ctx: RuleContext) -> set[str]:
    """Every partner id holding a role, gathered in one pass over each section."""
    holders: set[str] = set(ctx.pilot_ids)
    holder = ctx.section("backbone").get("holder")
    if isinstance(holder, str):
        holders.add(holder)
    for item in ctx.objectives:
        _add(holders, item.value, "accountable", "contributors")
    for item in ctx.responsibilities:
        _add(holders, item.value, "responsible", "accountable", "consulted", "informed")
    for item in ctx.bodies:
        _add(holders, item.value, "members")
        for category in item.value.get("member_categories") or ():
            if isinstance(category, dict):
                _add(holders, category, "members")
    for item in ctx.beneficiaries:
        _add(holders, item.value, "represented_by")
    for item in ctx.measures:
        _add(holders, item.value, "collected_by")
    return holders


def _add(holders: set[str], value: dict[str, Any], *keys: str) -> None:
    for key in keys:
        holders.update(refs(value.get(key)))


FUNCTIONS = {
    "objective_without_accountable": objective_without_accountable,
    "multiple_accountables": multiple_accountables,
    "diluted_responsibility": diluted_responsibility,
    "dormant_partner": dormant_partner,
}
