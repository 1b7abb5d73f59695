"""Every input is read with a ceiling (issue 17, items 7 and 12).

A 1 GiB sparse charter, `/dev/zero` as a baseline, a rule pack or standard
input, a baseline entry counting ten billion findings: each ends in a finding
or a one-line usage error, with memory far below the input's size. Each run
is a child process with its address space capped, so a regression fails fast
instead of filling the machine; its peak memory is checked too.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hostile_support import NO_PILOT, write

GIB = 1024 * 1024 * 1024
PEAK_BOUND_KB = 400 * 1024

CHILD = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (3 * 1024 ** 3, 3 * 1024 ** 3))
from partnercheck.cli import run
code = run(sys.argv[1:])
print(f"PEAK={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)
sys.exit(code)
"""


def child(*argv: str, cwd, stdin=None) -> tuple[int, str, str, int]:
    done = subprocess.run([sys.executable, "-c", CHILD, *argv], cwd=cwd, stdin=stdin, capture_output=True, text=True, timeout=120)
    peak = [int(line[5:]) for line in done.stderr.splitlines() if line.startswith("PEAK=")]
    err = "\n".join(line for line in done.stderr.splitlines() if not line.startswith("PEAK="))
    return done.returncode, done.stdout, err, peak[0] if peak else 10**9


def sparse(path, size=GIB, head=b"partnercheck: 1\n"):
    with open(path, "wb") as handle:
        handle.write(head)
        handle.truncate(size)
    return path


def refused_as_too_large(tmp_path, path: str, stdin=None) -> None:
    """Checking `path` gives DOC07 alone, with memory far below the input's size."""
    code, out, err, peak = child("check", "--no-plugins", "--isolated", "--no-cache", "--format", "json", path, cwd=tmp_path, stdin=stdin)
    assert code == 1, err
    assert [f["code"] for f in json.loads(out)["findings"]] == ["DOC07"]
    assert peak < PEAK_BOUND_KB


def test_a_sparse_gigabyte_charter_is_refused_without_reading_it(tmp_path):
    sparse(tmp_path / "huge.yaml")
    refused_as_too_large(tmp_path, "huge.yaml")


def test_a_sparse_gigabyte_file_found_by_a_walk_is_not_read_whole(tmp_path):
    sparse(tmp_path / "big.yaml", head=b"not: a charter\n")
    write(tmp_path, "c.yaml", NO_PILOT)
    code, out, err, peak = child("check", "--no-plugins", "--isolated", "--no-cache", "--format", "json", ".", cwd=tmp_path)
    assert code == 1, err
    assert {f["path"] for f in json.loads(out)["findings"]} == {"c.yaml"}
    assert peak < PEAK_BOUND_KB


@pytest.mark.parametrize("flag", ["--baseline", "--rules"])
def test_dev_zero_as_a_baseline_or_a_pack_is_a_one_line_error(tmp_path, flag):
    write(tmp_path, "c.yaml", NO_PILOT)
    code, out, err, peak = child("check", "--no-plugins", "--isolated", "--no-cache", flag, "/dev/zero", "c.yaml", cwd=tmp_path)
    assert code == 2
    assert "MemoryError" not in err and "internal error" not in err and "Traceback" not in err
    assert len(err.splitlines()) == 1 and "/dev/zero" in err
    assert peak < PEAK_BOUND_KB


def test_dev_zero_on_standard_input_is_refused_as_too_large(tmp_path):
    with open("/dev/zero", "rb") as zero:
        refused_as_too_large(tmp_path, "-", stdin=zero)


def test_a_configuration_file_too_large_is_refused(tmp_path):
    sparse(tmp_path / ".partnercheck.yaml", head=b"ignore: [PIL01]\n")
    write(tmp_path, "c.yaml", NO_PILOT)
    code, out, err, peak = child("check", "--no-plugins", "--no-cache", "c.yaml", cwd=tmp_path)
    assert code == 2 and "larger than" in err and "internal error" not in err
    assert peak < PEAK_BOUND_KB


def baseline(tmp_path, text: str):
    write(tmp_path, "c.yaml", NO_PILOT)
    write(tmp_path, "b.json", text)
    return child("check", "--no-plugins", "--isolated", "--no-cache", "--baseline", "b.json", "c.yaml", cwd=tmp_path)


def entry(**changes) -> dict:
    return {"path": "c.yaml", "code": "PIL01", "pointer": "", "count": 1, "message": "", **changes}


def test_a_huge_baseline_count_is_a_usage_error(tmp_path):
    code, out, err, peak = baseline(tmp_path, json.dumps({"partnercheck-baseline": 1, "findings": [entry(count=10_000_000_000)]}))
    assert code == 2 and "count" in err and "internal error" not in err
    assert peak < PEAK_BOUND_KB


def test_many_stale_entries_are_counted_not_listed(tmp_path):
    entries = [entry(pointer=f"/x/{i}", count=10_000) for i in range(2000)]
    code, out, err, peak = baseline(tmp_path, json.dumps({"partnercheck-baseline": 1, "findings": entries}))
    assert code == 1 and "20,000,000 stale entries" in err.replace("20000000", "20,000,000")
    assert peak < PEAK_BOUND_KB


@pytest.mark.parametrize("text", [
    "[" * 100_000 + "]" * 100_000,
    '{"partnercheck-baseline": 1, "findings": [{"path": "c.yaml", "code": "PIL01", "pointer": "", "count": ' + "9" * 5000 + "}]}",
    '{"partnercheck-baseline": 1, "findings": [{"path": "c\\ud800.yaml", "code": "PIL01", "pointer": ""}]}',
], ids=["deep", "digits", "surrogate"])
def test_a_malformed_baseline_is_a_usage_error(tmp_path, text):
    code, out, err, peak = baseline(tmp_path, text)
    assert code == 2, err
    assert "not a partnercheck baseline" in err and "internal error" not in err


def test_a_bounded_read_gives_the_whole_file_within_the_limit_and_one_byte_more_past_it(tmp_path, monkeypatch):
    """A regular file is read in one call sized by its length (no buffer of the limit's size); a file that grows
    between that length and the read is still read up to the limit plus one byte."""
    import os

    from partnercheck import bounded

    path = tmp_path / "c.yaml"
    path.write_bytes(b"x" * 1000)
    assert bounded.read_path(path, 10_000) == b"x" * 1000
    assert bounded.read_path(path, 1000) == b"x" * 1000
    assert bounded.read_path(path, 999) == b"x" * 1000
    assert bounded.read_path(path, 10) == b"x" * 11
    stat = os.fstat

    def grown_after(fd: int) -> os.stat_result:  # the length as it was before the file grew
        status = stat(fd)
        return os.stat_result((*status[:6], 100, *status[7:])) if status.st_size == 1000 else status

    monkeypatch.setattr(bounded.os, "fstat", grown_after)
    assert bounded.read_path(path, 10_000) == b"x" * 1000
    assert bounded.read_path(path, 500) == b"x" * 501
