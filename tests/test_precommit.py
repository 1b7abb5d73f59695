"""The pre-commit hook, run by the real `pre-commit run` on a throwaway repository, as a user's
`.pre-commit-config.yaml` names it (the repository and a commit).

pre-commit installs partnercheck from a copy of this working tree (committed
in a temporary git repository, since a hook is taken at a commit) into its own
virtual environment, its dependencies from the session's wheelhouse (tests/wheelhouse.py),
then runs the hook on a repository holding a broken charter: the hook fails and
shows the finding; once fixed, it passes, in the environment installed for the first run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from copies import BUILD_FILES, copy_files
from paths import EXAMPLES, ROOT
from ruamel.yaml import YAML
from wheelhouse import offline_pip, wheelhouse

HOOKS = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
PACKAGE_FILES = (*BUILD_FILES, ".pre-commit-hooks.yaml")
HEALTHY = EXAMPLES / "plateforme-aide-a-la-personne.yaml"
#: The date the healthy example is clean at; the test moves its dates to today.
HEALTHY_AT = date(2026, 1, 15)
CHARTER = "charters/charte.yaml"


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=partnercheck tests", "-c", "user.email=tests@partnercheck.invalid", "-c", "commit.gpgsign=false", *args], cwd=cwd, check=True, capture_output=True)


def healthy_today() -> str:
    """The healthy example with every date moved by the days between its reference date and today,
    so date-based rules judge it today as the catalog tests judge it on its reference date."""
    shift = date.today() - HEALTHY_AT

    def move(match: re.Match[str]) -> str:
        return (date.fromisoformat(match.group(0)) + shift).isoformat()

    return re.sub(r"\b\d{4}-\d{2}-\d{2}\b", move, HEALTHY.read_text(encoding="utf-8"))


def hook_repository(root: Path) -> Path:
    repo = copy_files(PACKAGE_FILES, root / "partnercheck")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "partnercheck under test")
    return repo


def config(hook_repo: Path, folder: Path) -> Path:
    """A `.pre-commit-config.yaml` taking the hook from `hook_repo` at its last commit (kept outside the checked repository)."""
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=hook_repo, check=True, capture_output=True, text=True).stdout.strip()
    path = folder / "pre-commit-config.yaml"
    path.write_text(f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n      - id: partnercheck\n", encoding="utf-8")
    return path


def run_hook(config_file: Path, target: Path, home: Path, house: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"GITHUB_ACTIONS", "PRE_COMMIT_HOME", "VIRTUAL_ENV"}}
    env.update(PRE_COMMIT_HOME=str(home), NO_COLOR="1", PRE_COMMIT_COLOR="never", **offline_pip(house))
    command = [sys.executable, "-m", "pre_commit", "run", "--config", str(config_file), "--all-files", "--verbose", "--color", "never"]
    return subprocess.run(command, cwd=target, env=env, capture_output=True, text=True, timeout=900)


def test_hook_definition() -> None:
    (hook,) = HOOKS
    assert hook["id"] == "partnercheck"
    assert hook["entry"].startswith("partnercheck check")
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    files = re.compile(hook["files"])
    assert files.search("charters/a.yaml") and files.search("b.yml") and not files.search("notes.md")


@pytest.mark.slow
def test_hook_fails_on_a_broken_charter_then_passes_once_fixed(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    if shutil.which("git") is None:
        pytest.fail("git is needed to run pre-commit")
    house = wheelhouse(tmp_path_factory)
    hook_config = config(hook_repository(tmp_path), tmp_path)
    target = tmp_path / "charters-repo"
    (target / "charters").mkdir(parents=True)
    broken = healthy_today().replace("\nvision:", "\nvisoin:", 1)
    (target / CHARTER).write_text(broken, encoding="utf-8")
    (target / "ci.yml").write_text("stages: [lint]\n", encoding="utf-8")  # other YAML: not a charter, skipped
    git(target, "init", "-q")
    git(target, "add", "-A")

    failed = run_hook(hook_config, target, tmp_path / "cache", house)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "Installing environment for" in output, output
    assert re.search(r"partnercheck\.+Failed", output), output
    assert f'{CHARTER}:69:1: SCH01 error Unknown key "visoin"' in output
    assert "ci.yml" not in output.split("Failed", 1)[1]

    (target / CHARTER).write_text(healthy_today(), encoding="utf-8")
    git(target, "add", "-A")
    passed = run_hook(hook_config, target, tmp_path / "cache", house)
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    assert re.search(r"partnercheck\.+Passed", output), output
