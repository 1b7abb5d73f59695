"""The quick schema check answers exactly as jsonschema does (quickschema.py).

Compared on the charter schema (examples, generated charters, mutations of the
healthy example, values at the edges of each keyword) and on the schemas of
every declarative rule, node by node.
"""

from __future__ import annotations

import copy
import random
import sys
from functools import lru_cache
from typing import Any, Iterator

import pytest
from paths import EXAMPLES, ROOT

from partnercheck.checks.quickschema import compile_schema
from partnercheck.checks.schema import charter_schema, charter_validator
from partnercheck.document.load import load_document
from partnercheck.plugins.manager import load_registry
from partnercheck.pointers import select
from partnercheck.rules.declarative import compile_schema as jsonschema_validator
from partnercheck.rules.model import Declarative

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import charter  # noqa: E402

QUICK = compile_schema(charter_schema())
FULL = charter_validator()


def charters() -> Iterator[Any]:
    yield from _charters()


@lru_cache(maxsize=1)
def _charters() -> tuple[Any, ...]:
    """Read and generated once: a mutation copies what it changes, so the data stays as loaded."""
    examples = (load_document(str(path), path.read_bytes()) for path in sorted(EXAMPLES.rglob("*.yaml")))
    generated = (load_document("g.yaml", charter(n, seed=n).encode()) for n in (1, 3, 15, 40))
    return tuple(doc.data for doc in examples if doc.is_charter) + tuple(doc.data for doc in generated)


def mutations(data: Any, rnd: random.Random, count: int) -> Iterator[Any]:
    """Copies of `data` with one node replaced by a value of another kind, or a key added or removed.

    Only the mappings and lists on the way to the changed node are copied (`data` itself is never changed); the
    rest is `data`'s own, so a section the mutation did not touch is the very object it was in `data`."""
    values = [None, True, False, 0, 1, 2.0, 2.5, -1, "", "x", "2026-02-30", "2026-02-28", "2026-1-01", [], {}, ["a"], {"x-note": 1}, "Not A Slug"]
    nodes = list(_nodes(data, ()))
    for _ in range(count):
        path = rnd.choice(nodes)
        mutated, parent = _copied_to(data, path[:-1])
        choice = rnd.random()
        if choice < 0.7:
            parent[path[-1]] = rnd.choice(values)
        elif choice < 0.85 and isinstance(parent, dict):
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[rnd.choice(["unknown", "x-extra", "nmae"])] = rnd.choice(values)
        yield mutated


def _nodes(node: Any, path: tuple[Any, ...]) -> Iterator[tuple[Any, ...]]:
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        yield (*path, key)
        yield from _nodes(value, (*path, key))


def _copied_to(data: Any, path: tuple[Any, ...]) -> tuple[Any, Any]:
    """A shallow copy of `data` whose containers on `path` are shallow copies too, and the copy of the container at
    `path`: changing that one leaves `data` as it was."""
    root = node = copy.copy(data)
    for key in path:
        node[key] = copy.copy(node[key])
        node = node[key]
    return root, node


def test_the_charter_schema_has_a_quick_check() -> None:
    assert QUICK is not None


