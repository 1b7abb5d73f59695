"""File-system traps while discovering and reading charters (issue 8, item 6).

Each problem is one clear line on standard error; the other files are still
checked and reported; the exit code is 2 when a named path is missing or a
file cannot be read (docs/security.md), since the run did not check it.
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import error_lines
from hostile_support import NO_PILOT, clean, findings, write


def check(cli, *paths):
    code, out, err = cli("check", "--no-plugins", "--isolated", "--format", "json", *map(str, paths))
    clean(out, err)
    return code, {f["path"] for f in findings(out)}, err


def test_a_symlink_loop_between_directories_is_not_followed(cli, tmp_path, monkeypatch):
    write(tmp_path, "repo/charters/a.yaml", NO_PILOT)
    os.symlink("..", tmp_path / "repo/charters/up")
    os.symlink(tmp_path / "repo", tmp_path / "repo/charters/again")
    monkeypatch.chdir(tmp_path)
    code, paths, err = check(cli, "repo")
    assert paths == {"repo/charters/a.yaml"}
    assert code == 1 and err == ""


def test_symlink_loops_between_files_are_named_and_the_run_goes_on(cli, tmp_path, monkeypatch):
    write(tmp_path, "repo/good.yaml", NO_PILOT)
    os.symlink("b.yaml", tmp_path / "repo/a.yaml")
    os.symlink("a.yaml", tmp_path / "repo/b.yaml")
    os.symlink("self.yaml", tmp_path / "repo/self.yaml")
    monkeypatch.chdir(tmp_path)
    code, paths, err = check(cli, "repo", "repo/self.yaml")
    assert paths == {"repo/good.yaml"}
    assert code == 2
    for name in ("a", "b", "self"):
        assert f"repo/{name}.yaml: cannot read: Too many levels of symbolic links" in err


def test_an_unreadable_file_is_named_and_the_run_goes_on(cli, tmp_path, monkeypatch):
    write(tmp_path, "good.yaml", NO_PILOT)
    locked = write(tmp_path, "locked.yaml", NO_PILOT)
    real = pathlib.Path.open

    def open_(self: pathlib.Path, *args, **kwargs):  # as root, chmod 000 would not stop a read
        if self.name == "locked.yaml":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", open_)
    monkeypatch.chdir(tmp_path)
    code, paths, err = check(cli, ".", locked)
    assert paths == {"good.yaml"}
    assert code == 2
    assert "locked.yaml: cannot read: Permission denied" in err


def test_an_unreadable_directory_is_named_and_the_run_goes_on(cli, tmp_path, monkeypatch):
    write(tmp_path, "repo/good.yaml", NO_PILOT)
    write(tmp_path, "repo/secret/hidden.yaml", NO_PILOT)
    real = os.scandir

    def scandir(path="."):  # type: ignore[no-untyped-def]
        if os.fspath(path).endswith("secret"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.chdir(tmp_path)
    code, paths, err = check(cli, "repo")
    assert paths == {"repo/good.yaml"}
    assert code == 2
    assert "repo/secret: cannot read the directory: Permission denied" in err


def test_directories_named_like_yaml_files_are_walked_not_read(cli, tmp_path, monkeypatch):
    write(tmp_path, "charters.yaml/inside.yml", NO_PILOT)
    (tmp_path / "empty.yaml").mkdir()
    monkeypatch.chdir(tmp_path)
    code, paths, err = check(cli, ".", "charters.yaml", "empty.yaml")
    assert paths == {"charters.yaml/inside.yml"}
    assert code == 1 and "Traceback" not in err


def test_missing_paths_are_named_and_the_others_checked(cli, tmp_path, monkeypatch):
    write(tmp_path, "good.yaml", NO_PILOT)
    monkeypatch.chdir(tmp_path)
    code, paths, err = check(cli, "nowhere.yaml", "good.yaml", "no/such/dir")
    assert paths == {"good.yaml"}
    assert code == 2
    assert "nowhere.yaml: no such file or directory" in err
    assert "no/such/dir: no such file or directory" in err


def test_a_dangling_symlink_is_named(cli, tmp_path, monkeypatch):
    write(tmp_path, "good.yaml", NO_PILOT)
    os.symlink("gone.yaml", tmp_path / "dangling.yaml")
    monkeypatch.chdir(tmp_path)
    code, paths, err = check(cli, ".")
    assert paths == {"good.yaml"}
    assert code == 2 and "dangling.yaml: cannot read: No such file or directory" in err


def test_spaces_and_non_ascii_names_are_reported_as_given(cli, tmp_path, monkeypatch):
    write(tmp_path, "dossier partagé/charte été 2026.yaml", NO_PILOT)
    write(tmp_path, "ünïcödé/日本.yml", NO_PILOT)
    monkeypatch.chdir(tmp_path)
    code, paths, err = check(cli, ".")
    assert paths == {"dossier partagé/charte été 2026.yaml", "ünïcödé/日本.yml"}
    assert code == 1
    code, out, err = cli("check", "--no-plugins", "--isolated", "--color", "never", "-q", "dossier partagé/charte été 2026.yaml")
    assert "dossier partagé/charte été 2026.yaml:" in out
    clean(out, err)


# FIFOs and devices ---------------------------------------------------------------------


def run_cli(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PARTNERCHECK_NO_CACHE": "1", "PARTNERCHECK_DISABLE_PLUGIN_AUTOLOAD": "1"}
    return subprocess.run([sys.executable, "-m", "partnercheck", *argv], cwd=cwd, env=env, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX only")
def test_a_fifo_found_by_walking_is_skipped(here) -> None:
    os.mkfifo(here / "pipe.yaml")
    done = run_cli("check", "--isolated", "-j", "1", ".", cwd=here)
    assert (done.returncode, done.stderr) == (0, "")
    assert "All clear: 1 file checked" in done.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX only")
def test_a_fifo_or_device_named_explicitly_is_a_one_line_error(here) -> None:
    os.mkfifo(here / "pipe.yaml")
    done = run_cli("check", "--isolated", "-j", "1", "pipe.yaml", "c.yaml", cwd=here)
    assert done.returncode == 2
    assert error_lines(done.stderr) == ["partnercheck: error: pipe.yaml: not a regular file (a pipe, socket or device); give a charter file"]
    assert "All clear" not in done.stdout
    if Path("/dev/zero").exists():
        done = run_cli("check", "--isolated", "/dev/zero", cwd=here)
        assert done.returncode == 2
        assert error_lines(done.stderr) == ["partnercheck: error: /dev/zero: not a regular file (a pipe, socket or device); give a charter file"]
