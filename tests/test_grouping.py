"""One cause, one finding: the same finding at several items of a collection is reported once, at its
first place, with the other places as related locations (run/grouping.py); each place is still judged
on its own by suppression comments, waivers and the baseline."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from paths import EXAMPLES

from partnercheck.findings import Finding, Severity, Text
from partnercheck.run.grouping import group_findings, label_of, pattern_of

HEALTHY = EXAMPLES / "plateforme-aide-a-la-personne.yaml"
ROSTER = EXAMPLES / "gallery" / "fr-plan-500000-formations-npdc-picardie-2016.yaml"
GALLERY = sorted(p for p in (EXAMPLES / "gallery").glob("*.yaml") if not p.name.endswith(".expect.yaml"))
TODAY = ("--today", "2026-01-15", "--isolated")


def without_onboarding(partners: int) -> str:
    """The healthy example with its first `partners` partners lacking `onboarding` (TIM01 on each)."""
    return re.sub(r"\n    onboarding: \{[^}]*\}", "", HEALTHY.read_text(encoding="utf-8"), count=partners)


def findings_of(cli, path: Path, *extra: str) -> list[dict]:
    code, out, err = cli("check", str(path), *TODAY, "--format", "json", *extra)
    assert code in (0, 1), err
    return json.loads(out)["findings"]


def places(findings: list[dict]) -> Counter[tuple[str, str, bool]]:
    return Counter((f["code"], place["pointer"], f["suppressed"]) for f in findings for place in [f, *f.get("related", [])])


def test_the_pointer_pattern_replaces_list_indexes_only() -> None:
    assert pattern_of("/partners/3/representative") == ("partners", "*", "representative")
    assert pattern_of("/charter") == ("charter",)
    assert pattern_of("") == ()


def test_findings_group_by_code_message_and_pattern_not_by_rule() -> None:
    def at(code: str, pointer: str, line: int, message: str = "X:default") -> Finding:
        return Finding(code, "x", Severity.WARNING, "m", "c.yaml", pointer, line, 1, line, 1, text=Text(message))

    data = {"partners": [{"id": "a"}, {"id": "b"}, {"name": "Sans id"}]}
    found = [at("ZZZ99", "/partners/0", 3), at("ZZZ99", "/partners/1", 5), at("ZZZ99", "/partners/2", 7), at("ZZZ99", "/partners/1", 6, "X:other"), at("YYY01", "", 1), at("YYY01", "", 2)]
    grouped = group_findings(found, data)
    assert [(f.code, f.pointer, f.count) for f in grouped] == [("ZZZ99", "/partners/0", 3), ("ZZZ99", "/partners/1", 1), ("YYY01", "", 1), ("YYY01", "", 1)]
    assert [(r.pointer, r.line, r.label) for r in grouped[0].related] == [("/partners/1", 5, "b"), ("/partners/2", 7, "Sans id")]
    assert [m.pointer for m in grouped[0].members()] == ["/partners/0", "/partners/1", "/partners/2"]
    assert label_of(data, "/partners/9") == "" and label_of(None, "/partners/0") == ""


def test_a_repeated_finding_is_one_finding_with_every_place_related(cli, tmp_path: Path) -> None:
    charter = tmp_path / "c.yaml"
    charter.write_text(without_onboarding(3), encoding="utf-8")
    grouped = findings_of(cli, charter)
    tim = [f for f in grouped if f["code"] == "TIM01"]
    assert len(tim) == 1 and tim[0]["pointer"] == "/partners/0" and tim[0]["count"] == 3
    assert [(r["pointer"], r["label"]) for r in tim[0]["related"]] == [("/partners/1", "region"), ("/partners/2", "cd93")]
    assert tim[0]["message"].startswith("3 partners share this finding. ")
    ungrouped = findings_of(cli, charter, "--no-group")
    assert len([f for f in ungrouped if f["code"] == "TIM01"]) == 3 and not any("related" in f for f in ungrouped)
    assert places(grouped) == places(ungrouped)  # every place is still reachable
    lines = {f["pointer"]: f["line"] for f in ungrouped if f["code"] == "TIM01"}
    assert [r["line"] for r in tim[0]["related"]] == [lines["/partners/1"], lines["/partners/2"]]


def test_text_sarif_and_french_name_the_other_places(cli, tmp_path: Path) -> None:
    charter = tmp_path / "c.yaml"
    charter.write_text(without_onboarding(3), encoding="utf-8")
    related = next(f for f in findings_of(cli, charter) if f["code"] == "TIM01")["related"]
    _, text, _ = cli("check", str(charter), *TODAY)
    assert f"  = and 2 more: region (line {related[0]['line']}), cd93 (line {related[1]['line']})\n" in text
    _, sarif, _ = cli("check", str(charter), *TODAY, "--format", "sarif")
    result = next(r for r in json.loads(sarif)["runs"][0]["results"] if r["ruleId"] == "TIM01")
    assert [(loc["id"], loc["physicalLocation"]["region"]["startLine"], loc["logicalLocations"][0]["fullyQualifiedName"], loc["message"]["text"]) for loc in result["relatedLocations"]] == [
        (1, related[0]["line"], "/partners/1", "region"),
        (2, related[1]["line"], "/partners/2", "cd93"),
    ]
    _, french, _ = cli("check", str(charter), *TODAY, "--lang", "fr")
    assert "TIM01 avertissement 3 partenaires partagent ce constat. Le partenaire `rectorat`" in french
    assert f"  = et 2 autres : region (ligne {related[0]['line']}), cd93 (ligne {related[1]['line']})\n" in french


def test_grouping_changes_no_score(cli, tmp_path: Path) -> None:
    charter = tmp_path / "c.yaml"
    charter.write_text(without_onboarding(3), encoding="utf-8")
    reports = [json.loads(cli("check", str(charter), *TODAY, "--format", "json", *extra)[1]) for extra in ((), ("--no-group",))]
    numbers = [(r["scores"]["files"][0]["overall"], {name: d["score"] for name, d in r["scores"]["files"][0]["dimensions"].items()}) for r in reports]
    assert numbers[0] == numbers[1]  # the score weighs each place
    assert numbers[0][1]["time"] == 90.0
    # a count counts findings as listed: the grouped one once, as the summary and the verdict do (issue 16)
    listed = [[f for f in r["findings"] if not f["suppressed"]] for r in reports]
    counted = [(r["scores"]["files"][0]["dimensions"]["time"]["warnings"], sum(f["code"] == "TIM01" for f in found)) for r, found in zip(reports, listed)]
    assert counted == [(1, 1), (3, 3)]
    assert [(r["summary"]["warnings"], len(r["scores"]["files"][0]["verdict"]["blocking"])) for r in reports] == [(len(found), len(found)) for found in listed]


def test_a_disable_line_on_one_place_takes_that_place_out_of_its_group(cli, tmp_path: Path) -> None:
    charter = tmp_path / "c.yaml"
    text = without_onboarding(3).replace("\n  - id: region\n", "\n  - id: region  # partnercheck: disable-line=TIM01 -- joins in June\n", 1)
    charter.write_text(text, encoding="utf-8")
    tim = [f for f in findings_of(cli, charter) if f["code"] == "TIM01"]
    active = [f for f in tim if not f["suppressed"]]
    assert [(f["pointer"], [r["pointer"] for r in f.get("related", [])]) for f in active] == [("/partners/0", ["/partners/2"])]
    assert [(f["pointer"], f["suppression"]["kind"]) for f in tim if f["suppressed"]] == [("/partners/1", "comment")]


def test_a_baselined_group_does_not_hide_a_new_place(cli, tmp_path: Path) -> None:
    charter = tmp_path / "c.yaml"
    charter.write_text(without_onboarding(2), encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    assert cli("baseline", str(charter), "-o", str(baseline), "--today", "2026-01-15", "--isolated")[0] == 0
    assert [(e["pointer"], e["count"]) for e in json.loads(baseline.read_text())["findings"] if e["code"] == "TIM01"] == [("/partners/0", 1), ("/partners/1", 1)]
    charter.write_text(without_onboarding(3), encoding="utf-8")  # a third partner now lacks it too
    code, out, _ = cli("check", str(charter), *TODAY, "--format", "json", "--baseline", str(baseline))
    tim = [f for f in json.loads(out)["findings"] if f["code"] == "TIM01"]
    active = [f for f in tim if not f["suppressed"]]
    assert code == 1 or active  # the new place is reported, alone
    assert [(f["pointer"], f.get("count", 1)) for f in active] == [("/partners/2", 1)]
    assert [(f["pointer"], f.get("count", 1), f["suppression"]["kind"]) for f in tim if f["suppressed"]] == [("/partners/0", 2, "baseline")]


def test_the_seventeen_signatory_roster_has_far_fewer_findings_each_place_reachable(cli) -> None:
    grouped = findings_of(cli, ROSTER, "--today", "2016-03-23")
    ungrouped = findings_of(cli, ROSTER, "--today", "2016-03-23", "--no-group")
    assert len(grouped) < 30 and len(grouped) < len(ungrouped)
    assert places(grouped) == places(ungrouped)
    assert max(f.get("count", 1) for f in grouped) >= 4


@pytest.mark.parametrize("charter", GALLERY, ids=[p.stem for p in GALLERY])
def test_no_gallery_charter_gets_more_findings_and_each_repeat_is_grouped(cli, charter: Path) -> None:
    grouped = findings_of(cli, charter)
    ungrouped = findings_of(cli, charter, "--no-group")
    assert places(grouped) == places(ungrouped)
    repeated = Counter((f["code"], re.sub(r"/\d+", "/*", f["pointer"]), f["suppressed"]) for f in ungrouped if re.search(r"/\d+", f["pointer"]))
    assert len(grouped) <= len(ungrouped)
    if max(repeated.values(), default=1) > 1:  # a rule repeated across a collection's items: fewer findings
        assert len(grouped) < len(ungrouped)
