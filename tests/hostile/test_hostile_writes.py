"""Nothing lost: an interrupted write leaves the previous file whole (issue 8, item 9)."""

from __future__ import annotations

import json
import os
import re

import pytest
from hostile_support import NO_PILOT, clean, write
from paths import ROOT

from partnercheck import atomic

PREVIOUS = '{"previous": "report, complete"}\n'


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()], ids=["disk-full", "interrupted"])
def test_a_write_interrupted_midway_leaves_the_previous_file_intact(tmp_path, monkeypatch, failure):
    target = write(tmp_path, "report.sarif", PREVIOUS)
    real_fsync = os.fsync

    def fsync(fd: int) -> None:  # the new bytes are half on their way when it fails
        real_fsync(fd)
        raise failure

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(type(failure)):
        atomic.write_text(target, '{"new": "report", ' * 10_000)
    assert target.read_text() == PREVIOUS
    assert leftovers(tmp_path) == []


def test_a_completed_write_replaces_the_file(tmp_path):
    target = write(tmp_path, "baseline.json", PREVIOUS)
    atomic.write_text(target, "new\n")
    assert target.read_text() == "new\n"
    assert leftovers(tmp_path) == []


def test_an_interrupted_report_through_the_cli_keeps_the_previous_report(cli, tmp_path, monkeypatch):
    report = write(tmp_path, "report.json", PREVIOUS)
    charter = write(tmp_path, "charter.yaml", NO_PILOT)

    def replace(src: str, dst: str) -> None:
        raise KeyboardInterrupt  # Ctrl-C between writing the new report and putting it in place

    monkeypatch.setattr(os, "replace", replace)
    code, out, err = cli("check", "--no-plugins", "--isolated", "--format", f"json:{report}", str(charter))
    clean(out, err)
    assert code == 2 and "interrupted" in err
    assert report.read_text() == PREVIOUS
    assert leftovers(tmp_path) == []
    monkeypatch.undo()
    code, out, err = cli("check", "--no-plugins", "--isolated", "--format", f"json:{report}", str(charter))
    assert code == 1
    assert "PIL01" in {f["code"] for f in json.loads(report.read_text())["findings"]}


_DIRECT_WRITE = re.compile(r"\.write_(text|bytes)\(|\bopen\([^)]*[\"'][wax]b?\+?[\"']|os\.(replace|rename)\(|shutil\.(copy|move)")


def test_every_write_in_the_package_goes_through_atomic():
    offenders = []
    for path in sorted((ROOT / "src" / "partnercheck").rglob("*.py")):
        if path.name == "atomic.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _DIRECT_WRITE.search(line) and "atomic" not in line:
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == [], "write files with partnercheck.atomic.write_text / write_bytes"
