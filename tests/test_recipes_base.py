"""The pull-request recipes of docs/ci.md (`check --base`, `diff --base`): valid for GitHub and GitLab, and the action takes `--base`."""

from __future__ import annotations

from pathlib import Path

from git_support import commit, git, init
from ruamel.yaml import YAML
from test_action import BIN, outputs, run_script, step
from test_recipes import ACTION_TEXT, block, validate

CHARTER = "partnercheck: 1\ncharter: {{id: c{n}, title: C{n}}}\npartners: [{{id: a, name: A, type: funder}}]\npilot: {{partners: [a]}}\n"


def test_the_github_pull_request_recipe_is_a_valid_workflow(tmp_path: Path) -> None:
    workflow = block("github pull request")
    validate("vendor.github-workflows", workflow, tmp_path, "pr.yml")
    job = YAML(typ="safe").load(workflow)["jobs"]["changes"]
    assert job["steps"][0]["with"] == {"fetch-depth": 0}  # --base needs the history
    runs = [s.get("run", "") for s in job["steps"]]
    assert any("diff --base" in r and "--format markdown" in r for r in runs) and any("check charters --base" in r for r in runs)
    setup = next(s["uses"] for s in job["steps"] if "setup-python" in s.get("uses", ""))
    assert setup.split("@")[1].split()[0] in ACTION_TEXT  # pinned like the action


def test_the_gitlab_merge_request_recipe_is_a_valid_pipeline(tmp_path: Path) -> None:
    validate("vendor.gitlab-ci", block("gitlab merge request"), tmp_path, ".gitlab-ci.yml")


def test_the_action_passes_base_to_check(tmp_path: Path) -> None:
    """The action's check step with `args: --base main` reports only what the branch brought."""
    assert "fetch-depth: 0" in block("github action base") and "--base origin/" in block("github action base")
    init(tmp_path)
    commit(tmp_path, {f"charters/c{n}.yaml": CHARTER.format(n=n) for n in range(3)})
    git(tmp_path, "checkout", "-q", "-b", "change")
    commit(tmp_path, {"charters/c0.yaml": CHARTER.format(n=0).replace("pilot: {partners: [a]}\n", "")})  # a finding less, none more
    env = {"BIN": BIN, "PATHS": "charters", "ARGS": "--base main --select PIL02,MEM01 --isolated --no-cache", "SARIF": "false"}
    done = run_script(step("check")["run"], env, tmp_path)
    assert done.returncode == 0, done.stderr
    assert outputs(tmp_path / "out.txt")["exit-code"] == "0", done.stdout + done.stderr
    assert "::warning" not in done.stdout and "::error" not in done.stdout
    assert "1 finding already there, 1 finding resolved" in done.stderr
