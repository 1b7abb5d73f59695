"""`RuleContext`: every attribute a rule reads is declared with its type and reaches the shared indexes."""

from __future__ import annotations

import inspect
from functools import cached_property

import pytest

from partnercheck.rules.context import Charter, RuleContext, Shared

DATA = {
    "partners": [{"id": "a", "status": "active"}, {"id": "b", "status": "left"}, "not a mapping"],
    "governance": {"bodies": [{"id": "copil"}]},
    "objectives": [{"id": "o1"}],
    "evaluation": {"measures": [{"id": "m1"}]},
    "beneficiaries": [{"id": "x"}],
    "responsibilities": [{"partner": "a"}],
    "pilot": {"partners": ["a", 3]},
}

#: What rule authors read from a charter; every one must be declared on RuleContext itself.
PUBLIC = sorted(name for name in dir(Charter) if not name.startswith("_")) + ["data", "path"]


def test_the_context_declares_every_index_of_the_charter() -> None:
    assert not hasattr(RuleContext, "__getattr__")
    declared = {name for cls in RuleContext.__mro__ for name in vars(cls)}
    assert set(PUBLIC) <= declared


@pytest.mark.parametrize("name", [n for n in PUBLIC if not callable(inspect.getattr_static(Charter, n, None)) or isinstance(inspect.getattr_static(Charter, n, None), cached_property)])
def test_each_index_is_the_charters_own_object(name: str) -> None:
    charter = Charter(DATA, "c.yaml")
    ctx = RuleContext(charter)
    assert getattr(ctx, name) is getattr(charter, name)


@pytest.mark.parametrize("name", [n for n in PUBLIC if isinstance(inspect.getattr_static(RuleContext, n), Shared)])
def test_each_shared_index_declares_its_type(name: str) -> None:
    declared = inspect.getattr_static(RuleContext, name)
    assert getattr(declared, "__orig_class__", None) is not None, name  # Shared[list[Item]](), not a bare Shared()


def test_the_indexes_read_the_charter() -> None:
    ctx = RuleContext(Charter(DATA, "c.yaml"))
    assert [p.id for p in ctx.active_partners] == ["a"]
    assert ctx.active_ids == frozenset({"a"})
    assert list(ctx.bodies_by_id) == ["copil"] and list(ctx.objectives_by_id) == ["o1"] and list(ctx.measures_by_id) == ["m1"]
    assert ctx.pilot_ids == ["a"]
    assert ctx.section("governance") == DATA["governance"] and ctx.items("objectives")[0].pointer == "/objectives/0"
    assert ctx.path == "c.yaml" and ctx.data is DATA


def test_a_misspelt_attribute_fails() -> None:
    ctx = RuleContext(Charter(DATA))
    with pytest.raises(AttributeError):
        ctx.objectivs  # type: ignore[attr-defined]  # noqa: B018
