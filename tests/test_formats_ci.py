"""GitHub annotations, JUnit XML, GitLab Code Quality, concise lines and Markdown,
each checked against what its consumer expects."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from formats_support import CHARTER, lint_paths, place_broken, render

from partnercheck.findings import Finding, Severity, Suppression
from partnercheck.report.formats import github, junit, markdown
from partnercheck.report.formats.locations import report_path

# GitHub's workflow-command syntax: ::name key=value,key=value::message
COMMAND = re.compile(r"^::(error|warning|notice)( (?P<props>[^:]*))?::(?P<message>.*)$")


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    place_broken(tmp_path)
    return tmp_path


def unescape(text: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, char)
    return text


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    match = COMMAND.match(line)
    assert match, line
    props = dict(p.split("=", 1) for p in (match["props"] or "").split(",") if p)
    return match[1], {k: unescape(v) for k, v in props.items()}, unescape(match["message"])


# GitHub ---------------------------------------------------------------------------------


def test_github_lines_are_workflow_commands_one_per_finding(workdir: Path) -> None:
    run = lint_paths(CHARTER)
    lines = render("github", run, workdir).splitlines()
    commands = [parse_command(line) for line in lines if line.startswith("::")]
    assert len(commands) == len(run.active)
    for (name, props, message), f in zip(commands, run.active):
        assert name == {"error": "error", "warning": "warning", "info": "notice"}[f.severity.value]
        assert props == {"file": CHARTER, "line": str(f.line), "col": str(f.column), "endLine": str(f.end_line), "endColumn": str(f.end_column), "title": f"{f.code} {f.name}"}
        assert message.startswith(f.message)
    assert any(props["title"] == "PIL01 no-pilot-designated" for _, props, _ in commands)
    assert not lines[-1].startswith("::") and "error" in lines[-1]


def test_github_escapes_data_and_properties() -> None:
    f = Finding("PIL01", "no-pilot-designated", Severity.ERROR, "100% sure:\r\nline two, yes", "dir,1/a:b.yaml", hint="do: this")
    line = github.annotation(f)
    assert "\n" not in line and "\r" not in line
    assert "file=dir%2C1/a%3Ab.yaml," in line
    assert line.endswith("::100%25 sure:%0D%0Aline two, yes%0Ado: this")
    name, props, message = parse_command(line)
    assert props["file"] == "dir,1/a:b.yaml"
    assert message == "100% sure:\r\nline two, yes\ndo: this"


def test_github_skips_suppressed_and_reports_run_errors(workdir: Path) -> None:
    run = lint_paths(CHARTER, "absent.yaml")
    run.findings[0].suppression = Suppression("comment", "agreed")
    commands = [parse_command(line) for line in render("github", run, workdir).splitlines() if line.startswith("::")]
    assert len(commands) == len(run.active) + 1
    name, props, message = commands[-1]
    assert name == "error" and props == {"title": "partnercheck"} and "absent.yaml" in message


def test_github_is_chosen_on_github_actions(cli, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = cli("check", CHARTER, "--today", "2026-01-01")
    assert code == 1
    assert out.startswith("::error file=charters/sans-pilote.yaml,")
    code, out, _ = cli("check", CHARTER, "--today", "2026-01-01", "--format", "concise")
    assert out.startswith(f"{CHARTER}:")
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    _, out, _ = cli("check", CHARTER, "--today", "2026-01-01", "--color", "never")
    assert not out.startswith("::")


# JUnit ----------------------------------------------------------------------------------


def test_junit_has_one_case_per_charter_with_a_dotted_class_name(workdir: Path) -> None:
    place_broken(workdir, "charters/second.yaml")
    (workdir / "charters" / "clean.yaml").write_text("partnercheck: 1\n", encoding="utf-8")
    run = lint_paths("charters")
    root = ET.fromstring(render("junit", run, workdir))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [report_path(f.path, workdir) for f in run.files]
    assert {c.get("classname") for c in cases} == {"charters.sans-pilote", "charters.second", "charters.clean"}
    failed = {c.get("name") for c in cases if c.find("failure") is not None}
    assert failed == {report_path(f.path, workdir) for f in run.failing()}
    assert suite.get("tests") == root.get("tests") == str(len(run.files))
    assert suite.get("failures") == root.get("failures") == str(len(failed))


def test_junit_class_name_never_ends_in_the_yaml_suffix() -> None:
    assert junit.class_name("charters/ville/charte.yaml") == "charters.ville.charte"
    assert junit.class_name("charte.v2.yml") == "charte_v2"  # Jenkins splits at the last dot: one class, not `yml`
    assert junit.class_name("../dehors/x.yaml") == "dehors.x"
    assert junit.class_name("/abs/x.yaml") == "abs.x"


def test_junit_failure_carries_every_failing_finding(workdir: Path) -> None:
    run = lint_paths(CHARTER)
    case = ET.fromstring(render("junit", run, workdir)).find("testsuite/testcase")
    failure = case.find("failure")
    failing = run.failing()
    assert failure is not None and failure.get("type") == " ".join(sorted({f.code for f in failing}))
    pil01 = next(f for f in failing if f.code == "PIL01")
    assert f"{CHARTER}:{pil01.line}:{pil01.column}: PIL01 error {pil01.message}" in failure.text
    assert failure.text.count(f"{CHARTER}:") == len(failing)
    assert failure.get("message").startswith(f"{len(failing)} findings, first {failing[0].code}")


def test_junit_findings_below_the_fail_level_pass_with_output(workdir: Path) -> None:
    run = lint_paths(CHARTER, fail_on=Severity.ERROR)
    warned = [f for f in run.active if f.severity is Severity.WARNING]
    assert warned, "the broken example should give at least one warning"
    case = ET.fromstring(render("junit", run, workdir)).find("testsuite/testcase")
    assert warned[0].message in case.find("system-out").text
    assert all(f.message not in (case.find("failure").text or "") for f in warned)


def test_junit_unreadable_file_fails_and_run_errors_are_error_cases(workdir: Path) -> None:
    (workdir / "charters" / "bad.yaml").write_text("partnercheck: 1\ncharter: [unclosed\n", encoding="utf-8")
    run = lint_paths("charters/bad.yaml", "absent.yaml")
    root = ET.fromstring(render("junit", run, workdir))
    charters, errors = root.findall("testsuite")
    assert "DOC01" in charters.find("testcase[@name='charters/bad.yaml']/failure").get("type")
    assert errors.get("name") == "partnercheck run" and errors.get("errors") == "1" == root.get("errors")
    assert "absent.yaml" in errors.find("testcase/error").get("message")


# GitLab ---------------------------------------------------------------------------------


def test_gitlab_code_quality_has_the_required_keys(workdir: Path) -> None:
    run = lint_paths(CHARTER)
    issues = json.loads(render("gitlab", run, workdir))
    assert isinstance(issues, list) and len(issues) == len(run.active)
    for issue, f in zip(issues, run.active):
        assert isinstance(issue["description"], str) and f.message in issue["description"]
        assert issue["check_name"] == f"{f.code} {f.name}"
        assert re.fullmatch(r"[0-9a-f]{32}", issue["fingerprint"])
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["path"] == CHARTER
        assert issue["location"]["lines"]["begin"] == f.line and isinstance(f.line, int)
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_gitlab_severities_and_suppressed_findings(workdir: Path) -> None:
    (workdir / "charters" / "bad.yaml").write_text("partnercheck: 1\ncharter: [unclosed\n", encoding="utf-8")
    run = lint_paths(CHARTER, "charters/bad.yaml")
    run.findings[0].suppression = Suppression("baseline", "known")
    issues = json.loads(render("gitlab", run, workdir))
    by_code = {i["check_name"].split()[0]: i["severity"] for i in issues}
    assert by_code["PIL01"] == "major" and by_code["DOC01"] == "critical"
    assert len(issues) == len(run.active)
    fake = Finding("X01", "x", Severity.WARNING, "m", "a.yaml")
    assert json.loads(render_one(fake))[0]["severity"] == "minor"
    fake.severity = Severity.INFO
    assert json.loads(render_one(fake))[0]["severity"] == "info"


def render_one(f: Finding) -> str:
    from partnercheck.report.formats import gitlab
    from partnercheck.report.formats.locations import fingerprint

    return json.dumps([gitlab.issue(f, fingerprint(f.path, f.code, f.pointer), f.path)])


# concise --------------------------------------------------------------------------------


def test_concise_is_one_line_per_active_finding(workdir: Path) -> None:
    run = lint_paths(CHARTER)
    run.findings[-1].suppression = Suppression("comment", "agreed")
    lines = render("concise", run, workdir).splitlines()
    assert len(lines) == len(run.active)
    for line, f in zip(lines, run.active):
        assert re.fullmatch(r"[^:]+:\d+:\d+: [A-Z]+\d+ \[(error|warning|info)\] .+", line), line
        assert line.startswith(f"{CHARTER}:{f.line}:{f.column}: {f.code} [{f.severity.value}] ")


# Markdown -------------------------------------------------------------------------------


def test_markdown_summary_tables_and_findings(workdir: Path) -> None:
    run = lint_paths(CHARTER)
    text = render("markdown", run, workdir)
    errors = sum(1 for f in run.active if f.severity is Severity.ERROR)
    warnings = sum(1 for f in run.active if f.severity is Severity.WARNING)
    assert text.startswith("## partnercheck: ")
    assert f"| error | {errors} |" in text and f"| warning | {warnings} |" in text
    for pack in {f.pack for f in run.active}:
        in_pack = [f for f in run.active if f.pack == pack]
        assert re.search(rf"^\| {pack} \| .* \| {len(in_pack)} \|$", text, re.MULTILINE)
    assert f"#### `{CHARTER}`" in text
    pil01 = next(f for f in run.active if f.code == "PIL01")
    assert f"`PIL01` no-pilot-designated, line {pil01.line}, column {pil01.column}:" in text


def test_markdown_lists_waived_findings_with_reasons(workdir: Path) -> None:
    run = lint_paths(CHARTER)
    run.findings[0].suppression = Suppression("waiver", "Named in June", "Comité")
    text = render("markdown", run, workdir)
    assert "### Waived or suppressed (1)" in text
    assert "waiver — Named in June (approved by Comité)" in text


def test_markdown_escapes_charter_text_but_keeps_code_spans() -> None:
    escaped = markdown.escape("<script>x</script> | *bold* [link](u) @team `a|b <c>`\nnext")
    assert "<script>" not in escaped and "&lt;script&gt;" in escaped
    assert "\\|" in escaped and "\\*bold\\*" in escaped and "\\[link\\]" in escaped
    assert "@\u200bteam" in escaped and "`a|b <c>`" in escaped and "\n" not in escaped


def test_markdown_clean_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from paths import EXAMPLES

    monkeypatch.chdir(tmp_path)
    (tmp_path / "ok.yaml").write_text((EXAMPLES / "plateforme-aide-a-la-personne.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    run = lint_paths("ok.yaml", select=("PIL01",))
    assert render("markdown", run, tmp_path) == "## partnercheck: all clear, 1 file checked, no findings\n\n✔ Ready to sign\n"
