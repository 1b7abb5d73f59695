"""Files written, output paths, failing reporters, empty runs and special files, through the CLI (audit findings)."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from paths import DATA, EXAMPLES

HEALTHY = EXAMPLES / "plateforme-aide-a-la-personne.yaml"
SARIF_SCHEMA = json.loads((DATA / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

BOOM_PLUGIN = """\
from partnercheck import hookimpl


@hookimpl
def register_reporters(register):
    def boom(run, options):
        raise RuntimeError("the boom reporter broke")

    register("boom", boom)
"""

DUPLICATE_FORMAT_PLUGIN = """\
from partnercheck import hookimpl


@hookimpl
def register_reporters(register):
    register("mini", lambda run, options: "mini")
    register("json", lambda run, options: "not json")
"""


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding a healthy charter `c.yaml`; no configuration file nor installed plugin interferes."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PARTNERCHECK_DISABLE_PLUGIN_AUTOLOAD", "1")
    monkeypatch.delenv("PARTNERCHECK_PLUGINS", raising=False)
    shutil.copy(HEALTHY, tmp_path / "c.yaml")
    return tmp_path


@pytest.fixture
def umask():
    """Set the process umask for one test; the previous one comes back afterwards."""
    before = os.umask(0o022)
    os.umask(before)

    def set_to(mask: int) -> None:
        os.umask(mask)

    yield set_to
    os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("partnercheck: error:")]


# 1. file modes ----------------------------------------------------------------------------


def write_all(cli) -> list[Path]:
    """Every kind of file the CLI writes: a --format file, a baseline, an HTML report, a starter charter."""
    assert cli("check", "--isolated", "c.yaml", "-f", "json:out.json", "-q")[0] == 0
    assert cli("baseline", "--isolated", "c.yaml", "-o", "base.json")[0] == 0
    assert cli("report", "--isolated", "c.yaml", "-o", "report.html")[0] == 0
    assert cli("init", "new.yaml", "--lang", "en")[0] == 0
    return [Path(name) for name in ("out.json", "base.json", "report.html", "new.yaml")]


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_new_files_get_the_usual_permissions_of_the_umask(cli, here, umask, mask: int, expected: int) -> None:
    umask(mask)
    assert {str(p): mode(p) for p in write_all(cli)} == dict.fromkeys(["out.json", "base.json", "report.html", "new.yaml"], expected)


def test_overwriting_keeps_the_existing_files_permissions(cli, here, umask) -> None:
    umask(0o022)
    for name in ("out.json", "base.json", "report.html", "new.yaml"):
        (here / name).write_text("old", encoding="utf-8")
        (here / name).chmod(0o640)
    assert cli("check", "--isolated", "c.yaml", "-f", "json:out.json", "-q")[0] == 0
    assert cli("baseline", "--isolated", "c.yaml", "-o", "base.json")[0] == 0
    assert cli("report", "--isolated", "c.yaml", "-o", "report.html")[0] == 0
    assert cli("init", "new.yaml", "--lang", "en", "--force")[0] == 0
    for name in ("out.json", "base.json", "report.html", "new.yaml"):
        assert (here / name).read_text(encoding="utf-8") != "old"
        assert mode(here / name) == 0o640, name


# 2. output paths --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("formats", "message"),
    [
        (["sarif:"], "--format sarif: no file name after the colon"),
        (["json:folder"], "--format json:folder: folder is a folder; give a file name"),
        (["json:o.json", "sarif:o.json"], "--format json and --format sarif both write o.json; give each its own file"),
        (["json:o.json", "sarif:./o.json"], "--format json and --format sarif both write ./o.json; give each its own file"),
        (["json:o.json", "json:o.json"], "--format json and --format json both write o.json"),
    ],
    ids=["empty-path", "a-folder", "same-path", "same-file-spelt-differently", "same-format-twice"],
)
def test_a_bad_output_path_is_a_usage_error_before_anything_is_written(cli, here, formats: list[str], message: str) -> None:
    (here / "folder").mkdir()
    args = [a for spec in formats for a in ("--format", spec)]
    code, out, err = cli("check", "--isolated", "c.yaml", *args)
    assert code == 2 and out == ""
    [line] = error_lines(err)
    assert line.startswith(f"partnercheck: error: {message}")
    assert not (here / "o.json").exists()


def test_a_format_file_that_cannot_be_written_is_named_and_the_others_are_still_written(cli, here) -> None:
    (here / "plain.txt").write_text("a file, not a folder", encoding="utf-8")
    code, out, err = cli("check", "--isolated", "c.yaml", "-f", "json:plain.txt/o.json", "-f", "sarif:s.sarif", "-f", "text")
    assert code == 2
    [line] = error_lines(err)
    assert line.startswith("partnercheck: error: cannot write plain.txt/o.json: ")
    assert "Traceback" not in err and "internal error" not in err
    assert json.loads((here / "s.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert "All clear: 1 file checked" in out


@pytest.mark.parametrize(
    "argv",
    [
        ("baseline", "--isolated", "c.yaml", "-o", "plain.txt/base.json"),
        ("report", "--isolated", "c.yaml", "-o", "plain.txt/report.html"),
        ("init", "plain.txt/new.yaml"),
    ],
    ids=["baseline", "report", "init"],
)
def test_a_file_that_cannot_be_written_is_a_one_line_error(cli, here, argv: tuple[str, ...]) -> None:
    (here / "plain.txt").write_text("a file, not a folder", encoding="utf-8")
    code, out, err = cli(*argv)
    assert code == 2 and out == ""
    assert [line.split(": ", 3)[:3] for line in err.splitlines()] == [["partnercheck", "error", "cannot write plain.txt/" + Path(argv[-1]).name]]


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc, where no file can be created")
def test_a_baseline_in_an_unwritable_place_is_a_one_line_error(cli, here) -> None:
    code, _, err = cli("baseline", "--isolated", "c.yaml", "-o", "/proc/x.json")
    assert code == 2
    assert error_lines(err) == [line for line in err.splitlines() if line]
    assert error_lines(err)[0].startswith("partnercheck: error: cannot write /proc/x.json: ")


# 3. failing reporters ---------------------------------------------------------------------


def test_a_reporter_that_raises_is_named_and_the_other_formats_are_still_produced(cli, here) -> None:
    (here / "boom.py").write_text(BOOM_PLUGIN, encoding="utf-8")
    plugin_args = ("--plugin", "boom.py", "--allow-local-plugins")
    code, out, err = cli("check", "--isolated", "c.yaml", *plugin_args, "-f", "boom:b.txt", "-f", "json", "-f", "sarif:s.sarif")
    assert code == 2
    assert error_lines(err) == ["partnercheck: error: format boom (plugin local:boom.py) failed: RuntimeError: the boom reporter broke"]
    assert json.loads(out)["findings"] == []
    assert (here / "s.sarif").exists() and not (here / "b.txt").exists()
    code, out, err = cli("check", "--isolated", "c.yaml", *plugin_args, "-f", "boom", "-f", "json:o.json")
    assert (code, out) == (2, "")
    assert "format boom (plugin local:boom.py) failed" in err and (here / "o.json").exists()


def test_an_unknown_format_is_refused_after_saying_why_a_plugin_was_skipped(cli, here) -> None:
    (here / "dup.py").write_text(DUPLICATE_FORMAT_PLUGIN, encoding="utf-8")
    code, out, err = cli("check", "--isolated", "c.yaml", "--plugin", "dup.py", "--allow-local-plugins", "--format", "mini")
    assert (code, out) == (2, "")
    lines = error_lines(err)
    assert len(lines) == 2
    assert "plugin 'local:dup.py' could not register: format 'json' is already registered" in lines[0]
    assert lines[1].startswith("partnercheck: error: unknown format 'mini'")


# 4. empty runs and --stdin-filename -------------------------------------------------------


def test_a_missing_path_gets_no_clean_summary(cli, here) -> None:
    code, out, err = cli("check", "--isolated", "nope.yaml")
    assert code == 2
    assert "All clear" not in out and "Not checked in full" in out
    assert error_lines(err) == ["partnercheck: error: nope.yaml: no such file or directory"]


@pytest.mark.parametrize("content", [{}, {"ci.yaml": "on: push\n", "notes.txt": "partnercheck: 1\n"}], ids=["empty", "no-charter"])
def test_a_folder_without_charters_warns_and_exits_zero(cli, here, content: dict[str, str]) -> None:
    folder = here / "empty"
    folder.mkdir()
    for name, text in content.items():
        (folder / name).write_text(text, encoding="utf-8")
    code, out, err = cli("check", "--isolated", "empty")
    assert code == 0
    assert "All clear" not in out and "No charter found" in out
    assert err.startswith("partnercheck: warning: no charter found under empty ")
    code, out, err = cli("check", "--isolated", "empty", "c.yaml")
    assert code == 0 and "All clear: 1 file checked" in out
    assert "no charter found under empty " in err


def test_a_folder_with_a_charter_gives_no_warning(cli, here) -> None:
    code, out, err = cli("check", "--isolated", ".")
    assert (code, err) == (0, "")
    assert "All clear: 1 file checked" in out


def test_stdin_filename_without_standard_input_is_a_usage_error(cli, here) -> None:
    code, out, err = cli("check", "--isolated", "c.yaml", "--stdin-filename", "x.yaml")
    assert (code, out) == (2, "")
    assert error_lines(err) == ["partnercheck: error: --stdin-filename names standard input, which is read only when - is among the paths"]


# 5. FIFOs and devices ---------------------------------------------------------------------


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


# 6. SARIF logical locations ---------------------------------------------------------------


def test_sarif_gives_every_result_a_logical_location_the_root_included(cli, here) -> None:
    (here / "bare.yaml").write_text("partnercheck: 1\n", encoding="utf-8")
    code, out, _ = cli("check", "--isolated", "bare.yaml", "-f", "sarif", "--exit-zero")
    assert code == 0
    log = json.loads(out)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    results = log["runs"][0]["results"]
    names = [r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] for r in results]
    assert len(names) == len(results) and "" in names and "/charter" in names
    json_findings = json.loads(cli("check", "--isolated", "bare.yaml", "-f", "json")[1])["findings"]
    assert names == [f["pointer"] for f in json_findings]
