"""`--format` end to end: several outputs in one run, standard input, stable paths."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from cli_support import error_lines
from formats_support import CHARTER, FORMATS, place_broken

from partnercheck.report.formats import BUILTIN

STDIN_NAME = "charters/x.yaml"


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    place_broken(tmp_path)
    return tmp_path


def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def paths_in(name: str, text: str) -> set[str]:
    """The file paths a rendering names, read the way its consumer reads them."""
    if name == "json":
        return {f["path"] for f in json.loads(text)["findings"]}
    if name == "sarif":
        return {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in json.loads(text)["runs"][0]["results"]}
    if name == "gitlab":
        return {i["location"]["path"] for i in json.loads(text)}
    if name == "junit":
        return {c.get("name") for c in ET.fromstring(text).findall("testsuite/testcase")}
    if name == "github":
        return {line.split("file=", 1)[1].split(",", 1)[0] for line in text.splitlines() if line.startswith("::")}
    if name == "markdown":
        return {line[6:-1] for line in text.splitlines() if line.startswith("#### `")}
    return {m[1] for m in re.finditer(r"^(\S+?):\d+:\d+: ", text, re.MULTILINE)}


def test_every_builtin_format_is_registered() -> None:
    assert set(FORMATS) <= set(BUILTIN)


def test_text_on_stdout_and_sarif_and_junit_to_files_in_one_run(cli, workdir: Path) -> None:
    code, out, err = cli("check", CHARTER, "--today", "2026-01-01", "--color", "never", "--format", "text", "--format", "sarif:out.sarif", "--format", "junit:reports/junit.xml")
    assert code == 1, err
    assert f"{CHARTER}:" in out and "PIL01" in out
    sarif = json.loads((workdir / "out.sarif").read_text(encoding="utf-8"))
    assert any(r["ruleId"] == "PIL01" for r in sarif["runs"][0]["results"])
    junit = ET.parse(workdir / "reports" / "junit.xml").getroot()
    assert "PIL01" in junit.find(f"testsuite/testcase[@name='{CHARTER}']/failure").get("type")
    assert not list(workdir.glob("**/*.tmp"))


def test_only_files_when_every_format_has_a_path(cli, workdir: Path) -> None:
    code, out, _ = cli("check", CHARTER, "--today", "2026-01-01", "-f", "gitlab:gl.json", "-f", "markdown:comment.md")
    assert code == 1 and out == ""
    assert json.loads((workdir / "gl.json").read_text(encoding="utf-8"))
    assert (workdir / "comment.md").read_text(encoding="utf-8").startswith("## partnercheck: ")


def test_two_formats_on_stdout_is_a_usage_error(cli, workdir: Path) -> None:
    code, out, err = cli("check", CHARTER, "-f", "text", "-f", "concise")
    assert code == 2 and out == ""
    assert "only one format can go to standard output" in err


@pytest.mark.parametrize("name", FORMATS)
def test_stdin_with_a_filename_in_every_format(cli, workdir: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    feed_stdin(monkeypatch, (workdir / CHARTER).read_bytes())
    code, out, err = cli("check", "-", "--stdin-filename", STDIN_NAME, "--today", "2026-01-01", "--color", "never", "--format", name)
    assert code == 1, err
    assert STDIN_NAME in out and "<stdin>" not in out
    assert paths_in(name, out) == {STDIN_NAME}


@pytest.mark.parametrize("name", FORMATS)
def test_paths_are_relative_to_the_working_directory_in_every_format(cli, workdir: Path, name: str) -> None:
    code, out, err = cli("check", str(workdir / "charters"), "--today", "2026-01-01", "--color", "never", "--format", name)
    assert code == 1, err
    if name == "sarif":  # the one absolute path: the base the relative URIs resolve against
        log = json.loads(out)
        assert log["runs"][0].pop("originalUriBaseIds") == {"%SRCROOT%": {"uri": workdir.as_uri() + "/"}}
        out = json.dumps(log)
    assert str(workdir) not in out
    assert paths_in(name, out) == {CHARTER}


def test_an_absolute_stdin_filename_is_shown_relative(cli, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    feed_stdin(monkeypatch, (workdir / CHARTER).read_bytes())
    code, out, _ = cli("check", "-", "--stdin-filename", str(workdir / "charters" / "x.yaml"), "--today", "2026-01-01", "-f", "concise")
    assert code == 1
    assert all(line.startswith(f"{STDIN_NAME}:") for line in out.splitlines())


def test_charters_only_skips_named_files_that_are_not_charters(cli, workdir: Path) -> None:
    (workdir / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    code, out, _ = cli("check", ".pre-commit-config.yaml", "-f", "concise")
    assert code == 1 and "DOC03" in out
    code, out, _ = cli("check", ".pre-commit-config.yaml", "--charters-only", "-f", "concise")
    assert code == 0 and out == ""
    code, out, _ = cli("check", ".pre-commit-config.yaml", CHARTER, "--charters-only", "--today", "2026-01-01", "-f", "concise")
    assert code == 1 and "PIL01" in out and "DOC03" not in out


# a reporter that fails, a format that does not exist --------------------------------------


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
