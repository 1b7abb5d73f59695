"""Checks of the members pack (S3, Wilder membership, EU Code of Conduct art. 2-4)."""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from partnercheck.builtin.purpose import blank
from partnercheck.checks.closest import closest
from partnercheck.findings import BareFinding, Text
from partnercheck.rules.context import INACTIVE, Item, RuleContext, refs

def representative_not_mandated(ctx: RuleContext) -> Iterator[BareFinding]:
    """MEM01: a partner without a `representative`, or whose representative has no `mandate_ref`.

    A partner who takes part in their own name (`entity: individual`) speaks
    for themselves; a partner with several `representatives` (format 1.1) is
    checked on each of them.
    """
    for item in ctx.partners:
        if item.value.get("entity") == "individual":
            continue
        params = {"id": item.id or item.pointer, "name": item.value.get("name", "")}
        people = _representatives(item)
        if not people:
            yield BareFinding(item.pointer, params, message="no_representative")
        for pointer, person in people:
            if blank(person.get("mandate_ref")):
                named = person.get("name")
                if named:  # the hint asks for the one thing missing, not the whole block again
                    yield BareFinding(pointer, {**params, "person": named}, hint=Text("MEM01.hint-mandate"), message="no_mandate")
                else:
                    yield BareFinding(pointer, params, hint=Text("MEM01.hint-name-mandate"), message="no_mandate_unnamed")


def _representatives(item: Item) -> list[tuple[str, dict[str, Any]]]:
    """The partner's representatives with their pointers: `representatives` (1.1) first, else `representative`."""
    several = item.value.get("representatives")
    if isinstance(several, list) and several:
        return [(f"{item.pointer}/representatives/{i}", person) for i, person in enumerate(several) if isinstance(person, dict)]
    single = item.value.get("representative")
    return [(f"{item.pointer}/representative", single)] if isinstance(single, dict) else []


def partner_types(partner: Mapping[str, Any]) -> set[str]:
    """Every kind of actor a partner is: its `type` and its `additional_types` (format 1.1)."""
    kinds = {partner.get("type")} | set(partner.get("additional_types") or ())
    return {kind for kind in kinds if isinstance(kind, str)}


def open_adherence(ctx: RuleContext) -> bool:
    """Organisations adhere one by one (`charter.adherence: open`): the roster is whoever has adhered so far."""
    return ctx.section("charter").get("adherence") == "open"


def missing_stakeholder_category(ctx: RuleContext) -> Iterator[BareFinding]:
    """MEM02: the charter's `profile` expects a partner type that no active partner has."""
    name = ctx.section("charter").get("profile")
    if not isinstance(name, str):
        return
    profile = ctx.profiles.get(name)
    if profile is None:
        yield _unknown_profile(name, sorted(ctx.profiles))
        return
    if open_adherence(ctx):
        return
    active_types = set().union(*(partner_types(p.value) for p in ctx.active_partners))
    active_types |= {s["provides_type"] for s in ctx.data.get("procured_services") or () if isinstance(s, dict) and isinstance(s.get("provides_type"), str)}
    inactive: dict[str, Item] = {}
    for p in ctx.partners:
        if p.value.get("status") in INACTIVE and isinstance(p.value.get("type"), str):
            inactive.setdefault(p.value["type"], p)
    missing = [group for group in profile.expects if active_types.isdisjoint(group)]
    if len(missing) == 1:
        yield _missing_type(name, missing[0], inactive)
    elif missing:  # one cause (the roster lacks kinds of actor), one finding listing them: not one per kind on the same line
        yield _missing_types(name, missing, inactive)


def _missing_type(profile: str, group: tuple[str, ...], inactive: dict[str, Item]) -> BareFinding:
    params: dict[str, object] = {"profile": profile, "types": list(group), "type": group[0]}
    key = "missing" if len(group) == 1 else "missing_any"
    holder = _inactive_holder(group, inactive)
    if holder is not None:
        params.update(partner=holder.id or holder.pointer, status=holder.value.get("status"), held=holder.value.get("type"))
        key = "inactive"
    return BareFinding("/partners", params, message=key)


