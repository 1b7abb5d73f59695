"""The score's stated properties (docs/score.md, "Its properties"), held on charters built from the
healthy example and mutations of it: a rate, absence is not health, bounded effects."""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from typing import Any

import pytest
from catalog.support import TODAY, healthy
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from partnercheck.config.settings import Settings
from partnercheck.findings import Finding, Severity
from partnercheck.report.rate import SECTIONS, dimension_of, is_document_check
from partnercheck.report.score import DIMENSIONS, FileScore, rule_weights, score_findings, score_run, weights_from
from partnercheck.run.grouping import ungrouped
from partnercheck.run.lint import Request, lint
from partnercheck.testing import default_registry

REGISTRY = default_registry()
WEIGHTS = weights_from()
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
FAST = settings(max_examples=150, deadline=None)

#: Places a mutation can remove (a path of keys and list indexes), each a thing a coordinator might leave out.
REMOVABLE: tuple[tuple[Any, ...], ...] = (
    ("vision",),
    ("context", "problem_statement"),
    ("pilot", "mandate", "granted_by"),
    ("pilot", "mandate", "term_until"),
    ("governance", "conflict_resolution"),
    ("governance", "entry_procedure"),
    ("governance", "bodies", 0, "decision_rule"),
    ("communication",),
    ("evaluation",),
    ("evaluation", "partnership_review"),
    ("charter", "review"),
    ("capitalisation",),
    ("sustainability",),
    ("beneficiaries",),
    ("objectives", 0, "deadline"),
    ("objectives", 1, "target"),
    ("objectives", 2, "measures"),
    ("objectives", 3, "accountable"),
    ("objectives", 4, "endorsed_by"),
    ("partners", 0, "representative"),
    ("partners", 1, "contributions"),
    ("partners", 2, "onboarding"),
    ("partners", 3, "specificities"),
)


def remove(data: dict[str, Any], path: tuple[Any, ...]) -> None:
    node: Any = data
    for key in path[:-1]:
        if isinstance(node, dict):
            node = node.get(key)
        elif isinstance(node, list) and isinstance(key, int) and key < len(node):
            node = node[key]
        else:
            return
    if isinstance(node, dict):
        node.pop(path[-1], None)


def mutant(removals: list[tuple[Any, ...]]) -> dict[str, Any]:
    data = healthy()
    for path in removals:
        remove(data, path)
    return data


def run_of(data: dict[str, Any]) -> Any:
    return _run_of_text(json.dumps(data, ensure_ascii=False, default=str).encode("utf-8"))


@lru_cache(maxsize=256)
def _run_of_text(text: bytes) -> Any:
    """One run per charter text: the properties check the same mutants again (the healthy example first of all,
    each property's first example), and a run is a pure function of its text; no test changes a run it is given."""
    return lint(Request(("-",), text, "c.yaml"), REGISTRY, Settings(today=TODAY))


def scored(data: dict[str, Any]) -> FileScore:
    return score_run(run_of(data)).files[0]


def rescore(data: dict[str, Any], findings: list[Finding], severity: dict[str, Severity] | None = None) -> FileScore:
    """The score of `data` with exactly these findings (the default rules ran, with these severity overrides)."""
    rules = rule_weights(REGISTRY.rules.values(), WEIGHTS, Settings(severity=severity or {}))
    return score_findings("c.yaml", findings, rules, data, WEIGHTS)


mutations = st.lists(st.sampled_from(REMOVABLE), max_size=6, unique=True)


# 1. a rate, not a count --------------------------------------------------------------


def _copy_item(data: dict[str, Any], kind: str, index: int, n: int) -> dict[str, Any]:
    """`data` with `n` copies of the healthy example's item `index` of `kind` (new ids), as healthy as it."""
    grown = copy.deepcopy(data)
    source = healthy()[kind][index]
    for i in range(n):
        item = copy.deepcopy(source)
        item["id"] = f"{source['id']}-bis-{i}"
        if kind == "partners":
            item["name"] = f"{source['name']} ({i + 2})"
            for body in grown.get("governance", {}).get("bodies", [])[:1]:
                body.setdefault("members", []).append(item["id"])
        grown.setdefault(kind, []).append(item)
    return grown


