"""Linear cost: no rule is quadratic in the size of the charter.

Approach (operation counts, no timing). A charter is generated with N
partners and with objectives, measures, bodies, RACI entries, beneficiary
groups and related partnerships growing with N (one per 10 or 100 partners),
plus a few defects per 100 partners so that the rules' finding paths run too.
Its data is built from counting containers: every element a rule touches,
through the data itself or through the shared `Charter` indexes (`partners`,
`active_ids`, `bodies_by_id`, …, wrapped the same way), adds one to a tally:

- iterating a list, mapping or set counts one per element;
- `x in some_list`, `list.index`, `list.count` count the length scanned;
- set algebra on an index (`active_ids - endorsers`) counts both sizes;
- a key or index look-up counts one.

Each rule runs on the N = 1,000 and the N = 10,000 charter. A linear rule's
tally grows about tenfold; a rule that re-scans partners (or objectives, or
bodies) for each partner grows about a hundredfold. The bound allowed is
twenty-fold, generous enough for constant overheads and for `n log n`.
`test_the_tally_exposes_a_quadratic_rule` shows that the instrument does
catch a rule written the quadratic way.

Work done on plain Python structures a rule builds itself (its own list,
scanned in a loop) is not counted: the tally measures what rules read from
the charter, which is how quadratic rules in practice show up. Speed itself is
measured in benchmarks/, not asserted here. The 10,000-partner data is linted
by every rule directly (parsing and schema validation, which are not rules,
are left to the benchmarks); a 100-partner version goes through the whole
engine to show the generated charter is well formed.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, Iterator

import pytest
from support import TODAY

from partnercheck.findings import BareFinding, Severity
from partnercheck.plugins.registry import Registry
from partnercheck.rules.context import Charter, RepositoryContext, RuleContext
from partnercheck.rules.model import EngineCheck, Function, Rule
from partnercheck.rules.runner import run_rule
from partnercheck.testing import default_registry, lint_text

SMALL, LARGE = 1_000, 10_000
#: The most a rule's tally may grow when the charter grows tenfold.
BOUND = 20

TYPES = ["institution", "local_authority", "funder", "employer", "employer_federation", "training_body", "public_employment_service", "association", "beneficiary_representative", "other"]
KINDS = ["funding", "staff", "in_kind", "expertise", "network", "premises"]


# the tally ------------------------------------------------------------------------
class Tally:
    count = 0

    @classmethod
    def add(cls, n: int = 1) -> None:
        cls.count += n


class CDict(dict):
    def __getitem__(self, key: Any) -> Any:
        Tally.add()
        return super().__getitem__(key)

    def get(self, key: Any, default: Any = None) -> Any:
        Tally.add()
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        Tally.add()
        return super().__contains__(key)

    def __iter__(self) -> Iterator[Any]:
        for key in super().__iter__():
            Tally.add()
            yield key

    def keys(self) -> Any:
        return list(iter(self))

    def values(self) -> Any:
        return [super(CDict, self).__getitem__(k) for k in iter(self)]

    def items(self) -> Any:
        return [(k, super(CDict, self).__getitem__(k)) for k in iter(self)]


class CList(list):
    def __iter__(self) -> Iterator[Any]:
        for item in super().__iter__():
            Tally.add()
            yield item

    def __getitem__(self, index: Any) -> Any:
        value = super().__getitem__(index)
        Tally.add(len(value) if isinstance(index, slice) else 1)
        return value

    def __contains__(self, value: object) -> bool:
        Tally.add(len(self))
        return super().__contains__(value)

    def index(self, *args: Any) -> int:
        Tally.add(len(self))
        return super().index(*args)

    def count(self, value: Any) -> int:
        Tally.add(len(self))
        return super().count(value)


def _set_op(name: str) -> Any:
    def op(self: frozenset, *others: Any) -> Any:
        Tally.add(len(self) + sum(len(o) for o in others if hasattr(o, "__len__")))
        return getattr(frozenset, name)(frozenset(self), *others)

    return op


class CSet(frozenset):
    def __iter__(self) -> Iterator[Any]:
        for item in super().__iter__():
            Tally.add()
            yield item

    def __contains__(self, value: object) -> bool:
        Tally.add()
        return super().__contains__(value)

    __sub__ = _set_op("__sub__")
    __rsub__ = _set_op("__rsub__")
    __and__ = _set_op("__and__")
    __rand__ = _set_op("__rand__")
    __or__ = _set_op("__or__")
    __ror__ = _set_op("__ror__")
    difference = _set_op("difference")
    intersection = _set_op("intersection")
    union = _set_op("union")
    issubset = _set_op("issubset")
    issuperset = _set_op("issuperset")


def counting(value: Any) -> Any:
    """The same data, built from counting containers."""
    if isinstance(value, dict):
        return CDict((k, counting(v)) for k, v in value.items())
    if isinstance(value, list):
        return CList(counting(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return CSet(value)
    return value


class CountingCharter(Charter):
    """A Charter whose indexes come out as counting containers (wrapped once, then cached)."""

    def __getattribute__(self, name: str) -> Any:
        value = super().__getattribute__(name)
        if name.startswith("_") or name in ("data", "path") or callable(value):
            return value
        wrapped = super().__getattribute__("__dict__").setdefault("_wrapped", {})
        key = (name, id(value))
        if key not in wrapped and isinstance(value, (list, dict, set, frozenset)):
            wrapped[key] = CSet(value) if isinstance(value, (set, frozenset)) else (CDict(value) if isinstance(value, dict) else CList(value))
        return wrapped.get(key, value)


# the generated charter ------------------------------------------------------------------
def _status(i: int) -> str:
    return "observer" if i % 50 == 49 else ("left" if i % 97 == 96 else "active")


def _partner(i: int) -> dict[str, Any]:
    partner: dict[str, Any] = {
        "id": f"p{i}", "name": f"Partenaire {i}", "type": TYPES[i % 10], "sector": "public",
        "representative": {"name": f"Représentant {i}", "role": "direction", "mandate_ref": f"délibération {i}"},
        "interests": ["Un intérêt"], "contributions": [{"kind": KINDS[i % 6], "description": "Une contribution"}],
        "specificities": ["Une spécificité"], "onboarding": {"appropriation_weeks": 6}, "signed": True, "status": _status(i),
    }
    if i % 100 == 42:  # a few defects, so that finding paths run as well
        del partner["onboarding"], partner["interests"]
    return partner


def generated(n: int) -> dict[str, Any]:
    """A charter with `n` partners; objectives, measures, bodies and RACI grow as n/10, groups as n/100."""
    k, g = max(n // 10, 1), max(n // 100, 1)
    bodies = [{"id": "copil", "name": "Comité de pilotage", "level": "strategic", "members": [f"p{i}" for i in range(n)], "decision_rule": "consent", "notice_days": 14}]
    bodies += [{"id": f"gt{j}", "name": f"Groupe {j}", "level": "working_group", "members": [f"p{10 * j + t}" for t in range(10)], "decision_rule": "consensus", "notice_days": 10} for j in range(k)]
    objectives = [
        {"id": f"o{j}", "statement": "Un objectif", "beneficiary_outcome": j % 2 == 0, "accountable": f"p{10 * j}", "contributors": [f"p{10 * j + t}" for t in (1, 2, 3)],
         "endorsed_by": "all" if j % 20 else [f"p{10 * j}", f"p{10 * j + 1}"], "measures": [f"m{j}"] if j % 50 else [], "target": 10, "deadline": "2028-06-30"}
        for j in range(k)
    ]
    measures = [{"id": f"m{j}", "name": "Une mesure", "data_source": "Une source", "collected_by": [f"p{10 * j + 1}", f"p{10 * j + 2}"] if j % 40 else [f"p{10 * j + 1}"]} for j in range(k)]
    return {
        "partnercheck": 1,
        "charter": {"id": f"grand-{n}", "title": "Un grand partenariat", "version": "1.1", "status": "signed", "profile": "training-platform",
                    "period": {"start": "2026-01-01", "end": "2028-12-31"}, "review": {"every_months": 12, "last_done": "2025-06-01"}},
        "context": {"problem_statement": "Un problème"}, "vision": "Une vision",
        "partners": [_partner(i) for i in range(n)],
        "pilot": {"partners": ["p0", "p1"], "mandate": {"granted_by": "copil", "granted_on": "2025-01-01", "term_until": "2028-12-31", "basis": "Convention"}},
        "backbone": {"holder": "Équipe d'animation", "fte": 3, "funded_by": ["p2"]},
        "objectives": objectives,
        "beneficiaries": [{"id": f"b{j}", "group": "Un groupe", "represented_by": [f"p{100 * j + 8}"], "seats": ["copil"], "participation": "partnership" if j % 3 else "consultation", "feedback_channel": "Un canal"} for j in range(g)],
        "governance": {"bodies": bodies, "conflict_resolution": {"steps": ["Dialogue"]}, "conflict_of_interest": "Déport", "entry_procedure": "Entrée", "exit_procedure": "Sortie"},
        "responsibilities": [{"id": f"r{j}", "activity": "Une activité", "objectives": [f"o{j}"], "responsible": [f"p{10 * j + t}" for t in (4, 5, 6)], "accountable": f"p{10 * j}", "consulted": [f"p{10 * j + 7}"], "informed": [f"p{10 * j + 9}"]} for j in range(k)],
        "communication": {"channels": ["Lettre"]},
        "evaluation": {"measures": measures, "partnership_review": {"method": "wilder", "every_months": 12, "last_done": "2025-06-01"}},
        "evolution": {"change_log": [{"date": "2025-06-01", "change": "Version 1.1"}]},
        "capitalisation": {"lessons_log": "Journal"}, "sustainability": {"continuation_plan": "Reconduction"},
        "related_partnerships": [{"name": f"Partenariat {j}", "shared_partners": [f"p{100 * j}", f"p{100 * j + 1}"], "articulation": "Une articulation"} for j in range(g)],
    }


# running the rules with the tally -------------------------------------------------------------
def _rules(registry: Registry) -> list[Rule]:
    return sorted((r for r in registry.rules.values() if not isinstance(r.check, EngineCheck)), key=lambda r: r.code)


def _tally(rule: Rule, data: Any, registry: Registry) -> tuple[int, int]:
    """(operations counted, findings) for one rule on fresh counting indexes."""
    charter = CountingCharter(data, "grand.yaml")
    Tally.count = 0
    if isinstance(rule.check, Function) and rule.check.scope == "repository":
        other = CDict(data)
        dict.__setitem__(other, "charter", CDict({"id": "autre", "title": "Autre"}))
        ctx: Any = RepositoryContext([charter, CountingCharter(other, "autre.yaml")], rule.defaults(), TODAY)
    else:
        ctx = RuleContext(charter, rule.defaults(), TODAY, registry.profiles)
    outcome = run_rule(rule, ctx, registry)
    assert outcome.crash is None, f"{rule.code} crashed on the generated charter: {outcome.crash}"
    return Tally.count, len(outcome.findings)


@pytest.fixture(scope="module")
def tallies() -> dict[str, tuple[tuple[int, int], tuple[int, int]]]:
    registry = default_registry()
    small, large = counting(generated(SMALL)), counting(generated(LARGE))
    return {r.code: (_tally(r, small, registry), _tally(r, large, registry)) for r in _rules(registry)}


def test_the_generated_charter_is_well_formed_and_exercises_findings() -> None:
    findings = lint_text(json.dumps(generated(300), ensure_ascii=False), today=TODAY)
    codes = Counter(f.code for f in findings)
    assert not [c for c in codes if c.startswith(("DOC", "SCH", "REF", "INT"))], codes
    assert {"TIM01", "PUR04", "EVA02", "EVA03", "BEN03"} <= set(codes), codes


@pytest.mark.slow
def test_every_rule_ran_on_ten_thousand_partners(tallies) -> None:
    registry = default_registry()
    assert set(tallies) == {r.code for r in _rules(registry)}
    assert len(tallies) >= 38
    # The defects grow with the charter, and so do the findings about them.
    assert tallies["TIM01"][1][1] > 5 * tallies["TIM01"][0][1] > 0


def test_no_rule_is_quadratic(tallies) -> None:
    too_costly = {
        code: f"{small[0]} operations for {SMALL} partners, {large[0]} for {LARGE}"
        for code, (small, large) in tallies.items()
        if large[0] > BOUND * max(small[0], 1)
    }
    assert too_costly == {}


def _quadratic_dormant(ctx: RuleContext) -> Iterator[BareFinding]:
    """Written the slow way: for each partner, scan every body's members."""
    for partner in ctx.partners:
        if not any(partner.id in body.value.get("members", []) for body in ctx.bodies):
            yield BareFinding(partner.pointer, {})


def test_the_tally_exposes_a_quadratic_rule() -> None:
    registry = Registry()
    registry.add_function("test.quadratic", _quadratic_dormant, "test")
    rule = Rule("TST01", "quadratic", "test", Severity.INFO, "s", "w", Function("test.quadratic"), {"default": "m"})
    small, large = (_tally(rule, counting(generated(n)), registry)[0] for n in (SMALL // 10, LARGE // 10))
    assert large > BOUND * small
