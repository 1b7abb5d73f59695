"""The health score, from constructed findings and from real charters: the formula of docs/score.md."""

from __future__ import annotations

import pytest
from catalog.support import TODAY, healthy
from paths import EXAMPLES

from partnercheck.config.settings import Settings
from partnercheck.findings import Finding, Severity, Suppression
from partnercheck.report.rate import RuleWeight, items_around, present, vacuous
from partnercheck.report.score import (
    DEFAULT_WEIGHTS,
    DIMENSIONS,
    score_findings,
    score_run,
    weights_from,
)
from partnercheck.run.lint import Request, lint
from partnercheck.testing import default_registry

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO
WEIGHTS = weights_from()
#: Two pilot rules (an error on the document, a warning per objective) and one purpose rule, as in the packs.
RULES = {
    "pilot": [RuleWeight("PIL01", WEIGHTS[E], ("/pilot/partners",)), RuleWeight("PIL09", WEIGHTS[W], ("/objectives/*/target",))],
    "purpose": [RuleWeight("PUR01", WEIGHTS[E], ("/vision",))],
}
DATA = {"pilot": {"partners": ["a"]}, "vision": "v", "objectives": [{"id": f"o{i}", "target": 10} for i in range(4)]}


def finding(pack: str, severity: Severity = E, code: str = "PIL01", pointer: str = "", waived: bool = False, line: int = 3) -> Finding:
    suppression = Suppression("waiver", "accepted by the steering committee", "comite", "2027-01-01") if waived else None
    return Finding(code=code, name="x", severity=severity, message=f"{code} message", path="c.yaml", pack=pack, pointer=pointer, line=line, suppression=suppression)


def score(findings: list[Finding], rules: dict = RULES, data: object = DATA, **kw: object):  # type: ignore[no-untyped-def]
    return score_findings("c.yaml", findings, rules, data, **kw)  # type: ignore[arg-type]


def test_no_finding_scores_100_in_every_dimension_that_ran_and_the_rest_is_not_scored() -> None:
    s = score([])
    assert (s.dimension("pilot").score, s.dimension("purpose").score, s.overall) == (100.0, 100.0, 100.0)
    assert all(s.dimension(d).score is None for d in DIMENSIONS if d not in RULES)


def test_a_document_error_takes_its_rule_s_whole_weight() -> None:
    s = score([finding("pilot", E)])
    pilot = 100 * (1 - WEIGHTS[E] / (WEIGHTS[E] + WEIGHTS[W]))
    assert s.dimension("pilot").score == round(pilot, 1)
    assert s.overall == round((pilot + 100) / 2, 1)


def test_a_finding_on_one_item_takes_its_share_of_the_list() -> None:
    s = score([finding("pilot", W, "PIL09", "/objectives/2/target")])
    assert s.dimension("pilot").score == round(100 * (1 - (WEIGHTS[W] / 4) / (WEIGHTS[E] + WEIGHTS[W])), 1)


def test_a_rule_never_loses_more_than_its_weight() -> None:
    many = [finding("pilot", E, "PIL09", f"/objectives/{i}") for i in range(4)] * 3
    s = score(many)
    assert s.dimension("pilot").score == round(100 * (1 - WEIGHTS[W] / (WEIGHTS[E] + WEIGHTS[W])), 1)
    assert s.dimension("pilot").errors == 12


def test_infos_weigh_nothing_and_errors_more_than_warnings() -> None:
    assert WEIGHTS[I] == 0 < WEIGHTS[W] < WEIGHTS[E]
    assert score([finding("pilot", I, "PIL09", "/objectives/0")]).overall == 100.0
    error = score([finding("pilot", E, "PIL09", "/objectives/0")]).overall
    warning = score([finding("pilot", W, "PIL09", "/objectives/0")]).overall
    assert error < warning < 100


def test_waived_findings_do_not_count_but_are_counted() -> None:
    s = score([finding("pilot", E, waived=True), finding("pilot", W, "PIL09", waived=True)])
    assert s.dimension("pilot").score == 100.0
    assert (s.dimension("pilot").waived, s.waived) == (2, 2)


def test_findings_about_the_run_and_a_plugin_s_own_pack_do_not_move_the_score() -> None:
    s = score([finding("core", W, "SUP02"), finding("acme", W, "ACM01"), finding("core", I, "INT01")])
    assert s.overall == 100.0 and s.outside_penalty == 0.0