@SLOW
@given(removals=mutations, kind=st.sampled_from(["objectives", "partners"]), index=st.integers(0, 4), n=st.integers(1, 2))
def test_one_more_item_as_healthy_as_the_others_never_lowers_the_score(removals: list, kind: str, index: int, n: int) -> None:
    base = mutant(removals)
    grown = _copy_item(base, kind, index, n)
    # a copy that names a measure the mutant no longer defines is not as healthy as the others: its REF01 counts
    copies = tuple(f"/{kind}/{i}" for i in range(len(base.get(kind) or []), len(grown[kind])))
    assume(not any(f.code.startswith("REF") and f.pointer.startswith(copies) for f in ungrouped(run_of(grown).files[0].findings)))
    before = scored(base)
    after = scored(grown)
    for name in DIMENSIONS:
        b, a = before.dimension(name).score, after.dimension(name).score
        assert a is not None and b is not None and a >= b, (name, b, a, removals)
    assert after.overall >= before.overall


def test_more_objectives_raise_the_rate_of_the_same_finding() -> None:
    data = mutant([("objectives", 0, "deadline")])
    before = scored(data)
    after = scored(_copy_item(data, "objectives", 1, 3))
    assert before.dimension("purpose").score < after.dimension("purpose").score < 100


@SLOW
@given(removals=mutations, keep=st.data())
def test_fixing_findings_never_lowers_the_score(removals: list, keep: st.DataObject) -> None:
    data = mutant(removals)
    run = run_of(data)
    findings = list(run.files[0].findings)
    left = keep.draw(st.lists(st.sampled_from(findings), unique_by=id)) if findings else []
    fixed = [f for f in findings if any(f is g for g in left)]
    whole, partial = rescore(run.files[0].data, findings), rescore(run.files[0].data, fixed)
    assert whole.overall == score_run(run).files[0].overall
    assert partial.overall >= whole.overall
    for name in DIMENSIONS:
        assert partial.dimension(name).score >= whole.dimension(name).score  # type: ignore[operator]


# 2. absence is not health --------------------------------------------------------------


def _without_sections(name: str) -> dict[str, Any]:
    data = healthy()
    for section in SECTIONS[name]:
        head, _, rest = section.partition("/*/")
        keys = head.split("/")
        if rest:
            for item in data.get(keys[0]) or []:
                item.pop(rest, None)
        else:
            remove(data, tuple(keys))
    return data


@pytest.mark.parametrize("name", DIMENSIONS)
def test_a_dimension_whose_sections_are_absent_scores_0(name: str) -> None:
    s = scored(_without_sections(name))
    assert s.dimension(name).score == 0.0 and s.dimension(name).absent
    assert s.overall is not None and s.overall <= 90.0


#: What a coordinator leaves when they empty a section instead of removing it: `[]`, `{}`, `[{}]`,
#: `{bodies: []}`, blanks, nested as deep as they like. None of it is a written section.
hollow = st.recursive(
    st.sampled_from([[], {}, None, "", "  "]),
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.sampled_from(["bodies", "partners", "measures", "steps", "channels", "items"]), inner, max_size=2),
    max_leaves=4,
)


def _hollowed(name: str, draw: st.DataObject) -> dict[str, Any]:
    """The healthy example with every section of dimension `name` replaced by a hollow value."""
    data = healthy()
    for section in SECTIONS[name]:
        head, star, rest = section.partition("/*/")
        keys = head.split("/")
        parent: Any = data
        for key in keys[:-1]:
            parent = parent.setdefault(key, {})
        if star:
            for item in parent.get(keys[-1]) or []:
                item[rest] = draw.draw(hollow)
        else:
            parent[keys[-1]] = draw.draw(hollow)
    return data


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(draw=st.data())
@pytest.mark.parametrize("name", DIMENSIONS)
def test_an_emptied_section_is_absence_not_health(name: str, draw: st.DataObject) -> None:
    """"Responsabilités 100" with `responsibilities: []` (new-user trial): an empty list or mapping, however
    nested, is no section; the dimension it feeds scores 0 and says its sections are not written."""
    dim = scored(_hollowed(name, draw)).dimension(name)
    assert dim.absent and dim.score == 0.0


