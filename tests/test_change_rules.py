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
