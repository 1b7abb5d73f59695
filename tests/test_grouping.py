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
from partnercheck.run.grouping import Labels, group_findings, item_labels, label_of, pattern_of

HEALTHY = EXAMPLES / "plateforme-aide-a-la-personne.yaml"
VOICELESS = EXAMPLES / "broken" / "beneficiaires-sans-voix.yaml"
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


def test_findings_saying_different_things_about_their_items_are_not_grouped() -> None:
    """Same code, message id and pattern, but each says its own value: one group per value; a value naming
    the item (its id, its name, its holder's id) or a pointer into it is no difference; a name the finding is about is one."""

    def at(pointer: str, line: int, message: str = "X:default", **params: str) -> Finding:
        return Finding("ZZZ99", "x", Severity.WARNING, "m", "c.yaml", pointer, line, 1, line, 1, text=Text(message, params))

    data = {
        "partners": [{"id": "a", "name": "A (to do)", "people": [{"name": "Ann"}]}, {"id": "b", "name": "B (to do)", "people": [{"name": "Bob"}]}, {"id": "c", "name": "C"}],
        "beneficiaries": [{"id": "jobless"}, {"id": "retraining"}, {"id": "young"}],
    }
    found = [
        at("/beneficiaries/0/participation", 10, level="informing", group="jobless"),
        at("/beneficiaries/1/participation", 12, level="consultation", group="retraining"),
        at("/beneficiaries/2/participation", 14, level="informing", group="young"),
        at("/partners/0", 20, "X:none", partner="a", name="A (to do)", at="/partners/0/onboarding"),
        at("/partners/1", 30, "X:none", partner="b", name="B (to do)", at="/partners/1/onboarding"),
        at("/partners/0/name", 21, "X:placeholder", text="A (to do)"),
        at("/partners/1/name", 31, "X:placeholder", text="B (to do)"),
        at("/partners/0/people/0", 22, "X:person", partner="a", person="Ann"),
        at("/partners/1/people/0", 32, "X:person", partner="b", person="Bob"),
        at("/partners/2", 40, "X:none", partner="a", name="C"),  # quotes another item's id: not its own name
    ]
    expected = [
        ("/beneficiaries/0/participation", {"level": "informing", "group": "jobless"}, ["/beneficiaries/2/participation"]),
        ("/beneficiaries/1/participation", {"level": "consultation", "group": "retraining"}, []),
        ("/partners/0", {"partner": "a", "name": "A (to do)", "at": "/partners/0/onboarding"}, ["/partners/1"]),  # a pointer into its item: a place
        ("/partners/0/name", {"text": "A (to do)"}, []),
        ("/partners/1/name", {"text": "B (to do)"}, []),
        ("/partners/0/people/0", {"partner": "a", "person": "Ann"}, ["/partners/1/people/0"]),  # each names its person and partner alone
        ("/partners/2", {"partner": "a", "name": "C"}, []),
    ]
    from_data = group_findings(found, data)
    assert [(f.pointer, dict(f.text.params), [r.pointer for r in f.related]) for f in from_data] == expected
    assert [f.related[0].label for f in from_data if f.related] == ["young", "b", "Bob"]
    stored = json.loads(json.dumps(item_labels(found, data)))  # as the run cache keeps them
    from_labels = group_findings(found, lambda: pytest.fail("the data read though labels were given"), Labels(stored))
    assert from_labels == from_data


def test_two_beneficiary_groups_at_different_rungs_are_two_findings_each_with_its_rung(cli) -> None:
    ungrouped = [f for f in findings_of(cli, VOICELESS, "--no-group") if f["code"] == "BEN03" and f["pointer"].endswith("/participation")]
    assert [re.findall(r"`(informing|consultation)`", f["message"]) for f in ungrouped] == [["informing"], ["consultation"]]
    grouped = [f for f in findings_of(cli, VOICELESS) if f["code"] == "BEN03" and f["pointer"].endswith("/participation")]
    assert [(f["pointer"], f["message"], f.get("related")) for f in grouped] == [(f["pointer"], f["message"], None) for f in ungrouped]
    _, french, _ = cli("check", str(VOICELESS), *TODAY, "--lang", "fr")
    assert "groupes de bénéficiaires partagent ce constat" not in french
    assert "`salaries-reconversion` participe au niveau `consultation`" in french


def test_unknown_ids_group_only_when_they_are_the_same_id(cli, tmp_path: Path) -> None:
    charter = tmp_path / "c.yaml"
    text = HEALTHY.read_text(encoding="utf-8")
    for wrong, right in (("rectorta", "rectorat"), ("regoin", "federation"), ("rectorta", "uniformation")):
        text = text.replace(f"    accountable: {right}\n    contributors:", f"    accountable: {wrong}\n    contributors:", 1)
    charter.write_text(text, encoding="utf-8")
    ref = [f for f in findings_of(cli, charter) if f["code"] == "REF01" and f["pointer"].endswith("/accountable")]
    assert [(f["pointer"], [r["pointer"] for r in f.get("related", [])]) for f in ref] == [("/objectives/0/accountable", ["/objectives/2/accountable"]), ("/objectives/1/accountable", [])]
    assert "rectorta" in ref[0]["message"] and "regoin" not in ref[0]["message"] and "regoin" in ref[1]["message"]


def test_a_roster_stating_nothing_keeps_one_finding_and_each_stated_person_is_their_own(cli, tmp_path: Path) -> None:
    charter = tmp_path / "c.yaml"
    text = re.sub(r"\n    representative: \{[^}]*\}", "", HEALTHY.read_text(encoding="utf-8"), count=3)  # rectorat, region, cd93 name nobody
    text = re.sub(r", mandate_ref: [^}]*\}", "}", text, count=2)  # cd94's and cd77's representatives have no mandate
    charter.write_text(text, encoding="utf-8")
    mem = [f for f in findings_of(cli, charter) if f["code"] == "MEM01"]
    assert [(f["pointer"], [r["label"] for r in f.get("related", [])]) for f in mem] == [("/partners/0", ["region", "cd93"]), ("/partners/3/representative", []), ("/partners/4/representative", [])]
    assert mem[1]["message"] != mem[2]["message"]


def test_a_cached_second_run_prints_exactly_what_the_first_printed(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from partnercheck.run import cache

    monkeypatch.delenv("PARTNERCHECK_NO_CACHE", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "charters").mkdir()
    (tmp_path / "charters" / VOICELESS.name).write_bytes(VOICELESS.read_bytes())
    (tmp_path / "charters" / "roster.yaml").write_text(without_onboarding(3), encoding="utf-8")
    runs = [[cli("check", "charters", "--today", "2026-01-15", "--jobs", "1", *extra) for extra in ((), ("--lang", "fr"), ("--format", "json"))] for _ in range(2)]
    assert any(f.get("related") for f in json.loads(runs[0][2][1])["findings"]), "nothing grouped: the labels are not tested"
    read: list[str] = []
    monkeypatch.setattr(cache.ResultsCache, "data_of", lambda self, key: read.append(key))
    third = [cli("check", "charters", "--today", "2026-01-15", "--jobs", "1", *extra) for extra in ((), ("--lang", "fr"), ("--format", "json"))]
    assert runs[0] == runs[1] == third and read == []  # grouped from the run entry's labels alone, the same groups
    assert "`salaries-reconversion` participe au niveau `consultation`" in runs[0][1][1]
