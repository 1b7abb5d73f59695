"""scripts/release, run on a throwaway git repository holding a copy of this one:
refusals first (no build), then a dry run that changes nothing, then a real release."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from copies import BUILD_FILES, copy_files
from wheelhouse import offline_pip, wheelhouse

FILES = (*BUILD_FILES, ".gitignore", "CHANGELOG.md", "scripts")
TODAY = "2026-12-03"


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@partnercheck.invalid", "-c", "commit.gpgsign=false", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.fail("git is needed to test the release script")
    repo = copy_files(FILES, tmp_path / "repo")
    changelog = repo / "CHANGELOG.md"
    text = changelog.read_text(encoding="utf-8")
    changelog.write_text(text.replace("## Unreleased\n", "## Unreleased\n\n- Something users will notice.\n", 1), encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "before the release")
    return repo


@pytest.fixture
def house(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's wheelhouse (tests/wheelhouse.py): the builds' backends installed from it, offline."""
    return wheelhouse(tmp_path_factory)


def release(repo: Path, *args: str, house: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **(offline_pip(house) if house else {})}
    return subprocess.run([sys.executable, str(repo / "scripts" / "release"), *args, "--today", TODAY], cwd=repo, env=env, capture_output=True, text=True, timeout=600)


def version_in(repo: Path) -> str:
    return next(line for line in (repo / "src/partnercheck/__init__.py").read_text(encoding="utf-8").splitlines() if line.startswith("__version__"))


def test_refusals_say_why_and_change_nothing(repo: Path) -> None:
    from partnercheck import __version__

    for args, reason in (
        (("0.0.1",), "is not greater than the current"),
        (("two",), "is not MAJOR.MINOR.PATCH"),
    ):
        done = release(repo, *args)
        assert done.returncode == 1 and reason in done.stderr and "Traceback" not in done.stderr, done.stderr
    (repo / "README.md").write_text("changed\n", encoding="utf-8")
    (repo / "notes.txt").write_text("mine\n", encoding="utf-8")
    done = release(repo, "9.0.0")
    assert done.returncode == 1 and "uncommitted changes or untracked files (README.md, notes.txt)" in done.stderr, done.stderr
    (repo / "notes.txt").unlink()
    git(repo, "checkout", "--", "README.md")
    (repo / "CHANGELOG.md").write_text("# Changelog\n\n## Unreleased\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "empty notes")
    done = release(repo, "9.0.0")
    assert done.returncode == 1 and "write the release notes first" in done.stderr
    assert version_in(repo) == f'__version__ = "{__version__}"' and git(repo, "tag") == ""


@pytest.mark.slow
def test_dry_run_then_release(repo: Path, house: Path) -> None:
    before = git(repo, "rev-parse", "HEAD")
    dry = release(repo, "--dry-run", "9.0.0", house=house)
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert "dry run, nothing changed here" in dry.stdout and "tagged v9.0.0" in dry.stdout
    assert "partnercheck-9.0.0.tar.gz" in dry.stdout and "partnercheck-9.0.0-py3-none-any.whl" in dry.stdout
    assert git(repo, "rev-parse", "HEAD") == before and git(repo, "tag") == "" and git(repo, "status", "--porcelain") == ""
    assert not (repo / "dist").exists()

    done = release(repo, "9.0.0", house=house)
    assert done.returncode == 0, done.stdout + done.stderr
    assert version_in(repo) == '__version__ = "9.0.0"'
    changelog = (repo / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## Unreleased\n\n## 9.0.0 — {TODAY}\n\n- Something users will notice.\n" in changelog
    assert git(repo, "tag", "--points-at", "HEAD").split() == ["v9.0.0"]
    assert git(repo, "log", "-1", "--format=%s") == "Release 9.0.0\n"
    assert sorted(p.name for p in (repo / "dist").iterdir()) == ["partnercheck-9.0.0-py3-none-any.whl", "partnercheck-9.0.0.tar.gz"]
    again = release(repo, "9.0.0")
    assert again.returncode == 1 and "exists already" in again.stderr
