"""The rules about change on real git repositories: each fires on its change (`check --base`), never on a reformatting."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from git_support import commit, git, init

from partnercheck.document.load import load_document
from partnercheck.testing import default_registry

RULES = sorted(code for code, rule in default_registry().rules.items() if rule.pack == "change")


def example(code: str, which: str) -> str:
    examples = default_registry().rules[code].examples
    return textwrap.dedent(examples.get(which) or examples["pass"])


def reformatted(text: str) -> str:
    """The same charter written as JSON (valid YAML): every key reordered, every line moved."""
    data = load_document("x.yaml", text.encode("utf-8")).data
    return json.dumps(data, ensure_ascii=False, indent=3, sort_keys=True) + "\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    init(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def new_findings(cli, code: str) -> tuple[int, list[str]]:
    exit_code, out, err = cli("check", "c.yaml", "--base", "main", "--select", code, "--isolated", "--no-cache", "-f", "json", "--today", "2027-02-10")
    assert exit_code in (0, 1), err
    return exit_code, [f["code"] for f in json.loads(out)["findings"] if not f["suppressed"]]


def test_the_change_pack_has_its_seven_rules() -> None:
    assert RULES == [f"CHG0{i}" for i in range(1, 8)]


@pytest.mark.parametrize("code", RULES)
def test_each_rule_fires_on_its_change(cli, repo: Path, code: str) -> None:
    commit(repo, {"c.yaml": example(code, "previous")})
    (repo / "c.yaml").write_text(example(code, "fail"), encoding="utf-8")
    fails = default_registry().rules[code].severity.value != "info"  # CHG07 informs: it does not fail the run
    assert new_findings(cli, code) == (1 if fails else 0, [code])


@pytest.mark.parametrize("code", RULES)
def test_each_rule_is_quiet_on_the_passing_change(cli, repo: Path, code: str) -> None:
    commit(repo, {"c.yaml": example(code, "previous")})
    (repo / "c.yaml").write_text(example(code, "pass"), encoding="utf-8")
    assert new_findings(cli, code)[1] == []


@pytest.mark.parametrize("code", RULES)
@pytest.mark.parametrize("which", ["previous", "fail"])
def test_no_rule_fires_on_a_reformatting(cli, repo: Path, code: str, which: str) -> None:
    commit(repo, {"c.yaml": example(code, which)})
    (repo / "c.yaml").write_text(reformatted(example(code, which)), encoding="utf-8")
    assert git(repo, "diff", "--stat") != ""  # the file did change
    assert new_findings(cli, code) == (0, [])


def plain_findings(cli, path: Path) -> list[str]:
    """The codes `check` finds in `path` alone: no --base, no previous version."""
    exit_code, out, err = cli("check", str(path), "--select", "CHG", "--isolated", "--no-cache", "-f", "json", "--today", "2027-02-10")
    assert exit_code in (0, 1), err
    return sorted(f["code"] for f in json.loads(out)["findings"])


@pytest.mark.parametrize("code", RULES)
@pytest.mark.parametrize("which", ["previous", "fail", "pass"])
def test_without_change_log_or_base_no_change_rule_fires(cli, tmp_path: Path, code: str, which: str) -> None:
    """Every example of the pack, and a charter full of departures, arrivals and dates, with the change log taken away."""
    data = load_document("x.yaml", example(code, which).encode("utf-8")).data
    data.pop("evolution", None)
    path = tmp_path / "c.yaml"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert plain_findings(cli, path) == []
    data["evolution"] = {"change_log": []}  # an empty change log tells nothing either
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert plain_findings(cli, path) == []


DEPARTURES = """partnercheck: 1
charter: {id: c, title: C, version: "1.2"}
partners:
  - {id: rectorat, name: Rectorat, type: institution, joined_on: 2024-01-10}
  - {id: afpa, name: AFPA, type: training_body, status: left, left_on: 2025-03-01}
  - {id: region, name: Région, type: institution, status: left}
  - {id: cnam, name: Cnam, type: training_body, status: left, left_on: 2026-09-01}
  - {id: caf, name: CAF, type: funder, joined_on: 2026-10-01}
pilot: {partners: [rectorat], mandate: {granted_on: 2026-10-01}}
"""


def test_in_plain_check_the_change_rules_report_what_the_change_log_can_prove(cli, tmp_path: Path) -> None:
    """Log opened 2026-01-01: afpa left before it (not the log's to hold), region left undated, cnam after it unlogged,
    caf joined after it with no induction; and the log stops before the last dated change."""
    path = tmp_path / "c.yaml"
    path.write_text(DEPARTURES + "evolution:\n  change_log:\n    - {date: 2026-01-01, change: Version 1.2}\n", encoding="utf-8")
    exit_code, out, err = cli("check", str(path), "--select", "CHG", "--isolated", "--no-cache", "-f", "json", "--today", "2027-02-10")
    found = sorted((f["code"], f["pointer"]) for f in json.loads(out)["findings"])
    assert found == [("CHG01", "/partners/2"), ("CHG01", "/partners/3"), ("CHG04", "/partners/4"), ("CHG07", "/evolution/change_log")], err
    path.write_text(DEPARTURES, encoding="utf-8")
    assert plain_findings(cli, path) == []


def test_each_change_rule_says_when_it_runs(cli) -> None:
    for code in RULES:
        rule = default_registry().rules[code]
        assert "check" in rule.runs and rule.translations["fr"]["runs"], code
        _, out, _ = cli("rule", code, "--lang", "fr")
        assert rule.translations["fr"]["runs"].split(":")[0].split("`")[0].strip() in " ".join(out.split()), code
        assert "Quand elle s’applique" in out and "Runs" not in out
    _, docs, _ = cli("rules", "--no-plugins", "--format", "markdown")
    assert docs.count("**Runs:**") == len(RULES)