@SLOW
@given(removals=mutations)
def test_nothing_scores_100_by_vacuity(removals: list) -> None:
    data = mutant(removals)
    s = scored(data)
    for name in DIMENSIONS:
        dim = s.dimension(name)
        written = any(_present(data, section) for section in SECTIONS[name])
        assert dim.absent is not written
        if not written:
            assert dim.score == 0.0, (name, removals)


@SLOW
@given(removals=st.lists(st.sampled_from(REMOVABLE + (("objectives",), ("responsibilities",), ("governance", "bodies"))), max_size=6, unique=True), flags=st.lists(st.booleans(), min_size=12, max_size=12))
def test_a_partner_s_stated_status_is_no_health(removals: list, flags: list[bool]) -> None:
    """A partner without `status` is active: writing `status: active` on some partners changes no dimension's
    score. It did: with no objective, PUR02 ("every objective endorsed by all active partners") counted as
    healthy as soon as a partner stated its status, and lost its weight when none did."""
    data = mutant(removals)
    for partner in data["partners"]:
        partner.pop("status", None)  # every partner active, none saying so
    stated = copy.deepcopy(data)
    for partner, flag in zip(stated["partners"], flags):
        if flag and "status" not in partner:
            partner["status"] = "active"
    assert [d.score for d in scored(stated).dimensions] == [d.score for d in scored(data).dimensions]


@SLOW
@given(removals=mutations, status=st.sampled_from(["draft", "signed", "active", "ended"]))
def test_a_charter_without_status_is_never_healthier_and_says_why(removals: list, status: str) -> None:
    """MEM05 judges signatures only when `charter.status` says they are due: without a status it judges nothing,
    so it is no health (the members dimension is never higher than with any stated status), and the score says
    so (`unjudged`: MEM05 /charter/status) instead of losing the weight silently."""
    data = mutant(removals)
    data["charter"].pop("status", None)
    without = scored(data).dimension("members")
    data["charter"]["status"] = status
    stated = scored(data).dimension("members")
    assert without.score <= stated.score
    assert "MEM05 /charter/status" in without.unjudged and not any(u.startswith("MEM05") for u in stated.unjudged)


@SLOW
@given(removals=mutations)
def test_no_dimension_loses_weight_silently(removals: list) -> None:
    """A written dimension below 100 has a finding that says why, or names the rules that had nothing to judge."""
    for dim in scored(mutant(removals)).dimensions:
        if dim.score is not None and not dim.absent and dim.score < 100:
            assert dim.errors + dim.warnings or dim.unjudged, (dim.name, removals)


def _present(data: Any, section: str) -> bool:
    from partnercheck.report.rate import present

    return present(data, section)


def test_a_rule_with_nothing_to_look_at_is_not_healthy() -> None:
    data = healthy()
    data["objectives"] = []  # purpose keeps its vision; PUR02 and PUR03 look at no objective
    s = scored(data)
    assert not s.dimension("purpose").absent
    assert s.dimension("purpose").score < 100


SUBJECTS = sorted({(rule.subject, rule.pack) for rule in REGISTRY.rules.values() if rule.subject and rule.pack in DIMENSIONS})


def test_the_built_in_rules_with_a_subject_are_the_documented_ones() -> None:
    assert {r.code for r in REGISTRY.rules.values() if r.subject} == {"PIL02", "PIL03", "PIL04", "MEM05", "CAP02"}


@pytest.mark.parametrize(("subject", "pack"), SUBJECTS)
def test_a_rule_whose_subject_is_not_written_is_not_healthy(subject: str, pack: str) -> None:
    """Without its subject a rule reports nothing and its dimension is no longer 100 (`subject:`, docs/score.md)."""
    data = healthy()
    remove(data, tuple(subject.strip("/").split("/")))
    run = run_of(data)
    judges = {r.code for r in REGISTRY.rules.values() if r.subject == subject}
    assert not judges & {f.code for f in run.files[0].findings}
    assert scored(healthy()).dimension(pack).score == 100
    assert scored(data).dimension(pack).score < 100


# 3. bounded effects ------------------------------------------------------------------------

