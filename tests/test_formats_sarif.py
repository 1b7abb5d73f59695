"""SARIF 2.1.0: valid against the official schema, and what code scanning needs in it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from formats_support import CHARTER, lint_paths, place_broken, render
from paths import DATA

from partnercheck.findings import Severity, Suppression

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = json.loads((DATA / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def sarif_of(run, cwd: Path) -> dict:
    log = json.loads(render("sarif", run, cwd))
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    return log


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    place_broken(tmp_path)
    return tmp_path


def test_broken_charter_gives_a_valid_log_naming_the_finding(workdir: Path) -> None:
    run = lint_paths(CHARTER)
    log = sarif_of(run, workdir)
    assert log["version"] == "2.1.0"
    results = log["runs"][0]["results"]
    assert len(results) == len(run.findings)
    pil01 = next(r for r in results if r["ruleId"] == "PIL01")
    assert pil01["level"] == "error"
    assert "pilot" in pil01["message"]["text"].lower()


def test_driver_lists_every_rule_that_ran_with_its_descriptions(workdir: Path) -> None:
    run = lint_paths(CHARTER)
    driver = sarif_of(run, workdir)["runs"][0]["tool"]["driver"]
    assert driver["name"] == "partnercheck"
    assert [r["id"] for r in driver["rules"]] == [r.code for r in run.rules]
    by_id = {r["id"]: r for r in driver["rules"]}
    for rule in run.rules:
        d = by_id[rule.code]
        assert d["name"] == rule.name
        assert d["shortDescription"]["text"] == rule.summary
        assert d["fullDescription"]["text"] == rule.why.strip()
        assert d["defaultConfiguration"]["level"] == LEVELS[run.settings.severity_of(rule).value]
        if rule.hint.strip():
            assert rule.hint.strip() in d["help"]["text"]


def test_a_selection_lists_only_the_selected_rules(workdir: Path) -> None:
    run = lint_paths(CHARTER, select=("PIL01",))
    driver = sarif_of(run, workdir)["runs"][0]["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == ["PIL01"]


def test_levels_follow_the_configured_severity(workdir: Path) -> None:
    run = lint_paths(CHARTER, select=("PIL01",), severity={"PIL01": Severity.WARNING})
    sarif_run = sarif_of(run, workdir)["runs"][0]
    assert sarif_run["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"] == "warning"
    assert [r["level"] for r in sarif_run["results"]] == ["warning"]


def test_results_point_at_the_file_region_and_pointer(workdir: Path) -> None:
    run = lint_paths(CHARTER)
    sarif_run = sarif_of(run, workdir)["runs"][0]
    rules = sarif_run["tool"]["driver"]["rules"]
    for finding, result in zip(run.findings, sarif_run["results"]):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding.code
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == CHARTER
        assert physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        region = physical["region"]
        assert (region["startLine"], region["startColumn"], region["endLine"]) == (finding.line, finding.column, finding.end_line)
        assert region["endColumn"] == finding.end_column + 1  # SARIF's end column is exclusive
        if finding.pointer:
            assert result["locations"][0]["logicalLocations"] == [{"fullyQualifiedName": finding.pointer}]
    root = sarif_run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert root.startswith("file://") and root.endswith("/")
    assert [a["location"]["uri"] for a in sarif_run["artifacts"]] == [CHARTER]


def test_fingerprints_survive_lines_moving(workdir: Path) -> None:
    before = sarif_of(lint_paths(CHARTER), workdir)["runs"][0]["results"]
    place_broken(workdir, prefix="# a comment added on top\n# and another one\n")
    after = sarif_of(lint_paths(CHARTER), workdir)["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in before] == [r["partialFingerprints"] for r in after]
    lines = lambda results: [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results]  # noqa: E731
    assert [line + 2 for line in lines(before)] == lines(after)
    prints = [next(iter(r["partialFingerprints"].values())) for r in before]
    assert len(set(prints)) == len(prints)


def test_fingerprint_depends_on_the_file(workdir: Path) -> None:
    place_broken(workdir, "charters/other.yaml")
    results = sarif_of(lint_paths(CHARTER, "charters/other.yaml", select=("PIL01",)), workdir)["runs"][0]["results"]
    assert len(results) == 2
    assert results[0]["partialFingerprints"] != results[1]["partialFingerprints"]


def test_waived_findings_carry_suppressions_with_their_justification(workdir: Path) -> None:
    run = lint_paths(CHARTER)
    waived, commented, baselined = run.findings[:3]
    waived.suppression = Suppression("waiver", "Pilot to be named at the June committee", "Comité de pilotage", "2026-07-01")
    commented.suppression = Suppression("comment", "Agreed with the region")
    baselined.suppression = Suppression("baseline", "Known before adoption")
    results = sarif_of(run, workdir)["runs"][0]["results"]
    assert results[0]["suppressions"][0]["kind"] == "inSource"
    assert results[0]["suppressions"][0]["justification"] == "Pilot to be named at the June committee"
    assert results[0]["suppressions"][0]["properties"]["approvedBy"] == "Comité de pilotage"
    assert results[1]["suppressions"][0]["kind"] == "inSource"
    assert results[2]["suppressions"][0]["kind"] == "external"
    assert all("suppressions" not in r for r in results[3:])


def test_run_errors_become_notifications_and_unsuccessful_execution(workdir: Path) -> None:
    run = lint_paths(CHARTER, "absent.yaml")
    invocation = sarif_of(run, workdir)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert len(notes) == 1 and "absent.yaml" in notes[0]["message"]["text"] and notes[0]["level"] == "error"
    clean = sarif_of(lint_paths(CHARTER), workdir)["runs"][0]["invocations"][0]
    assert clean == {"executionSuccessful": True, "toolExecutionNotifications": []}


def test_run_properties_bag_holds_the_summary(workdir: Path) -> None:
    run = lint_paths(CHARTER)
    properties = sarif_of(run, workdir)["runs"][0]["properties"]
    assert properties["today"] == "2026-01-01"
    assert properties["failOn"] == "warning"
    assert properties["summary"]["errors"] == sum(1 for f in run.active if f.severity.value == "error")


def test_uri_is_percent_encoded_and_relative(workdir: Path) -> None:
    place_broken(workdir, "chartes/bénéficiaires et voix.yaml")
    log = sarif_of(lint_paths(str(workdir / "chartes"), select=("PIL01",)), workdir)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "chartes/b%C3%A9n%C3%A9ficiaires%20et%20voix.yaml"


def test_a_file_outside_the_working_directory_gets_an_absolute_uri(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    charter = place_broken(tmp_path / "elsewhere")
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")
    log = sarif_of(lint_paths(str(charter), select=("PIL01",)), tmp_path / "cwd")
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == charter.as_uri() and "uriBaseId" not in location


# logical locations ---------------------------------------------------------------------


def test_sarif_gives_every_result_a_logical_location_the_root_included(cli, here) -> None:
    (here / "bare.yaml").write_text("partnercheck: 1\n", encoding="utf-8")
    code, out, _ = cli("check", "--isolated", "bare.yaml", "-f", "sarif", "--exit-zero")
    assert code == 0
    log = json.loads(out)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    results = log["runs"][0]["results"]
    names = [r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] for r in results]
    assert len(names) == len(results) and "" in names and "/charter" in names
    json_findings = json.loads(cli("check", "--isolated", "bare.yaml", "-f", "json")[1])["findings"]
    assert names == [f["pointer"] for f in json_findings]