def test_a_document_check_weighs_in_the_dimension_of_its_section() -> None:
    """docs/score.md: no finding outside the ten dimensions; a SCH01 on `/pilot/...` is a pilot problem."""
    s = score([finding("core", W, "SCH01", "/pilot/partners")])
    assert s.dimension("pilot").score == round(100 * (1 - WEIGHTS[W] / (WEIGHTS[E] + WEIGHTS[W])), 1)
    assert s.dimension("pilot").warnings == 1 and s.dimension("purpose").score == 100.0
    on_item = score([finding("core", W, "REF01", "/objectives/2/accountable")], rules={"purpose": [RuleWeight("PUR01", WEIGHTS[E], ("/vision",))]})
    assert on_item.dimension("purpose").score == round(100 * (1 - (WEIGHTS[W] / 4) / WEIGHTS[E]), 1)  # one objective of four


@pytest.mark.parametrize(
    ("pointer", "dimension"),
    [
        ("/objectives/0/target", "purpose"),
        ("/objectifs", "purpose"),  # a misspelt section counts as the one it resembles
        ("/partners/3/type", "members"),
        ("/charter/profile", "members"),
        ("/charter/adopted_on", "time"),
        ("/responsibilities/1/accountable", "accountability"),
        ("/sustainability", "capitalisation"),
        ("", "governance"),
        ("/zzzz", "governance"),
    ],
)
def test_each_place_of_the_document_belongs_to_one_dimension(pointer: str, dimension: str) -> None:
    from partnercheck.report.rate import dimension_of

    assert dimension_of(pointer) == dimension


def test_an_error_takes_its_dimension_s_share_only_and_a_waived_one_nothing() -> None:
    """No cap: an error blocks signing through the verdict, and moves the score only through its dimension."""
    blocked = score([finding("core", E, "SCH01", "/objectives/0/target")])
    assert blocked.overall == round((blocked.dimension("purpose").score + blocked.dimension("pilot").score) / 2, 1) < 100
    assert score([finding("acme", E, "ACM01")]).overall == 100.0  # a plugin's own pack moves no dimension
    assert score([finding("core", E, "SCH01", "/objectives/0/target", waived=True)]).overall == 100.0


def test_a_dimension_whose_sections_are_absent_scores_0() -> None:
    s = score([], data={"pilot": {"partners": ["a"]}, "objectives": [{"id": "o1"}]})  # no vision, but objectives
    assert s.dimension("purpose").score == 100.0  # `objectives` is one of purpose's sections
    s = score([], data={"pilot": {"partners": ["a"]}})
    assert s.dimension("purpose").score == 0.0 and s.dimension("purpose").absent
    assert not s.dimension("pilot").absent


def test_a_rule_that_reads_only_items_of_an_empty_list_loses_its_weight() -> None:
    s = score([], data={"pilot": {"partners": ["a"]}, "vision": "v"})
    assert s.dimension("pilot").score == round(100 * (1 - WEIGHTS[W] / (WEIGHTS[E] + WEIGHTS[W])), 1)
    assert vacuous(("/objectives/*/target", "/partners/*/status"), {"objectives": [], "partners": None})
    assert vacuous(("/objectives/*/target", "/partners/*/status"), {"objectives": [{"id": "o"}], "partners": [{}]})  # items, none writes it
    # a partner's status only says whether it counts: stating the default gives the rule nothing to look at
    assert vacuous(("/objectives/*/target", "/partners/*/status"), {"partners": [{}, {"status": "active"}]})
    assert not vacuous(("/partners/*/status",), {"partners": [{"status": "active"}]})
    assert not vacuous(("/pilot/partners",), {}) and not vacuous((), {})


def test_an_item_is_found_by_the_first_list_its_pointer_indexes() -> None:
    data = {"governance": {"bodies": [{"members": ["a", "b", "c"]}, {}]}, "objectives": [{}] * 5}
    assert items_around("/governance/bodies/1/decision_rule", data) == 2
    assert items_around("/objectives/4", data) == 5
    assert items_around("/governance", data) == items_around("", data) == items_around("/nowhere/3", data) == 1
    assert present(data, "governance") and not present(data, "evaluation") and not present({"vision": "  "}, "vision")
    assert present({"partners": [{}, {"onboarding": {"weeks": 2}}]}, "partners/*/onboarding")


def test_an_unreadable_file_is_not_assessed() -> None:
    s = score([finding("core", E, "DOC01")], readable=False, data=None)
    assert s.overall is None and not s.readable
    assert all(d.score is None for d in s.dimensions)


def test_custom_weights_replace_the_defaults_they_name() -> None:
    table = weights_from({"error": 50, "info": 0})
    assert table == {E: 50.0, W: DEFAULT_WEIGHTS["warning"], I: 0.0}


@pytest.mark.parametrize("bad", [{"fatal": 10}, {"error": -1}, {"warning": "high"}, {"info": True}])
def test_invalid_weights_are_refused(bad: dict) -> None:
    with pytest.raises(ValueError):
        weights_from(bad)