HEALTHY_DATA = healthy()
POINTERS = ["", "/partners/3", "/objectives/1/target", "/governance/bodies/0", "/beneficiaries/0", "/evaluation/measures/2", "/charter"]
DIMENSION_CODES = [(rule.code, rule.pack) for rule in REGISTRY.rules.values() if rule.pack in DIMENSIONS]
DOCUMENT_CODES = sorted(rule.code for rule in REGISTRY.rules.values() if rule.pack == "core" and rule.code[:3] in ("DOC", "SCH", "REF"))
OUTSIDE_CODES = [(rule.code, rule.pack) for rule in REGISTRY.rules.values() if rule.pack not in DIMENSIONS and rule.code not in DOCUMENT_CODES] + [("ACM01", "acme")]


def _finding(code: str, pack: str, severity: Severity, pointer: str) -> Finding:
    return Finding(code=code, name=code.lower(), severity=severity, message="m", path="c.yaml", pack=pack, pointer=pointer)


dimension_findings = st.tuples(st.sampled_from(DIMENSION_CODES), st.sampled_from(list(Severity)), st.sampled_from(POINTERS)).map(lambda t: _finding(t[0][0], t[0][1], t[1], t[2]))
outside_findings = st.tuples(st.sampled_from(OUTSIDE_CODES), st.sampled_from(list(Severity)), st.sampled_from(POINTERS)).map(lambda t: _finding(t[0][0], t[0][1], t[1], t[2]))


@FAST
@given(existing=st.lists(dimension_findings, max_size=12), extra=st.lists(outside_findings, min_size=1, max_size=8))
def test_no_finding_outside_the_ten_dimensions_moves_the_score(existing: list[Finding], extra: list[Finding]) -> None:
    """Findings about the run (SUP, INT) and a plugin's own pack move no dimension and not the overall score
    (an error among them still blocks signing, through the verdict)."""
    before, after = rescore(HEALTHY_DATA, existing), rescore(HEALTHY_DATA, existing + extra)
    assert [d.score for d in after.dimensions] == [d.score for d in before.dimensions]
    assert after.overall == before.overall


@FAST
@given(existing=st.lists(dimension_findings, max_size=12), one=dimension_findings)
def test_one_finding_moves_the_overall_score_by_at_most_its_dimension_s_share(existing: list[Finding], one: Finding) -> None:
    """Bounded effects, errors included: the verdict, not the score, says that an error blocks signing."""
    before, after = rescore(HEALTHY_DATA, existing), rescore(HEALTHY_DATA, existing + [one])
    share = 100 / sum(1 for d in before.dimensions if d.score is not None)
    assert 0 <= before.overall - after.overall <= share + 0.1  # rounding to one decimal
    home = dimension_of(one.pointer) if is_document_check(one) else one.pack
    moved = [d.name for d, e in zip(before.dimensions, after.dimensions) if d.score != e.score]
    assert moved in ([], [home])


@FAST
@given(existing=st.lists(dimension_findings, max_size=12), code=st.sampled_from(DOCUMENT_CODES), severity=st.sampled_from(list(Severity)), pointer=st.sampled_from(POINTERS))
def test_a_document_finding_weighs_like_a_rule_s_finding_in_the_dimension_of_its_section(existing: list[Finding], code: str, severity: Severity, pointer: str) -> None:
    """No finding outside the ten dimensions: a DOC, SCH or REF finding lowers (never raises) the dimension of its
    section, and only that one."""
    one = _finding(code, "core", severity, pointer)
    before, after = rescore(HEALTHY_DATA, existing), rescore(HEALTHY_DATA, existing + [one])
    moved = {d.name for d, e in zip(before.dimensions, after.dimensions) if d.score != e.score}
    assert moved <= {dimension_of(pointer)}
    assert all(e.score <= d.score for d, e in zip(before.dimensions, after.dimensions))
    if severity is not Severity.INFO and not existing:
        assert moved == {dimension_of(pointer)}


@FAST
@given(code=st.sampled_from(DIMENSION_CODES), pointer=st.sampled_from(POINTERS))
def test_errors_weigh_more_than_warnings_and_infos_nothing(code: tuple[str, str], pointer: str) -> None:
    def with_(severity: Severity, found: bool = True) -> float:
        findings = [_finding(code[0], code[1], severity, pointer)] if found else []
        return rescore(HEALTHY_DATA, findings, {code[0]: severity}).overall  # type: ignore[return-value]

    assert with_(Severity.ERROR) < with_(Severity.WARNING) < 100
    assert with_(Severity.INFO) == with_(Severity.INFO, found=False) == 100
