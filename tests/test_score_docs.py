"""docs/score.md stays true: its weights, its dimensions and its worked examples match the code."""

from __future__ import annotations

import json
import re
from pathlib import Path

from catalog.support import TODAY, healthy
from paths import ROOT

from partnercheck.report.score import DEFAULT_WEIGHTS, DIMENSIONS

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


def _worked_example(tmp_path: Path) -> Path:
    """The healthy example without the fourth objective's deadline, nor capitalisation and sustainability."""
    data = healthy()
    del data["objectives"][3]["deadline"]
    del data["capitalisation"], data["sustainability"]
    path = tmp_path / "worked.yaml"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_worked_example(cli, tmp_path: Path) -> None:
    path = _worked_example(tmp_path)
    code, out, _ = cli("check", str(path), "--today", TODAY.isoformat(), "--format", "json")
    report = json.loads(out)
    assert sorted((f["code"], f["pointer"]) for f in report["findings"]) == [("CAP01", ""), ("CAP02", "/charter/period/end"), ("PUR03", "/objectives/3")]
    file = report["scores"]["files"][0]
    dims = {name: d["score"] for name, d in file["dimensions"].items()}
    assert (dims.pop("purpose"), dims.pop("capitalisation"), file["overall"]) == (96.7, 0, 89.7)
    assert set(dims.values()) == {100}
    for number in (96.7, 0, 89.7):
        assert f"**{number:g}**" in DOC, f"docs/score.md no longer shows {number:g}"
    assert code == 1 and file["verdict"]["label"] == "Not ready to sign: 3 blocking problems (--fail-on warning)"
    assert f"*{file['verdict']['label']}*" in " ".join(DOC.split())
    code, out, _ = cli("check", str(path), "--today", TODAY.isoformat(), "--format", "json", "--fail-on", "error")
    label = json.loads(out)["scores"]["files"][0]["verdict"]["label"]
    assert code == 0 and label == "Ready to sign, with 3 points to improve" and f"*{label}*" in " ".join(DOC.split())


def test_the_worked_example_s_arithmetic_is_the_documented_one() -> None:
    purpose = [DEFAULT_WEIGHTS[s] for s in ("error", "warning", "warning", "info", "warning")]  # PUR01..PUR05
    assert sum(purpose) == 6 and "= 6;" in DOC
    assert round(100 * (1 - (DEFAULT_WEIGHTS["warning"] / 5) / sum(purpose)), 1) == 96.7
    assert round(100 * (1 - (DEFAULT_WEIGHTS["warning"] / 6) / sum(purpose)), 1) == 97.2 and "97.2" in DOC


def test_the_documented_sections_are_the_code_s() -> None:
    from partnercheck.report.rate import SECTIONS

    assert {row[0]: tuple(s.strip() for s in row[2].split(",")) for row in _table("dimension")} == SECTIONS


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


def test_the_documented_verdicts_are_the_code_s() -> None:
    from partnercheck.report.score import NOT_CHECKED, READY

    flat = " ".join(DOC.split())
    for text in (READY, NOT_CHECKED, "Ready to sign, with N points to improve", "Not ready to sign: N blocking problems", "(exit code 0 by --exit-zero)", "Not ready to sign: health score below --min-score 80"):
        assert text in flat, f"docs/score.md no longer shows {text!r}"
    assert "Other rules" not in DOC


def test_the_plugin_guide_does_not_call_a_pack_a_dimension() -> None:
    plugins = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    assert "health dimension its rules score" not in plugins
    assert "not one of the ten health dimensions" in plugins and "do not move the health score" in plugins


def test_the_worked_example_without_a_pilot(cli, tmp_path: Path) -> None:
    """PIL02–PIL04 judge the pilot: without one they lose their weights (docs/score.md, worked example)."""
    data = healthy()
    del data["pilot"]
    path = tmp_path / "no-pilot.yaml"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _, out, _ = cli("check", str(path), "--today", TODAY.isoformat(), "--format", "json")
    report = json.loads(out)
    assert [(f["code"], f["pointer"]) for f in report["findings"] if f["pack"] == "pilot"] == [("PIL01", "")]
    pilot = [DEFAULT_WEIGHTS[s] for s in ("error", "warning", "info", "warning", "warning")]  # PIL01..PIL05
    assert round(100 * (1 - (pilot[0] + pilot[1] + pilot[2] + pilot[3]) / sum(pilot)), 1) == 16.7
    assert report["scores"]["files"][0]["dimensions"]["pilot"]["score"] == 16.7 and "**16.7**" in DOC
    dims = [d["score"] for d in report["scores"]["files"][0]["dimensions"].values()]
    assert round(sum(dims) / len(dims), 1) == 91.7 == report["scores"]["files"][0]["overall"] and "**91.7**" in DOC
    assert report["scores"]["files"][0]["verdict"]["ready"] is False and "Not ready to sign: 1 blocking problem" in " ".join(DOC.split())


def test_the_documented_sections_of_each_dimension_for_document_findings_are_the_code_s() -> None:
    from partnercheck.report.rate import DOCUMENT_DIMENSION, SECTION_DIMENSION

    documented = {}
    for cells in _table("section"):
        for key in re.findall(r"`([a-z_.]+)`", cells[0]):
            documented[key.replace(".", "/")] = cells[1]
        if "the document as a whole" in cells[0]:
            assert cells[1] == DOCUMENT_DIMENSION
    assert documented == SECTION_DIMENSION


def test_the_documented_bands_are_the_code_s() -> None:
    from partnercheck.report.score import FAIR, HEALTHY

    flat = " ".join(DOC.split())
    assert f"A score from {HEALTHY:g} up shows as healthy (green); from {FAIR:g}, fair" in flat
