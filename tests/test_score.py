"""The health score and the verdict, from constructed findings and from real charters."""

from __future__ import annotations

import pytest
from catalog.support import TODAY
from paths import EXAMPLES

from partnercheck.config.settings import Settings
from partnercheck.findings import Finding, Severity, Suppression
from partnercheck.report.score import (
    DEFAULT_WEIGHTS,
    DIMENSIONS,
    READY,
    score_findings,
    score_run,
    weights_from,
)
from partnercheck.run.lint import Request, lint
from partnercheck.testing import default_registry

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO


def finding(pack: str, severity: Severity = E, code: str = "X01", waived: bool = False, line: int = 3) -> Finding:
    suppression = Suppression("waiver", "accepted by the steering committee", "comite", "2027-01-01") if waived else None
    return Finding(code=code, name="x", severity=severity, message=f"{code} message", path="c.yaml", pack=pack, line=line, suppression=suppression)


def test_no_finding_scores_100_everywhere_and_is_ready() -> None:
    score = score_findings("c.yaml", [])
    assert [d.score for d in score.dimensions] == [100.0] * len(DIMENSIONS)
    assert score.overall == 100.0
    assert score.verdict.ready and score.verdict.label == READY


def test_each_severity_takes_its_weight_from_its_dimension_only() -> None:
    score = score_findings("c.yaml", [finding("pilot", E), finding("pilot", W), finding("evaluation", I)])
    assert score.dimension("pilot").score == 100 - DEFAULT_WEIGHTS["error"] - DEFAULT_WEIGHTS["warning"]
    assert score.dimension("evaluation").score == 100 - DEFAULT_WEIGHTS["info"]
    assert score.dimension("purpose").score == 100.0
    assert (score.dimension("pilot").errors, score.dimension("pilot").warnings, score.dimension("evaluation").infos) == (1, 1, 1)


def test_overall_is_the_mean_of_the_dimensions() -> None:
    score = score_findings("c.yaml", [finding("pilot", E)])
    assert score.overall == pytest.approx((60 + 9 * 100) / 10)


def test_a_dimension_never_goes_below_zero() -> None:
    score = score_findings("c.yaml", [finding("beneficiary", E) for _ in range(5)])
    assert score.dimension("beneficiary").score == 0.0
    assert score.overall == 90.0


def test_an_error_blocks_and_the_verdict_lists_it() -> None:
    blocking = finding("governance", E, code="GOV01", line=12)
    score = score_findings("c.yaml", [blocking, finding("governance", W, code="GOV02")])
    assert not score.verdict.ready
    assert score.verdict.label == "Not ready: 1 blocking finding"
    assert score.verdict.blocking == (blocking,)
    assert score.verdict.to_dict()["blocking"][0]["line"] == 12


def test_warnings_alone_do_not_block() -> None:
    score = score_findings("c.yaml", [finding("time", W), finding("members", W)])
    assert score.verdict.ready
    assert score.overall < 100


def test_plural_label() -> None:
    score = score_findings("c.yaml", [finding("pilot", E), finding("scale", E)])
    assert score.verdict.label == "Not ready: 2 blocking findings"


def test_waived_findings_neither_count_nor_block_but_are_counted() -> None:
    score = score_findings("c.yaml", [finding("pilot", E, waived=True), finding("pilot", W, waived=True)])
    assert score.dimension("pilot").score == 100.0
    assert score.dimension("pilot").waived == 2
    assert score.verdict.ready
    assert score.waived == 2


def test_findings_outside_the_dimensions_lower_the_overall_directly() -> None:
    score = score_findings("c.yaml", [finding("core", E, code="SCH01"), finding("acme", W, code="ACM01")])
    assert [d.score for d in score.dimensions] == [100.0] * len(DIMENSIONS)
    assert score.outside_penalty == DEFAULT_WEIGHTS["error"] + DEFAULT_WEIGHTS["warning"]
    assert score.overall == 100 - score.outside_penalty
    assert not score.verdict.ready


def test_overall_is_kept_between_0_and_100() -> None:
    score = score_findings("c.yaml", [finding("core", E) for _ in range(4)])
    assert score.overall == 0.0


def test_a_dimension_whose_rules_did_not_run_is_not_scored() -> None:
    score = score_findings("c.yaml", [finding("pilot", E)], packs=["pilot", "purpose"])
    assert score.dimension("scale").score is None
    assert score.dimension("pilot").score == 60.0
    assert score.overall == 80.0  # mean of pilot (60) and purpose (100) only


def test_an_unreadable_file_scores_zero() -> None:
    score = score_findings("c.yaml", [finding("core", E, code="DOC01")], readable=False)
    assert score.overall == 0.0
    assert all(d.score is None for d in score.dimensions)


def test_custom_weights_replace_the_defaults_they_name() -> None:
    table = weights_from({"error": 50, "info": 0})
    assert table == {E: 50.0, W: DEFAULT_WEIGHTS["warning"], I: 0.0}
    score = score_findings("c.yaml", [finding("pilot", E), finding("time", I)], weights=table)
    assert score.dimension("pilot").score == 50.0
    assert score.dimension("time").score == 100.0


@pytest.mark.parametrize("bad", [{"fatal": 10}, {"error": -1}, {"warning": "high"}, {"info": True}])
def test_invalid_weights_are_refused(bad: dict) -> None:
    with pytest.raises(ValueError):
        weights_from(bad)


def test_dimension_and_verdict_round_trip_to_plain_data() -> None:
    data = score_findings("c.yaml", [finding("pilot", E)]).to_dict()
    assert data["dimensions"]["pilot"] == {"score": 60.0, "errors": 1, "warnings": 0, "infos": 0, "waived": 0, "baselined": 0}
    assert data["verdict"]["ready"] is False and data["verdict"]["blocking"][0]["code"] == "X01"
    assert set(data["dimensions"]) == set(DIMENSIONS)


# real charters -------------------------------------------------------------------


def _run(*paths: str, **settings: object):
    return lint(Request(tuple(paths)), default_registry(), Settings(today=TODAY, **settings))  # type: ignore[arg-type]


HEALTHY = str(EXAMPLES / "plateforme-aide-a-la-personne.yaml")
NO_PILOT = str(EXAMPLES / "broken" / "sans-pilote.yaml")
SHAPE = str(EXAMPLES / "broken" / "erreurs-de-forme.yaml")


def test_the_healthy_example_is_ready_to_sign_with_every_dimension_scored() -> None:
    score = score_run(_run(HEALTHY)).files[0]
    assert score.verdict.ready
    assert all(d.score is not None for d in score.dimensions)
    assert score.overall >= 90


def test_a_charter_without_pilot_is_not_ready_and_its_pilot_dimension_suffers() -> None:
    run = _run(NO_PILOT)
    score = score_run(run).files[0]
    assert not score.verdict.ready
    assert "PIL01" in {f.code for f in score.verdict.blocking}
    assert {f.code for f in score.verdict.blocking} == {f.code for f in run.active if f.severity is E}
    assert score.dimension("pilot").score < 100
    assert score.overall < score_run(_run(HEALTHY)).files[0].overall


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
    score = score_run(_run(NO_PILOT, select=("PIL",))).files[0]
    assert score.dimension("pilot").score is not None
    assert score.dimension("beneficiary").score is None


def test_the_settings_weights_are_used() -> None:
    default = score_run(_run(NO_PILOT)).files[0]
    harsher = score_run(_run(NO_PILOT, score_weights={"error": 100})).files[0]
    assert harsher.dimension("pilot").score == 0.0
    assert harsher.overall < default.overall