def _missing_types(profile: str, groups: list[tuple[str, ...]], inactive: dict[str, Item]) -> BareFinding:
    """Several expected kinds missing: one finding, each kind a phrase (`employer`, one of two types, a type whose only
    partner is an observer), its message chosen by the count as a plural form is."""
    kinds = [_kind(group, _inactive_holder(group, inactive)) for group in groups]
    params: dict[str, object] = {"profile": profile, "count": len(groups), "kinds": kinds, "type": groups[0][0]}
    return BareFinding("/partners", params, hint=Text("MEM02.hint-several", {"type": groups[0][0]}), message="missing_several")


def _kind(group: tuple[str, ...], holder: Item | None) -> str | Text:
    """One expected kind of actor in a list of missing kinds: its type, or a phrase in the reader's language."""
    if holder is not None:
        return Text("MEM02.kind-inactive", {"types": _ticked(group), "partner": holder.id or holder.pointer, "status": str(holder.value.get("status"))})
    return _ticked(group) if len(group) == 1 else Text("MEM02.kind-any", {"types": _ticked(group[:-1]), "last": _ticked(group[-1:])})


def _ticked(group: tuple[str, ...]) -> str:
    return ", ".join(f"`{kind}`" for kind in group)


def _inactive_holder(group: tuple[str, ...], inactive: dict[str, Item]) -> Item | None:
    """The partner of one of the group's types that does not count (an observer, a partner who left), if any."""
    return next((inactive[t] for t in group if t in inactive), None)


def _unknown_profile(name: str, known: list[str]) -> BareFinding:
    close = closest(name, known)
    params = {"profile": name, "known": known, "suggestion": close or ""}
    if close:
        hint = Text("MEM.hint-profile-exact", {"profile": close})
    else:
        hint = Text("MEM.hint-profile-known", {"known": ", ".join(known)})
    return BareFinding("/charter/profile", params, hint=hint, message="unknown_profile_close" if close else "unknown_profile")


def unsigned_partner(ctx: RuleContext) -> Iterator[BareFinding]:
    """MEM05: the charter is signed or active and an active partner has not signed it."""
    status = ctx.section("charter").get("status")
    if status not in ("signed", "active") or open_adherence(ctx):  # each adherent signs its own act
        return
    for item in ctx.active_partners:
        signed = item.value.get("signed")
        if signed is True:
            continue
        params = {"id": item.id or item.pointer, "name": item.value.get("name", ""), "status": status}
        if signed is None:
            yield BareFinding(item.pointer, params, message="not_recorded")
        else:
            yield BareFinding(f"{item.pointer}/signed", params)


def partner_without_commitment(ctx: RuleContext) -> Iterator[BareFinding]:
    """MEM06: an active partner the charter commits to nothing: no signature, nobody who speaks for it, no
    contribution, and nothing it answers for (pilot, accountable, responsible, contributor, collector of a
    measure). A seat on a body alone is membership, not a commitment: a roster describes a partnership, an
    agreement records what each party undertakes."""
    if open_adherence(ctx):  # each adherent commits by its own act, outside the charter
        return
    committed = _committed(ctx)
    for item in ctx.active_partners:
        if item.id in committed or _states_commitment(item):
            continue
        yield BareFinding(item.pointer, {"id": item.id or item.pointer, "name": item.value.get("name", "")})


#: The keys of a partner's own entry that can commit it: a signature, who speaks for it, what it brings.
COMMITMENT_KEYS = frozenset({"signed", "representative", "representatives", "contributions"})


def _states_commitment(item: Item) -> bool:
    """The partner's own entry commits it: it signed, a representative speaks for it, or it contributes."""
    if COMMITMENT_KEYS.isdisjoint(item.value):  # a bare partner costs no look-up
        return False
    return item.value.get("signed") is True or bool(_representatives(item)) or bool(item.value.get("contributions"))


def _committed(ctx: RuleContext) -> set[str]:
    """Every partner id the charter gives something to answer for, in one pass over each section."""
    ids: set[str] = set(ctx.pilot_ids)
    for section, keys in (
        (ctx.objectives, ("accountable", "contributors")),
        (ctx.responsibilities, ("responsible", "accountable")),
        (ctx.measures, ("collected_by", "co_designed_by")),
    ):
        for item in section:
            for key in keys:
                ids.update(refs(item.value.get(key)))
    return ids


FUNCTIONS = {
    "partner_without_commitment": partner_without_commitment,
    "representative_not_mandated": representative_not_mandated,
    "missing_stakeholder_category": missing_stakeholder_category,
    "unsigned_partner": unsigned_partner,
}