class WholeAnswers:
    """jsonschema's answer for a charter, made as jsonschema makes it, one top-level key at a time.

    The charter schema's root is an object schema: its `properties` and `patternProperties` each validate one
    top-level value, and its other keywords (`type`, `required`, `additionalProperties: false`) look at the
    keys only. Each keyword being one more condition (no `unevaluatedProperties` here to tie them together), a
    charter is valid when jsonschema accepts it under the root with those subschemas set to `true` (`SHAPE`), and
    accepts each top-level `{key: value}` under the root's `properties` and `patternProperties` (`SECTION`, whose
    `$ref`s resolve in the charter schema as `FULL`'s do). A top-level value that `data` holds (the same object:
    mutations copy only what they change) is answered once, so a mutant costs the validation of the section it
    changed, not of the whole charter."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.kept: dict[str, bool] = {}

    def __call__(self, candidate: Any) -> bool:
        if not isinstance(candidate, dict):
            return bool(FULL.is_valid(candidate))
        return bool(SHAPE.is_valid(candidate)) and all(self._section(key, value) for key, value in candidate.items())

    def _section(self, key: str, value: Any) -> bool:
        if key not in self.data or self.data[key] is not value:
            return bool(SECTION.is_valid({key: value}))
        if key not in self.kept:
            self.kept[key] = bool(SECTION.is_valid({key: value}))
        return self.kept[key]


ROOT = charter_schema()
SHAPE = FULL.evolve(schema={**ROOT, "properties": dict.fromkeys(ROOT["properties"], True), "patternProperties": dict.fromkeys(ROOT["patternProperties"], True)})
SECTION = FULL.evolve(schema={"properties": ROOT["properties"], "patternProperties": ROOT["patternProperties"]})


def test_the_whole_answer_by_sections_is_jsonschema_s() -> None:
    assert not {"unevaluatedProperties", "dependentSchemas", "$dynamicRef", "$ref", "allOf", "anyOf", "oneOf", "not", "if"} & set(ROOT)
    rnd = random.Random(3)
    invalid = 0
    for data in charters():
        answers = WholeAnswers(data)
        for candidate in [data, *mutations(data, rnd, 3)]:
            expected = FULL.is_valid(candidate)
            assert answers(candidate) == expected
            invalid += not expected
    assert invalid  # some mutants were invalid, and said so both ways


@pytest.mark.slow
def test_same_answer_on_charters_and_their_mutations() -> None:
    rnd = random.Random(7)
    compared = 0
    for data in charters():
        whole = WholeAnswers(data)
        for candidate in [data, *mutations(data, rnd, 80)]:
            assert QUICK(candidate) == whole(candidate)
            compared += 1
    assert compared > 500


@pytest.mark.parametrize(
    "schema, values",
    [
        ({"type": "integer"}, [1, 2.0, 2.5, True, "1", None]),
        ({"type": ["number", "null"]}, [1, 2.5, None, False, "x"]),
        ({"enum": [1, "a", None, False]}, [1, 1.0, True, False, 0, "a", None, [1]]),
        ({"const": [1, {"a": True}]}, [[1, {"a": True}], [1, {"a": 1}], [1.0, {"a": True}]]),
        ({"format": "date"}, ["2026-02-28", "2026-02-30", "2026-1-01", "20260101", "２０２６-01-01", 5]),
        ({"minimum": 2, "maximum": 5}, [2, 5, 1.9, 5.1, True, "3", float("nan")]),
        ({"pattern": "^[a-z]+$", "minLength": 2, "maxLength": 3}, ["ab", "abcd", "a", "A1", 3]),
        ({"not": {"required": ["a"]}}, [{"a": 1}, {"b": 1}, [], "a"]),
        ({"oneOf": [{"type": "integer"}, {"minimum": 0}]}, [1, -1, 1.5, "x"]),
        ({"contains": {"const": 1}, "minItems": 1, "maxItems": 2}, [[1], [2], [], [1, 2, 3], "x"]),
        ({"properties": {"a": {"type": "string"}}, "patternProperties": {"^x-": {"type": "integer"}}, "additionalProperties": False}, [{"a": "s"}, {"x-a": 1}, {"x-a": "s"}, {"b": 1}, {"a": 1}]),
        ({"items": {"$ref": "#/$defs/s"}, "$defs": {"s": {"type": "string"}}}, [["a"], ["a", 1], []]),
    ],
)
def test_same_answer_keyword_by_keyword(schema: dict[str, Any], values: list[Any]) -> None:
    quick = compile_schema(schema)
    full = jsonschema_validator(schema)
    assert quick is not None
    for value in values:
        assert quick(value) == full.is_valid(value), value


def test_dict_and_list_subclasses_count_as_objects_and_arrays() -> None:
    class Counting(dict):  # what a rule test may pass for a mapping
        pass

    class Items(list):
        pass

    schema = {"not": {"required": ["status"], "properties": {"status": {"enum": ["left"]}}}, "properties": {"tags": {"type": "array", "minItems": 2}}}
    quick, full = compile_schema(schema), jsonschema_validator(schema)
    for value in (Counting(status="left"), Counting(status="active"), Counting(tags=Items(["a"])), Counting(tags=Items(["a", "b"]))):
        assert quick(value) == full.is_valid(value), value


def test_unknown_keywords_leave_it_to_jsonschema() -> None:
    assert compile_schema({"dependentRequired": {"a": ["b"]}}) is None
    assert compile_schema({"$ref": "https://example.org/schema.json"}) is None
    assert compile_schema({"format": "email"}) is None


@pytest.mark.slow
def test_same_answer_for_every_declarative_rule() -> None:
    rnd = random.Random(11)
    compared = 0
    for rule in load_registry().rules.values():
        if not isinstance(rule.check, Declarative):
            continue
        for part in (rule.check.schema, rule.check.where):
            if part is None:
                continue
            quick, full = compile_schema(part), jsonschema_validator(part)
            assert quick is not None, f"{rule.code}: the quick check does not cover this schema"
            for data in charters():
                for candidate in [data, *mutations(data, rnd, 10)]:
                    for _, node in select(candidate, rule.check.select):
                        assert quick(node) == full.is_valid(node), rule.code
                        compared += 1
    assert compared > 500
