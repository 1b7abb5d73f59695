"""The recipes of docs/ci.md and the README work as written before any release (issue 19, item 6):
they install from the repository (no tag, no PyPI package yet), the workflows are valid for
GitHub and GitLab, pins agree with action.yml, and the offline pre-commit hook and the plain
shell recipe run here for real."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from copies import BUILD_FILES, copy_files
from paths import EXAMPLES, ROOT
from ruamel.yaml import YAML
from test_action import check_jsonschema
from test_precommit import healthy_today
from wheelhouse import offline_pip, wheelhouse

DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
ACTION_TEXT = (ROOT / "action.yml").read_text(encoding="utf-8")
REPOSITORY = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]["Source"]
MARKED = re.compile(r"<!-- (?P<mark>[^>]*?) -->\n```[\w-]*\n(?P<body>.*?)\n```\n", re.DOTALL)
BROKEN = EXAMPLES / "broken" / "sans-pilote.yaml"


def block(mark: str) -> str:
    (body,) = [m["body"] for m in MARKED.finditer(DOC) if m["mark"] == mark]
    return body


def validate(schema: str, text: str, tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    target.write_text(text, encoding="utf-8")
    code, output = check_jsonschema(schema, target)
    assert code == 0, output


def test_no_recipe_names_a_release_that_does_not_exist() -> None:
    for text in (DOC, README):
        assert "@v0.1.0" not in text and "rev: v0.1.0" not in text
        assert not re.search(r"pip install partnercheck\b", text), "no package is published: install from the repository"


def test_every_pip_recipe_installs_from_the_repository() -> None:
    installs = re.findall(r"pip install \"partnercheck @ ([^\"]+)\"", DOC)
    assert len(installs) == 5  # GitHub plain steps, GitLab, shell, the pull-request recipes (GitHub, GitLab)
    assert set(installs) == {f"git+{REPOSITORY}@main"}


def test_github_workflows_are_valid_workflows(tmp_path: Path) -> None:
    yaml = YAML(typ="safe")
    readme_workflow = next(m.group(1) for m in re.finditer(r"```yaml\n(.*?)\n```", README, re.DOTALL) if "jobs:" in m.group(1))
    validate("vendor.github-workflows", block("github workflow"), tmp_path, "docs.yml")
    validate("vendor.github-workflows", readme_workflow, tmp_path, "readme.yml")
    steps = "name: plain\non: push\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n" + block("github plain steps")
    validate("vendor.github-workflows", steps, tmp_path, "plain.yml")
    assert yaml.load(block("github workflow"))["permissions"] == {"contents": "read", "security-events": "write", "actions": "read"}


def test_plain_steps_pin_the_same_commits_as_the_action() -> None:
    pinned = set(re.findall(r"uses: ([\w/-]+@[0-9a-f]{40} # v[\d.]+)", block("github plain steps")))
    assert pinned and pinned <= set(re.findall(r"uses: ([\w/-]+@[0-9a-f]{40} # v[\d.]+)", ACTION_TEXT))


def test_gitlab_recipe_is_a_valid_pipeline(tmp_path: Path) -> None:
    validate("vendor.gitlab-ci", block("gitlab ci"), tmp_path, ".gitlab-ci.yml")


def test_the_documented_cap_and_permissions_are_stated() -> None:
    assert "at most 10 error and 10 warning" in DOC and "`actions: read`" in DOC
    assert "--sarif-suppressed" in DOC and "primaryLocationLineHash" in DOC


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@partnercheck.invalid", "-c", "commit.gpgsign=false", *args], cwd=cwd, check=True, capture_output=True)


def _offline_env(tmp_path: Path) -> dict[str, str]:
    """No package index reachable, and this environment's partnercheck on PATH (as after a `pip install`)."""
    env = {k: v for k, v in os.environ.items() if k not in {"GITHUB_ACTIONS", "VIRTUAL_ENV", "PIP_FIND_LINKS"}}
    env.update(
        PATH=os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        PIP_INDEX_URL="http://127.0.0.1:9/simple",
        PIP_NO_INDEX="1",
        NO_COLOR="1",
    )
    return env


@pytest.mark.slow
def test_offline_pre_commit_recipe_blocks_a_broken_charter(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.fail("git is needed to run pre-commit")
    target = tmp_path / "charters-repo"
    (target / "charters").mkdir(parents=True)
    shutil.copy2(BROKEN, target / "charters" / "charte.yaml")
    (target / "notes.yml").write_text("a: 1\n", encoding="utf-8")  # not a charter: skipped
    (target / ".pre-commit-config.yaml").write_text(block("pre-commit offline config") + "\n", encoding="utf-8")
    _git(target, "init", "-q")
    _git(target, "add", "-A")
    command = [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"]
    failed = subprocess.run(command, cwd=target, env=_offline_env(tmp_path), capture_output=True, text=True, timeout=300)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1 and re.search(r"partnercheck\.+Failed", output), output
    assert "charters/charte.yaml:" in output and "PIL01" in output and "notes.yml" not in output

    (target / "charters" / "charte.yaml").write_text(healthy_today(), encoding="utf-8")
    _git(target, "add", "-A")
    passed = subprocess.run(command, cwd=target, env=_offline_env(tmp_path), capture_output=True, text=True, timeout=300)
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0 and re.search(r"partnercheck\.+Passed", output), output


@pytest.mark.slow
def test_the_shell_recipe_runs_as_written_against_a_local_copy(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The recipe's lines, with the repository's address replaced by a local git copy of it (no network here:
    the dependencies and the build backend come from the session's wheelhouse, tests/wheelhouse.py)."""
    if shutil.which("git") is None:
        pytest.fail("git is needed for a git+ install")
    origin = copy_files(BUILD_FILES, tmp_path / "origin")
    _git(origin, "init", "-q", "-b", "main")
    _git(origin, "add", "-A")
    _git(origin, "commit", "-q", "-m", "copy")
    work = tmp_path / "ci"
    (work / "charters").mkdir(parents=True)
    shutil.copy2(BROKEN, work / "charters" / "charte.yaml")
    script = block("shell recipe").replace(REPOSITORY, f"file://localhost{origin}")
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    env.update(offline_pip(wheelhouse(tmp_path_factory)))
    done = subprocess.run(["bash", "-e", "-c", script], cwd=work, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 1, done.stdout + done.stderr  # the broken charter fails the gate
    assert "charters/charte.yaml:" in done.stdout and "PIL01" in done.stdout
    assert (work / "partnercheck.json").is_file() and (work / ".partnercheck" / "bin" / "partnercheck").is_file()