def test_dimension_round_trips_to_plain_data() -> None:
    data = score([finding("pilot", E)]).to_dict()
    assert data["dimensions"]["pilot"] == {"score": 25.0, "absent": False, "errors": 1, "warnings": 0, "infos": 0, "waived": 0, "baselined": 0, "unjudged": []}
    assert data["dimensions"]["scale"]["score"] is None
    assert set(data["dimensions"]) == set(DIMENSIONS)


# real charters -------------------------------------------------------------------


def _run(*paths: str, **settings: object):
    return lint(Request(tuple(paths)), default_registry(), Settings(today=TODAY, **settings))  # type: ignore[arg-type]


HEALTHY = str(EXAMPLES / "plateforme-aide-a-la-personne.yaml")
NO_PILOT = str(EXAMPLES / "broken" / "sans-pilote.yaml")
SHAPE = str(EXAMPLES / "broken" / "erreurs-de-forme.yaml")


def test_the_healthy_example_scores_100_and_is_ready_to_sign() -> None:
    s = score_run(_run(HEALTHY)).files[0]
    assert s.verdict.ready
    assert [d.score for d in s.dimensions] == [100.0] * len(DIMENSIONS)
    assert s.overall == 100.0


def test_a_charter_without_pilot_is_not_ready_and_its_pilot_dimension_suffers() -> None:
    run = _run(NO_PILOT)
    s = score_run(run).files[0]
    assert not s.verdict.ready
    assert "PIL01" in {f.code for f in s.verdict.blocking}
    assert s.dimension("pilot").score < 100
    assert s.overall < score_run(_run(HEALTHY)).files[0].overall


def test_a_run_of_several_files_has_a_score_per_file_and_a_summary() -> None:
    scores = score_run(_run(HEALTHY, NO_PILOT, SHAPE))
    assert [f.path.rsplit("/", 1)[-1] for f in scores.files] == ["plateforme-aide-a-la-personne.yaml", "sans-pilote.yaml", "erreurs-de-forme.yaml"]
    overall = [f.overall for f in scores.files]
    assert scores.mean == pytest.approx(round(sum(overall) / 3, 1))
    assert scores.lowest == min(overall)
    assert not scores.ready
    assert scores.blocking == sum(len(f.verdict.blocking) for f in scores.files)
    summary = scores.summary()
    assert summary["files"] == 3 and summary["ready"] == 1
    assert summary["weights"] == DEFAULT_WEIGHTS
    assert [f.path for f in scores.below(scores.lowest + 0.1)] == [f.path for f in scores.files if f.overall == scores.lowest]


def test_deselected_packs_are_not_scored_in_a_real_run() -> None:
    s = score_run(_run(NO_PILOT, select=("PIL",))).files[0]
    assert s.dimension("pilot").score is not None
    assert s.dimension("beneficiary").score is None


def test_the_settings_weights_are_used() -> None:
    default = score_run(_run(NO_PILOT)).files[0]
    harsher = score_run(_run(NO_PILOT, score_weights={"error": 100})).files[0]
    assert harsher.dimension("pilot").score < default.dimension("pilot").score
    assert harsher.overall < default.overall


def test_a_severity_override_changes_what_a_rule_weighs() -> None:
    data = healthy()
    del data["pilot"]["mandate"]["granted_by"]  # PIL02 (warning) on the document
    import json
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.yaml"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        as_warning = score_run(_run(str(path))).files[0].dimension("pilot").score
        as_error = score_run(_run(str(path), severity={"PIL02": E})).files[0].dimension("pilot").score
    assert as_warning is not None and as_error is not None and as_error < as_warning < 100


def test_a_rule_with_nothing_to_judge_is_named_so_that_no_loss_is_silent() -> None:
    """A charter without `status` lost MEM05's weight with no finding saying why (issue 16)."""
    members = {"members": [RuleWeight("MEM05", WEIGHTS[W], ("/charter/status", "/partners/*/signed"), "/charter/status")]}
    partners = [{"id": "a"}, {"id": "b"}]
    silent = score([], rules=members, data={"partners": partners}).dimension("members")
    assert silent.score == 0.0 and silent.unjudged == ("MEM05 /charter/status",)
    draft = score([], rules=members, data={"charter": {"status": "draft"}, "partners": partners}).dimension("members")
    assert draft.score == 100.0 and draft.unjudged == ()
    signed = [finding("members", W, "MEM05", "/partners/1")]
    found = score(signed, rules=members, data={"charter": {"status": "signed"}, "partners": partners}).dimension("members")
    assert found.unjudged == () and silent.score <= found.score < draft.score
