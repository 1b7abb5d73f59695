"""Checks of the change pack (S4, S5, S9): a charter that changes keeps the traces its partners rely on.

These functions have `scope: change`: they run when the charter's previous
version is known (`check --base`, `diff`: `ctx.previous`) or when its
`evolution.change_log` tells its changes; with only the change log, a rule
that needs the previous version says nothing. Items are matched by id, so a
reformatted or reordered charter changes nothing here.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Iterator, Mapping

from partnercheck.builtin.timing import parse_date
from partnercheck.findings import BareFinding
from partnercheck.rules.context import Charter, RuleContext

SIGNED = ("signed", "active")


def partner_left_untraced(ctx: RuleContext) -> Iterator[BareFinding]:
    """CHG01: a partner that left with no `left_on`, or that no change-log entry names, or that was removed from the list.

    With the change log alone, only the departures it should hold: undated ones, and those after its first entry.
    """
    now = _partners(ctx.charter)
    if ctx.previous is not None:
        was = _partners(ctx.previous)
        leaving = [pid for pid, (_, p) in was.items() if not _left(p) and (pid not in now or _left(now[pid][1]))]
    else:  # the change log alone: a departure it should hold (undated, or after its first entry)
        first = min(_log_dates(ctx.charter), default=None)
        leaving = [pid for pid, (_, p) in now.items() if _left(p) and first is not None and _after(p.get("left_on"), first)]
    for pid in leaving:
        if pid not in now:
            yield BareFinding("/partners", {"partner": pid}, message="removed")
            continue
        i, partner = now[pid]
        params = {"partner": pid, "name": partner.get("name", "")}
        if parse_date(partner.get("left_on")) is None:
            yield BareFinding(f"/partners/{i}", params, message="no_left_on")
        elif not _logged(ctx.charter, pid, partner):
            yield BareFinding(f"/partners/{i}", params, message="no_log_entry")


def pilot_changed_unmandated(ctx: RuleContext) -> Iterator[BareFinding]:
    """CHG02: the pilot's partners changed while its mandate stayed as it was."""
    if ctx.previous is None:
        return
    before, after = _pilot(ctx.previous), _pilot(ctx.charter)
    pilots_before, pilots_after = _ids(before.get("partners")), _ids(after.get("partners"))
    if not pilots_after or pilots_before == pilots_after:
        return
    mandate = after.get("mandate")
    if isinstance(mandate, dict) and mandate != before.get("mandate"):
        return
    pointer = "/pilot/mandate" if isinstance(mandate, dict) else "/pilot"
    yield BareFinding(pointer, {"before": sorted(pilots_before), "after": sorted(pilots_after)})


def objective_changed_unendorsed(ctx: RuleContext) -> Iterator[BareFinding]:
    """CHG03: an objective's statement, target or deadline changed and its `endorsed_on` did not."""
    if ctx.previous is None:
        return
    was = {o.id: o.value for o in ctx.previous.items("objectives") if o.id}
    for item in ctx.charter.items("objectives"):
        before = was.get(item.id or "")
        if before is None:
            continue
        changed = [key for key in ("statement", "target", "deadline") if before.get(key) != item.value.get(key)]
        if changed and before.get("endorsed_on") == item.value.get("endorsed_on"):
            yield BareFinding(item.pointer, {"objective": item.id, "changed": changed})


def new_partner_not_onboarded(ctx: RuleContext) -> Iterator[BareFinding]:
    """CHG04: a partner that joined (since the previous version, or after the change log's first entry) with no induction (`onboarding.induction_on`).

    The appropriation time (`appropriation_weeks`) is TIM01's, for every active partner: not reported twice.
    """
    now = _partners(ctx.charter)
    if ctx.previous is not None:
        was = _partners(ctx.previous)
        joined = [pid for pid, (_, p) in now.items() if not _left(p) and (pid not in was or _left(was[pid][1]))]
    else:
        first = min(_log_dates(ctx.charter), default=None)
        joined = [pid for pid, (_, p) in now.items() if not _left(p) and first is not None and (parse_date(p.get("joined_on")) or date.min) > first]
    for pid in joined:
        i, partner = now[pid]
        onboarding = partner.get("onboarding")
        if not isinstance(onboarding, dict) or onboarding.get("induction_on") is None:
            yield BareFinding(f"/partners/{i}", {"partner": pid, "name": partner.get("name", "")})


def version_not_bumped(ctx: RuleContext) -> Iterator[BareFinding]:
    """CHG05: the charter's content changed while `charter.version` stayed the same."""
    if ctx.previous is None:
        return
    before, after = ctx.previous.section("charter").get("version"), ctx.section("charter").get("version")
    if before != after or _without_version(ctx.previous.data) == _without_version(ctx.data):
        return
    pointer = "/charter/version" if after is not None else "/charter"
    yield BareFinding(pointer, {"version": "" if after is None else str(after)}, message="default" if after is not None else "no_version")


