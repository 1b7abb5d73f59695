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
