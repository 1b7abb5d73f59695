"""File names and committed values cannot forge output either (issue 17, item 5).

A file named `x\\n::error file=README.md,line=1::FORGED\\n.yaml` or holding an
ESC sequence is shown with escapes in every format and on standard error;
JUnit stays well-formed XML; a committed baseline's paths are escaped in the
stale-entry message; a suppression comment's reason is escaped too.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from hostile_support import NO_PILOT, clean, write

FORMATS = ("text", "github", "junit", "json", "sarif", "gitlab", "markdown", "html")
NAMES = ["x\n::error file=README.md,line=1::FORGED\n.yaml", "esc\x1b[2J\x1b]0;title\x07.yaml", "bidi\u202eLMTH.yaml", "cr\rnul\x7f.yaml"]


def forged(text: str) -> bool:
    raw = ("\x1b", "\x07", "\x7f", "\u202e", "\r")
    return any(ch in text for ch in raw) or any(line.lstrip().startswith("::error file=README") for line in text.splitlines())


@pytest.mark.parametrize("name", NAMES, ids=["newline", "escape", "bidi", "cr-del"])
def test_a_hostile_file_name_is_escaped_in_every_format(cli, tmp_path, monkeypatch, name):
    write(tmp_path, name, NO_PILOT)
    monkeypatch.chdir(tmp_path)
    for fmt in FORMATS:
        code, out, err = cli("check", "--no-plugins", "--isolated", "--no-cache", "--color", "never", "--format", fmt, ".")
        clean(out, err)
        assert code == 1, (fmt, err)
        assert not forged(out + err), fmt
        if fmt == "junit":
            ET.fromstring(out.encode("utf-8"))
        if fmt == "json":
            assert all("\n" not in f["path"] for f in json.loads(out)["findings"])


def test_a_hostile_name_given_on_the_command_line_is_escaped_on_stderr(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("check", "--no-plugins", "--isolated", "--format", "junit", NAMES[0], NAMES[1])
    clean(out, err)
    assert code == 2
    assert not forged(out + err)
    assert "x\\n::error file=README.md" in err
    ET.fromstring(out.encode("utf-8"))


def test_stale_baseline_paths_are_escaped(cli, tmp_path, monkeypatch):
    write(tmp_path, "c.yaml", NO_PILOT)
    entry = {"path": "gone\n::error file=README.md,line=1::FORGED\x1b[2J", "code": "PIL01", "pointer": "", "count": 1, "message": ""}
    write(tmp_path, "baseline.json", json.dumps({"partnercheck-baseline": 1, "findings": [entry]}))
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("check", "--no-plugins", "--isolated", "--baseline", "baseline.json", "c.yaml")
    clean(out, err)
    assert "stale entr" in err
    assert not forged(out + err)


def test_a_suppression_reason_is_escaped(cli, tmp_path, monkeypatch):
    charter = NO_PILOT + "# partnercheck: disable-file=PIL01 -- why\u202eevil\u2066 ::error file=README.md\n"
    write(tmp_path, "c.yaml", charter)
    monkeypatch.chdir(tmp_path)
    for fmt in ("junit", "text", "markdown", "sarif"):
        code, out, err = cli("check", "--no-plugins", "--isolated", "--no-cache", "--format", fmt, "c.yaml")
        clean(out, err)
        assert code == 1 and (fmt == "text" or "PIL01" in out), fmt
        assert "\u202e" not in out and "\u2066" not in out, fmt
        if fmt == "junit":
            ET.fromstring(out.encode("utf-8"))
