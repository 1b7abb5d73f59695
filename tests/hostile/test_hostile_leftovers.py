"""Smaller robustness items (issue 17, item 12): leftovers, signals, ranges, outputs that are inputs.

- a temporary file a killed run left beside a report is removed by the next
  run that writes it; SIGTERM removes the one being written;
- `--rule-timeout` accepts 0 to a day, not 1e300;
- an output that is also a file the run checks is refused before anything is
  written.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from hostile_support import NO_PILOT, clean, write


def test_a_killed_run_s_temporary_file_is_removed_by_the_next_run(cli, tmp_path, monkeypatch):
    write(tmp_path, "c.yaml", NO_PILOT)
    old = write(tmp_path, ".out.json.k9x2b7qa.tmp", "{half")
    os.utime(old, (time.time() - 600, time.time() - 600))
    young = write(tmp_path, ".out.json.p3m8z1c4.tmp", "{another run, still writing")
    other = write(tmp_path, ".other.json.k9x2b7qa.tmp", "{not beside this output")
    os.utime(other, (time.time() - 600, time.time() - 600))
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("check", "--no-plugins", "--isolated", "--format", "json:out.json", "c.yaml")
    assert code == 1, err
    assert (tmp_path / "out.json").is_file()
    assert not old.exists() and young.exists() and other.exists()


SLOW_WRITER = """
import os, sys, time
import partnercheck.atomic as atomic
real = os.replace
def slow(src, dst):
    if str(dst).endswith("out.json"):  # only the report: a first run also writes the rule-pack cache
        print("WRITING", flush=True)
        time.sleep(30)
    real(src, dst)
atomic.os.replace = slow
from partnercheck.cli import main
main(sys.argv[1:])
"""


def test_sigterm_while_writing_leaves_no_temporary_file(tmp_path):
    write(tmp_path, "c.yaml", NO_PILOT)
    child = subprocess.Popen([sys.executable, "-c", SLOW_WRITER, "check", "--no-plugins", "--isolated", "--format", "json:out.json", "c.yaml"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "WRITING"
    assert [p.name for p in tmp_path.glob(".out.json.*.tmp")]
    child.send_signal(signal.SIGTERM)
    out, err = child.communicate(timeout=20)
    assert child.returncode == 2
    assert "interrupted" in err and "Traceback" not in err
    assert list(tmp_path.glob(".out.json.*.tmp")) == []
    assert not (tmp_path / "out.json").exists()


@pytest.mark.parametrize("value", ["1e300", "inf", "nan", "-1", "86401"])
def test_an_out_of_range_rule_timeout_is_a_usage_error(cli, tmp_path, value):
    path = write(tmp_path, "c.yaml", NO_PILOT)
    code, out, err = cli("check", "--no-plugins", "--isolated", "--rule-timeout", value, str(path))
    clean(out, err)
    assert code == 2 and "--rule-timeout" in err and "86,400" in err


def test_a_day_is_the_longest_rule_timeout(cli, tmp_path):
    path = write(tmp_path, "c.yaml", NO_PILOT)
    code, out, err = cli("check", "--no-plugins", "--isolated", "--rule-timeout", "86400", str(path))
    assert code == 1 and "INT0" not in out, err


@pytest.mark.parametrize("argv", [
    ["--format", "json:c.yaml", "c.yaml"],
    ["--format", "sarif:./sub/../c.yaml", "c.yaml"],
    ["--format", "json:c.yaml", "."],
    ["--format", "text", "--format", "json:link.yaml", "c.yaml"],
])
def test_an_output_that_is_a_checked_file_is_refused(cli, tmp_path, monkeypatch, argv):
    path = write(tmp_path, "c.yaml", NO_PILOT)
    (tmp_path / "sub").mkdir()
    os.symlink("c.yaml", tmp_path / "link.yaml")
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("check", "--no-plugins", "--isolated", *argv)
    clean(out, err)
    assert code == 2 and "would overwrite" in err
    assert path.read_text(encoding="utf-8") == NO_PILOT


def test_the_html_report_cannot_overwrite_its_charter(cli, tmp_path, monkeypatch):
    path = write(tmp_path, "c.yaml", NO_PILOT)
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("report", "--no-plugins", "--isolated", "c.yaml", "-o", "c.yaml")
    clean(out, err)
    assert code == 2 and "would overwrite" in err
    assert path.read_text(encoding="utf-8") == NO_PILOT
