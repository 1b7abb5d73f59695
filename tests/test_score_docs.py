"""docs/score.md stays true: its weights, its dimensions and its worked examples match the code."""

from __future__ import annotations

import re

import pytest
from paths import ROOT

from partnercheck.findings import Finding, Severity, Suppression
from partnercheck.report.score import DEFAULT_WEIGHTS, DIMENSIONS, score_findings

DOC = (ROOT / "docs" / "score.md").read_text(encoding="utf-8")


def _table(header: str) -> list[list[str]]:
    """The rows of the markdown table whose header row starts with `header`."""
    lines = DOC.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {header} |"))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def test_documented_default_weights_equal_the_code() -> None:
    documented = {severity: float(weight) for severity, weight in _table("severity")}
    assert documented == DEFAULT_WEIGHTS


def test_documented_dimensions_are_the_code_dimensions_in_order() -> None:
    assert tuple(row[0] for row in _table("dimension")) == DIMENSIONS


def test_every_dimension_is_a_builtin_pack() -> None:
    from partnercheck.testing import default_registry

    assert set(DIMENSIONS) <= set(default_registry().packs())


def _f(pack: str, severity: Severity, code: str, waived: bool = False) -> Finding:
    suppression = Suppression("waiver", "accepted") if waived else None
    return Finding(code=code, name=code.lower(), severity=severity, message="m", path="c.yaml", pack=pack, suppression=suppression)


E, W = Severity.ERROR, Severity.WARNING
NO_PILOT = [_f("pilot", E, "PIL01"), _f("pilot", W, "PIL02")]
NO_MEASURES = [_f("evaluation", E, "EVA01"), *[_f("evaluation", W, "EVA03")] * 3]


@pytest.mark.parametrize(
    ("findings", "pilot", "evaluation", "overall", "label"),
    [
        (NO_PILOT, 45, 100, 94.5, "Not ready: 1 blocking finding"),
        (NO_PILOT + NO_MEASURES, 45, 15, 86, "Not ready: 2 blocking findings"),
        (NO_PILOT + NO_MEASURES + [_f("core", E, "DOC02")], 45, 15, 46, "Not ready: 3 blocking findings"),
        ([_f("pilot", E, "PIL01", waived=True)], 100, 100, 100, "Ready to sign"),
    ],
)
def test_the_worked_examples(findings: list[Finding], pilot: float, evaluation: float, overall: float, label: str) -> None:
    score = score_findings("c.yaml", findings)
    assert (score.dimension("pilot").score, score.dimension("evaluation").score, score.overall) == (pilot, evaluation, overall)
    assert score.verdict.label == label
    for number in (pilot, evaluation, overall):
        assert f"**{number:g}**" in DOC or number == 100, f"docs/score.md no longer shows {number:g}"


def test_the_documented_config_key_exists_in_the_config_schema() -> None:
    import json

    schema = json.loads((ROOT / "schemas" / "config.schema.json").read_text(encoding="utf-8"))
    properties = schema["properties"]
    assert set(properties["score-weights"]["properties"]) == set(DEFAULT_WEIGHTS)
    assert "min-score" in properties
    assert re.search(r"^score-weights:$", DOC, re.M)


def test_the_documented_text_output_threshold_is_the_code_s() -> None:
    from partnercheck.report.formats.scorecard import MANY_FILES

    assert f"past {MANY_FILES} files" in DOC


def test_the_documented_verdicts_and_lines_are_the_code_s() -> None:
    from partnercheck.report.formats.scorecard import (
        BASELINED,
        NO_BLOCKING,
        OTHER_RULES,
    )
    from partnercheck.report.score import NOT_CHECKED, READY

    for text in (READY, NOT_CHECKED, f"{READY}{NO_BLOCKING}", f"{OTHER_RULES}: -N", BASELINED.strip(), "fail this check at --fail-on warning"):
        assert text in DOC, f"docs/score.md no longer shows {text!r}"
    assert "An error hidden **only by the baseline** still blocks" in DOC


def test_the_plugin_guide_does_not_call_a_pack_a_dimension() -> None:
    plugins = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    assert "health dimension its rules score" not in plugins
    assert "not one of the ten health dimensions" in plugins and "Other rules: -N" in plugins


def test_nothing_checked_scores_n_a_and_a_baselined_error_blocks() -> None:
    from partnercheck.report.score import NOT_CHECKED

    none = score_findings("c.yaml", [], packs=())
    assert none.overall is None and not none.verdict.ready and none.verdict.label == NOT_CHECKED
    held = Finding(code="PIL01", name="p", severity=E, message="m", path="c.yaml", pack="pilot", suppression=Suppression("baseline", "recorded"))
    score = score_findings("c.yaml", [held])
    assert score.verdict.label == "Not ready: 1 blocking finding"
    assert (score.waived, score.baselined, score.overall) == (0, 1, 100)