def signed_amended_unrecorded(ctx: RuleContext) -> Iterator[BareFinding]:
    """CHG06: a signed (or active) charter whose terms changed with no new change-log entry (the amendment procedure's record)."""
    if ctx.previous is None:
        return
    status = ctx.previous.section("charter").get("status")
    from partnercheck.history.terms import changes, material  # a previous version given (check --base): rarely

    found = material(changes(ctx.previous.data, ctx.data))
    if status not in SIGNED or not found or _entries(ctx.charter) - _entries(ctx.previous):
        return
    evolution = ctx.data.get("evolution")
    pointer = "/evolution/change_log" if isinstance(evolution, dict) and "change_log" in evolution else "/evolution" if isinstance(evolution, dict) else ""
    procedure = ctx.section("charter", "review").get("amendment_procedure")
    params = {"status": status, "count": len(found), "procedure": procedure if isinstance(procedure, str) else ""}
    yield BareFinding(pointer, params, message="procedure" if params["procedure"] else "default")


def change_log_behind(ctx: RuleContext) -> Iterator[BareFinding]:
    """CHG07: the change log's last entry is older than the last material change the charter dates (a partner joined or left, the pilot's mandate)."""
    last = max(_log_dates(ctx.charter), default=None)
    if last is None:
        return
    changed = [(d, what) for d, what in _dated_changes(ctx.charter) if d <= ctx.today]
    if not changed:
        return
    latest, what = max(changed)
    if latest > last:
        yield BareFinding("/evolution/change_log", {"last_entry": last.isoformat(), "changed_on": latest.isoformat(), "what": what})


# helpers ---------------------------------------------------------------------
def _partners(charter: Charter) -> dict[str, tuple[int, Mapping[str, Any]]]:
    return {p.id: (int(p.pointer.rsplit("/", 1)[1]), p.value) for p in charter.items("partners") if p.id}


def _left(partner: Mapping[str, Any]) -> bool:
    return partner.get("status") == "left"


def _after(value: Any, first: date) -> bool:
    """Whether a partner's date is after the change log's first entry; an undated one may be: the log cannot tell."""
    day = parse_date(value)
    return day is None or day > first


def _pilot(charter: Charter) -> dict[str, Any]:
    return charter.section("pilot")


def _ids(value: Any) -> set[str]:
    return {v for v in value if isinstance(v, str)} if isinstance(value, list) else {value} if isinstance(value, str) else set()


def _log(charter: Charter) -> list[Mapping[str, Any]]:
    log = charter.section("evolution").get("change_log")
    return [e for e in log if isinstance(e, dict)] if isinstance(log, list) else []


def _log_dates(charter: Charter) -> list[date]:
    return [d for d in (parse_date(e.get("date")) for e in _log(charter)) if d is not None]


def _entries(charter: Charter) -> set[tuple[str, str]]:
    return {(str(e.get("date")), " ".join(str(e.get("change", "")).split())) for e in _log(charter)}


def _logged(charter: Charter, pid: str, partner: Mapping[str, Any]) -> bool:
    """Whether a change-log entry names the partner (its id or its name)."""
    names = [n.casefold() for n in (pid, partner.get("name")) if isinstance(n, str) and n.strip()]
    return any(n in str(e.get("change", "")).casefold() for e in _log(charter) for n in names)


def _dated_changes(charter: Charter) -> Iterator[tuple[date, str]]:
    for p in charter.items("partners"):
        for key in ("joined_on", "left_on"):
            d = parse_date(p.value.get(key))
            if d is not None:
                yield d, f"{p.id or p.pointer} {key}"
    granted = parse_date(charter.section("pilot", "mandate").get("granted_on"))
    if granted is not None:
        yield granted, "pilot.mandate.granted_on"


def _without_version(data: Mapping[str, Any]) -> dict[str, Any]:
    charter = {k: v for k, v in (data.get("charter") or {}).items() if k != "version"} if isinstance(data.get("charter"), dict) else data.get("charter")
    return {**data, "charter": charter}


FUNCTIONS = {
    "partner_left_untraced": partner_left_untraced,
    "pilot_changed_unmandated": pilot_changed_unmandated,
    "objective_changed_unendorsed": objective_changed_unendorsed,
    "new_partner_not_onboarded": new_partner_not_onboarded,
    "version_not_bumped": version_not_bumped,
    "signed_amended_unrecorded": signed_amended_unrecorded,
    "change_log_behind": change_log_behind,
}
