"""`Record` (records.py): the internal records that replaced dataclasses keep a dataclass's equality, hash, repr and replace."""

from __future__ import annotations

import pickle

import pytest

from partnercheck.records import Record
from partnercheck.run.gates import LowScore, RunOutcome


def test_records_are_equal_by_class_and_fields() -> None:
    assert LowScore("a.yaml", 10.0) == LowScore("a.yaml", 10.0)
    assert LowScore("a.yaml", 10.0) != LowScore("a.yaml", 11.0)
    assert LowScore("a.yaml", 10.0) != ("a.yaml", 10.0)
    assert hash(LowScore("a.yaml", None)) == hash(LowScore("a.yaml", None))


def test_a_record_is_shown_with_its_fields() -> None:
    assert repr(LowScore("a.yaml", None)) == "LowScore(path='a.yaml', score=None)"


def test_replace_copies_with_changes_and_refuses_an_unknown_field() -> None:
    low = LowScore("a.yaml", 10.0)
    assert low.replace(score=20.0) == LowScore("a.yaml", 20.0)
    assert low == LowScore("a.yaml", 10.0)
    with pytest.raises(TypeError, match="no field 'nope'"):
        low.replace(nope=1)


def test_a_slot_with_a_leading_underscore_is_a_cache_not_a_field() -> None:
    outcome = RunOutcome(low_scores=(LowScore("a.yaml", 1.0),), min_score=50)
    assert outcome.failing_in("a.yaml") == ()  # fills the cache
    assert outcome == RunOutcome(low_scores=(LowScore("a.yaml", 1.0),), min_score=50)
    assert "_by_path" not in repr(outcome)
    assert outcome.replace(min_score=60).min_score == 60


def test_a_record_survives_pickling_as_workers_send_it() -> None:
    outcome = RunOutcome(low_scores=(LowScore("a.yaml", 1.0),), min_score=50)
    assert pickle.loads(pickle.dumps(outcome)) == outcome


def test_a_subclass_has_no_instance_dictionary() -> None:
    class Point(Record):
        __slots__ = ("x", "y")

        def __init__(self, x: int, y: int) -> None:
            self.x, self.y = x, y

    with pytest.raises(AttributeError):
        Point(1, 2).z = 3  # type: ignore[attr-defined]


def _records() -> list[type]:
    """Every Record subclass of the package, its modules all imported (a record's class exists once its module is)."""
    import importlib
    import pkgutil

    import partnercheck

    for module in pkgutil.walk_packages(partnercheck.__path__, "partnercheck."):
        if not module.name.startswith(("partnercheck.server", "partnercheck.__main__")):
            importlib.import_module(module.name)
    found: list[type] = []
    todo = list(Record.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo += cls.__subclasses__()
    # a record's own subclass with another constructor (run/parallel.LazyDocument, a Document read on demand) is not a record's declaration
    # and the class a `@dataclass(slots=True)` replaced (still among the subclasses until collected) is not the module's
    return [cls for cls in found if cls.__module__.startswith("partnercheck.") and Record in cls.__bases__ and _declared(cls)]


def _declared(cls: type) -> bool:
    import sys

    found: object = sys.modules[cls.__module__]
    for name in cls.__qualname__.split("."):
        found = getattr(found, name, None)
    return found is cls


def test_every_record_s_init_takes_its_fields_in_order() -> None:
    """A record's fields are written twice (its slots and its `__init__`): a field added to one and not the other
    would be a slot never set (an AttributeError far from the cause), so they must name the same fields in the same order."""
    import inspect

    records = _records()
    assert len(records) >= 30  # the package's records, found (the walk above did import them)
    for cls in records:
        params = [p for p in inspect.signature(cls.__init__).parameters if p != "self"]  # type: ignore[misc]
        assert tuple(params) == _fields(cls), cls.__qualname__


def _fields(cls: type) -> tuple[str, ...]:
    slots: list[str] = []
    for klass in reversed(cls.__mro__):
        slots += [name for name in getattr(klass, "__slots__", ()) if not name.startswith("_") and name not in slots]
    return tuple(slots)
