"""Files the CLI writes (--format files, baselines, reports, starters): their permissions, and output paths it refuses or cannot write."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from cli_support import error_lines


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


@pytest.mark.parametrize("name", ["report.docx", "report", "report.html.txt"])
def test_a_report_named_neither_html_nor_pdf_is_a_usage_error_and_nothing_is_written(cli, here, name: str) -> None:
    code, out, err = cli("report", "--isolated", "c.yaml", "-o", name)
    assert (code, out) == (2, "")
    [line] = error_lines(err)
    assert line.startswith(f"partnercheck: error: -o {name}: a report is written as HTML or PDF")
    assert not (here / name).exists()


@pytest.mark.parametrize("name", ["Report.HTML", "r.htm"])
def test_a_report_named_html_in_any_case_is_written(cli, here, name: str) -> None:
    assert cli("report", "--isolated", "c.yaml", "-o", name)[0] == 0
    assert (here / name).read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


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


