"""MEM02 reads the profiles the registry holds: profiles are data, any plugin can add one."""

from __future__ import annotations

from datetime import date

from partnercheck.builtin.members import missing_stakeholder_category
from partnercheck.findings import Text
from partnercheck.report.messages import english
from partnercheck.rules.context import Charter, Profile, RuleContext

CLUSTER = Profile("employer-cluster", (("employer", "employer_federation"), ("training_body",), ("association",)), plugin="org")


def _findings(profile: str, *partners: dict) -> list:
    data = {"charter": {"id": "c", "title": "C", "profile": profile}, "partners": list(partners)}
    ctx = RuleContext(Charter(data), {}, date(2026, 1, 15), {CLUSTER.name: CLUSTER})
    return list(missing_stakeholder_category(ctx))


def test_a_profile_from_another_plugin_is_checked_group_by_group() -> None:
    (found,) = _findings("employer-cluster", {"id": "a", "type": "employer_federation"}, {"id": "b", "type": "training_body", "status": "left"})
    assert (found.pointer, found.message, found.params["count"]) == ("/partners", "missing_several", 2)  # one finding for the roster
    inactive, missing = found.params["kinds"]
    assert inactive == Text("MEM02.kind-inactive", {"types": "`training_body`", "partner": "b", "status": "left"}) and missing == "`association`"
    (alone,) = _findings("employer-cluster", {"id": "a", "type": "employer"}, {"id": "b", "type": "training_body", "status": "left"}, {"id": "c", "type": "association"})
    assert (alone.message, alone.params["type"], alone.params["partner"], alone.params["status"]) == ("inactive", "training_body", "b", "left")


def test_a_profile_fully_met_gives_nothing() -> None:
    assert _findings("employer-cluster", {"id": "a", "type": "employer"}, {"id": "b", "type": "training_body"}, {"id": "c", "type": "association"}) == []


def test_an_unknown_profile_names_the_registered_ones() -> None:
    (found,) = _findings("employer-clustr", {"id": "a", "type": "employer"})
    assert (found.pointer, found.message, found.params["suggestion"], found.params["known"]) == ("/charter/profile", "unknown_profile_close", "employer-cluster", ["employer-cluster"])
    assert isinstance(found.hint, Text) and "profile: employer-cluster" in english(found.hint)
