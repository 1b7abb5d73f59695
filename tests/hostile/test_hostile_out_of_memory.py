"""A MemoryError anywhere ends the run with exit 2 and one clear line, never a success (issue 17, item 2).

On main a MemoryError raised while writing a cache entry was swallowed (the
run exited 0 or 1 as if all was well) and one in a rule became an ordinary
INT01. Now the run stops: `partnercheck: error: out of memory …`, exit 2,
no traceback, whether the memory ran out in this process or in a worker.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_support import NO_PILOT, clean, plugin, write

OUT_OF_MEMORY = "partnercheck: error: out of memory (MemoryError)"


def raise_memory(*args, **kwargs):  # type: ignore[no-untyped-def]
    raise MemoryError()


def check(cli, tmp_path: Path, *extra: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    paths = [str(write(tmp_path, f"c{n}.yaml", NO_PILOT)) for n in range(2)]
    return cli("check", "--no-plugins", "--isolated", "--format", "json", "--jobs", "1", *extra, *paths)


def test_a_memory_error_writing_a_cache_entry_is_not_swallowed(cli, tmp_path, monkeypatch):
    from partnercheck.run import cache

    monkeypatch.delenv("PARTNERCHECK_NO_CACHE", raising=False)
    monkeypatch.setattr(cache, "_encode", raise_memory)
    code, out, err = check(cli, tmp_path, "--cache-dir", str(tmp_path / "cache"))
    assert code == 2 and err.startswith(OUT_OF_MEMORY) and out == ""
    clean(out, err)


@pytest.mark.parametrize("where", ["references", "suppressions", "report"])
def test_a_memory_error_in_a_stage_or_a_report_stops_the_run(cli, tmp_path, monkeypatch, where):
    from partnercheck.report import formats
    from partnercheck.run import engine, suppressions

    holder, name = {"references": (engine, "check_references"), "suppressions": (suppressions, "apply"), "report": (formats.BUILTIN, "json")}[where]
    if isinstance(holder, dict):
        monkeypatch.setitem(holder, name, raise_memory)
    else:
        monkeypatch.setattr(holder, name, raise_memory)
    code, out, err = check(cli, tmp_path, "--no-cache")
    assert code == 2 and err.startswith(OUT_OF_MEMORY), err
    assert "INT01" not in out
    clean(out, err)


CHILD = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (BYTES, BYTES))
from partnercheck.cli import run
sys.exit(run(sys.argv[1:]))
"""


@pytest.mark.parametrize("budgets", [[], ["--rule-timeout", "0", "--file-timeout", "0"]], ids=["in-a-worker", "in-this-process"])
def test_a_rule_that_runs_out_of_memory_under_a_real_limit_exits_2(tmp_path, budgets):
    rule = plugin(tmp_path, "hoard = bytearray(3 * 1024 ** 3)\nreturn []")
    charter = write(tmp_path, "c.yaml", NO_PILOT)
    limit = 3 * 1024 ** 3 // 2  # 1.5 GiB of address space: the interpreter fits, the 3 GiB the rule asks for does not
    argv = ["check", "--no-plugins", "--isolated", "--no-cache", "--format", "json", "--plugin", str(rule), "--allow-local-plugins", *budgets, str(charter)]
    env = {**os.environ, "PARTNERCHECK_NO_CACHE": "1"}
    done = subprocess.run([sys.executable, "-c", CHILD.replace("BYTES", str(limit)), *argv], capture_output=True, text=True, timeout=120, cwd=tmp_path, env=env)
    assert done.returncode == 2, done.stderr
    assert OUT_OF_MEMORY in done.stderr and "Traceback" not in done.stderr + done.stdout
