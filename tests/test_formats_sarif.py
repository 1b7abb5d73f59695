"""SARIF 2.1.0: valid against the official schema, and what code scanning needs in it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from formats_support import CHARTER, lint_paths, place_broken, render
from paths import DATA

from partnercheck.catalog.explain import hint_text
from partnercheck.findings import Severity, Suppression
from partnercheck.report.conditions import named
from partnercheck.report.formats import BUILTIN
from partnercheck.report.formats.sarif import descriptor
from partnercheck.testing import default_registry

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = json.loads((DATA / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def sarif_of(run, cwd: Path, **options: str) -> dict:
    log = json.loads(BUILTIN["sarif"](run, {"color": False, "quiet": False, "cwd": str(cwd), **options}) if options else render("sarif", run, cwd))
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
        assert d["fullDescription"]["text"] == named(rule.why.strip())  # the rule's why, each condition of success named
        assert d["defaultConfiguration"]["level"] == LEVELS[run.settings.severity_of(rule).value]
        if rule.hint.strip():
            assert hint_text(rule).strip() in d["help"]["text"]  # the hint as `partnercheck rule` shows it


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
    results = sarif_of(run, workdir, sarif_suppressed="include")["runs"][0]["results"]
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
    (here / "bare.yaml").write_text("partnercheck: 1\ncharter: {id: c, title: T}\n", encoding="utf-8")  # no partners: a schema error at the root
    code, out, _ = cli("check", "--isolated", "bare.yaml", "-f", "sarif", "--exit-zero")
    assert code == 0
    log = json.loads(out)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    results = log["runs"][0]["results"]
    names = [r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] for r in results]
    assert len(names) == len(results) and "" in names and "/charter" in names
    json_findings = json.loads(cli("check", "--isolated", "bare.yaml", "-f", "json")[1])["findings"]
    assert names == [f["pointer"] for f in json_findings]


# suppressed findings, help, paths, regions ----------------------------------------------


def test_suppressed_findings_are_left_out_by_default(workdir: Path) -> None:
    """GitHub code scanning ignores `suppressions`: a suppressed result would open an alert."""
    run = lint_paths(CHARTER)
    run.findings[0].suppression = Suppression("baseline", "Known before adoption")
    kept = sarif_of(run, workdir)["runs"][0]["results"]
    assert len(kept) == len(run.findings) - 1 and all("suppressions" not in r for r in kept)
    included = sarif_of(run, workdir, sarif_suppressed="include")["runs"][0]["results"]
    assert len(included) == len(run.findings)


def test_the_option_reaches_the_sarif_from_the_command_line(cli, workdir: Path) -> None:
    (workdir / "charters" / "s.yaml").write_text("# partnercheck: disable-file=PIL01 -- a test\npartnercheck: 1\n", encoding="utf-8")
    codes = {}
    for choice in ("omit", "include"):
        _, out, err = cli("check", "charters/s.yaml", "--isolated", "--format", "sarif", "--sarif-suppressed", choice)
        codes[choice] = [r["ruleId"] for r in json.loads(out)["runs"][0]["results"]]
    assert "PIL01" not in codes["omit"] and "PIL01" in codes["include"]
    code, _, err = cli("check", "charters/s.yaml", "--sarif-suppressed", "keep")
    assert code == 2 and "Traceback" not in err


REGISTRY = default_registry()


@pytest.mark.parametrize("code", sorted(REGISTRY.rules))
def test_every_rule_help_is_rendered_with_no_placeholder_left(code: str) -> None:
    import re

    rule = REGISTRY.rules[code]
    found = descriptor(rule, rule.severity)
    texts = [found.get("help", {}).get("text", ""), found.get("help", {}).get("markdown", "")]
    assert not any(re.search(r"\{[A-Za-z_][A-Za-z0-9_]*\}", text) for text in texts), texts
    if rule.hint:
        assert found["help"]["markdown"].count("```") >= 2  # the snippet to write, as code
    assert found["properties"]["precision"] in ("very-high", "high")
    assert found["properties"]["problem.severity"] == {"error": "error", "warning": "warning", "info": "recommendation"}[rule.severity.value]


def test_help_uri_anchors_a_heading_of_the_rules_page() -> None:
    from paths import ROOT

    headings = {line[4:] for line in (ROOT / "docs" / "rules.md").read_text(encoding="utf-8").splitlines() if line.startswith("### ")}
    anchors = {h.lower().replace(" ", "-") for h in headings}
    core = [r for r in REGISTRY.rules.values() if r.plugin == "core"]
    assert core
    for rule in core:
        uri = descriptor(rule, rule.severity)["helpUri"]
        assert uri.startswith("https://github.com/partnercheck/partnercheck/blob/main/docs/rules.md#")
        assert uri.rsplit("#", 1)[1] in anchors, uri


def test_the_placeholders_of_acc02_become_readable_words() -> None:
    help_text = descriptor(REGISTRY.rules["ACC02"], Severity.WARNING)["help"]["text"]
    assert "<first>" in help_text and "{first}" not in help_text
    assert "10" in descriptor(REGISTRY.rules["GOV03"], Severity.INFO)["help"]["text"]  # an option: its default value


def test_a_file_given_as_dot_dot_gets_an_absolute_uri(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    charter = place_broken(tmp_path / "outside")
    (tmp_path / "repo").mkdir()
    monkeypatch.chdir(tmp_path / "repo")
    log = sarif_of(lint_paths("../outside/" + charter.relative_to(tmp_path / "outside").as_posix(), select=("PIL01",)), tmp_path / "repo")
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == charter.resolve().as_uri() and "uriBaseId" not in location
    assert not any(a["location"]["uri"].startswith("..") for a in log["runs"][0]["artifacts"])


def test_a_region_stops_before_the_trailing_comment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c.yaml").write_text("partnercheck: 1  # the format\ncharter: {id: x, title: X}\npartners:\n  - id: a  # first\n    name: A\n", encoding="utf-8")
    results = sarif_of(lint_paths("c.yaml"), tmp_path)["runs"][0]["results"]
    regions = {r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]: r["locations"][0]["physicalLocation"]["region"] for r in results}
    assert regions[""]["endColumn"] == len("partnercheck: 1") + 1
    assert regions["/partners/0"] == {"startLine": 4, "startColumn": 5, "endLine": 4, "endColumn": len("  - id: a") + 1}
