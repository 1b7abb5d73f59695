"""Budgets nothing can defeat, and a circuit breaker (issue 17 item 4, issue 18 item 4).

A plugin's rule that swallows the interruption (a loop around a bare
`except:`) or never returns to Python is killed in its worker process at
twice its budget; a rule stopped once runs on no other file of the run, and
its one INT02 names the files it did not check; a file whose whole check
runs past `--file-timeout` gets INT03 and the run goes on. Real processes,
small budgets; the times asserted leave a wide margin for a loaded machine
but fail when the budget is paid once per file, or never enforced.

The rule budget of the tests that wait for a kill is half a second (`BUDGET`): each
kill waits for twice its budget, and a rule that holds the interpreter burns a
processor all that time. The margins stay as they were, for a loaded machine.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hostile_support import NO_PILOT, clean, codes, findings, plugin, write

from partnercheck.rules.budget import FileTimeout, RuleTimeout, time_budget
from partnercheck.run import supervise

SWALLOWING_SLEEP = """\
import time
while True:
    try:
        time.sleep(0.05)
    except:
        pass
"""
SWALLOWING_LOOP = """\
while True:
    try:
        while True:
            try:
                sum(range(1000))
            except:
                pass
    except:
        pass
"""
HOLDING_THE_INTERPRETER = "import itertools\nreturn [sum(itertools.count())]"  # one C call that never checks for signals
SLOW = "import time\ntime.sleep(5)\nreturn []"
#: The rule budget of the tests that wait for a kill: twice it is spent per kill, burning a processor for a rule in a C call.
#: Not less: it also covers a forked worker's start and the core rules before the hostile one, on a loaded machine.
BUDGET = 0.5


def charters(folder: Path, count: int) -> list[Path]:
    return [write(folder, f"c{n}.yaml", NO_PILOT.replace("id: x", f"id: x{n}")) for n in range(count)]


def run(cli, tmp_path: Path, body: str, files: int, *extra: str) -> tuple[int, list[dict], float]:
    path = plugin(tmp_path, body)
    paths = [str(p) for p in charters(tmp_path, files)]
    started = time.monotonic()
    code, out, err = cli("check", "--no-plugins", "--isolated", "--no-cache", "--format", "json", "--plugin", str(path), "--allow-local-plugins", *extra, *paths)
    elapsed = time.monotonic() - started
    clean(out, err)
    return code, findings(out), elapsed


def by_file(found: list[dict]) -> dict[str, set[str]]:
    files: dict[str, set[str]] = {}
    for f in found:
        files.setdefault(Path(f["path"]).name, set()).add(f["code"])
    return files


@pytest.mark.parametrize("body", [SWALLOWING_SLEEP, SWALLOWING_LOOP, HOLDING_THE_INTERPRETER], ids=["bare-except-sleep", "nested-bare-except", "c-call"])
def test_a_rule_that_will_not_stop_is_killed_within_twice_its_budget(cli, tmp_path, body):
    *_, base = run(cli, tmp_path, "return []", 1, "--rule-timeout", str(BUDGET))  # warm: imports and pack cache
    *_, base = run(cli, tmp_path, "return []", 1, "--rule-timeout", str(BUDGET))
    code, found, elapsed = run(cli, tmp_path, body, 1, "--rule-timeout", str(BUDGET))
    assert code == 2
    [stopped] = [f for f in found if f["code"] == "INT02"]
    assert "HOS01 (hostile-rule)" in stopped["message"] and f"time budget of {BUDGET:g} s" in stopped["message"]
    assert "PIL01" in {f["code"] for f in found}  # the file's other findings are kept: it was checked again without the rule
    assert elapsed - base < 2 * BUDGET + 0.5, (elapsed, base)


def test_the_circuit_breaker_pays_a_slow_rule_once_and_names_the_files_it_skipped(cli, tmp_path):
    *_, base = run(cli, tmp_path, "return []", 4, "--rule-timeout", "1")  # warm: imports and pack cache
    *_, base = run(cli, tmp_path, "return []", 4, "--rule-timeout", "1")
    code, found, elapsed = run(cli, tmp_path, SLOW, 4, "--rule-timeout", "1")
    assert code == 2
    [stopped] = [f for f in found if f["code"] == "INT02"]
    others = sorted({"c0.yaml", "c1.yaml", "c2.yaml", "c3.yaml"} - {Path(stopped["path"]).name})
    assert "turned off for the rest of the run and did not check 3 other file(s)" in stopped["message"]
    assert all(name in stopped["message"] for name in others)
    assert all("PIL01" in file_codes for file_codes in by_file(found).values())
    assert len(by_file(found)) == 4
    assert elapsed - base < 3 * 1, (elapsed, base)  # 4 files x 1 s: the budget paid per file; once is 1 s (2 at worst, killed)


def test_the_circuit_breaker_holds_across_kills(cli, tmp_path):
    *_, base = run(cli, tmp_path, "return []", 4, "--rule-timeout", str(BUDGET), "--jobs", "1")
    *_, base = run(cli, tmp_path, "return []", 4, "--rule-timeout", str(BUDGET), "--jobs", "1")
    code, found, elapsed = run(cli, tmp_path, SWALLOWING_SLEEP, 4, "--rule-timeout", str(BUDGET), "--jobs", "1")
    assert code == 2
    [stopped] = [f for f in found if f["code"] == "INT02"]
    assert "did not check 3 other file(s)" in stopped["message"]
    assert all("PIL01" in file_codes for file_codes in by_file(found).values())
    assert elapsed - base < 2 * BUDGET + 1, (elapsed, base)  # killed once at twice the budget, not once per file (4 times)


def test_a_rule_that_ends_its_worker_is_int01_for_that_file(cli, tmp_path):
    code, found, _ = run(cli, tmp_path, "import os\nos._exit(3)", 2)
    assert code == 2
    crashed = [f for f in found if f["code"] == "INT01"]
    assert crashed and "worker process" in crashed[0]["message"] and "exit code 3" in crashed[0]["message"]


def test_a_run_of_partnercheck_rules_only_starts_no_process(cli, tmp_path, monkeypatch):
    def refuse(n: int):  # type: ignore[no-untyped-def]
        raise AssertionError("a worker process was started")

    monkeypatch.setattr(supervise, "_start", refuse)
    paths = [str(p) for p in charters(tmp_path, 2)]
    code, out, err = cli("check", "--no-plugins", "--isolated", "--no-cache", "--format", "json", "--jobs", "1", *paths)
    assert code == 1 and "PIL01" in codes(out)


def test_a_plugin_rule_under_a_budget_runs_in_a_worker_and_not_without_one(cli, tmp_path, monkeypatch):
    started: list[int] = []
    original = supervise._start

    def counting(n: int):  # type: ignore[no-untyped-def]
        started.append(n)
        return original(n)

    monkeypatch.setattr(supervise, "_start", counting)
    run(cli, tmp_path, "return []", 2, "--jobs", "1")
    assert started == [0]
    started.clear()
    run(cli, tmp_path, "return []", 2, "--jobs", "1", "--rule-timeout", "0", "--file-timeout", "0")
    assert started == []


# the file's budget ---------------------------------------------------------------------------
def slow_references(monkeypatch, seconds: float, name: str = "c1.yaml"):  # type: ignore[no-untyped-def]
    from partnercheck.run import engine

    original = engine.check_references

    def slow(data, index, *rest):  # type: ignore[no-untyped-def]
        if data.get("charter", {}).get("id") == "x1":
            time.sleep(seconds)
        return original(data, index, *rest)

    monkeypatch.setattr(engine, "check_references", slow)


def test_a_file_past_its_budget_gets_int03_and_the_run_goes_on(cli, tmp_path, monkeypatch):
    slow_references(monkeypatch, 30)
    paths = [str(p) for p in charters(tmp_path, 3)]
    started = time.monotonic()
    code, out, err = cli("check", "--no-plugins", "--isolated", "--no-cache", "--format", "json", "--jobs", "1", "--file-timeout", "0.5", *paths)
    assert time.monotonic() - started < 15  # the stage sleeps 30 s: stopped at 0.5 s, whatever the load
    clean(out, err)
    assert code == 2
    files = by_file(findings(out))
    assert files["c1.yaml"] == {"INT03"}
    assert "PIL01" in files["c0.yaml"] and "PIL01" in files["c2.yaml"]
    [stopped] = [f for f in findings(out) if f["code"] == "INT03"]
    assert "longer than its budget of 0.5 s" in stopped["message"]


def test_the_file_budget_comes_from_the_configuration(cli, tmp_path, monkeypatch):
    slow_references(monkeypatch, 30)
    write(tmp_path, ".partnercheck.yaml", "file-timeout: 0.5\n")
    charters(tmp_path, 2)
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("check", "--no-plugins", "--no-cache", "--format", "json", "--jobs", "1", "c0.yaml", "c1.yaml")
    assert code == 2 and by_file(findings(out))["c1.yaml"] == {"INT03"}


@pytest.mark.parametrize("value", ["-1", "1e300", "soon"])
def test_a_bad_file_timeout_is_a_usage_error(cli, tmp_path, value):
    code, out, err = cli("check", "--file-timeout", value, str(write(tmp_path, "c.yaml", NO_PILOT)))
    assert code == 2 and "invalid number of seconds" in err


# the budgets themselves ----------------------------------------------------------------------
def test_a_swallowed_budget_is_raised_again_and_marked():
    attempts = 0
    with pytest.raises(RuleTimeout):
        with time_budget(0.05) as deadline:
            while True:
                try:
                    time.sleep(0.01)
                except RuleTimeout:
                    attempts += 1
                    if attempts == 3:
                        raise
    assert deadline is not None and deadline.fired and deadline.swallowed


def test_the_file_budget_wins_over_a_rule_budget_inside_it():
    with pytest.raises(FileTimeout):
        with time_budget(0.05, FileTimeout):
            with time_budget(10):
                while True:
                    pass
    with time_budget(5):  # nothing left armed
        time.sleep(0.1)


def test_a_rule_budget_ends_inside_a_file_budget_that_goes_on():
    with time_budget(5, FileTimeout) as outer:
        with pytest.raises(RuleTimeout):
            with time_budget(0.05):
                while True:
                    pass
        time.sleep(0.1)
    assert outer is not None and not outer.fired


def test_json_of_the_budgets_is_unchanged_for_a_clean_run(cli, tmp_path):
    code, out, _ = cli("check", "--no-plugins", "--isolated", "--no-cache", "--format", "json", str(write(tmp_path, "c.yaml", NO_PILOT)))
    assert code == 1 and not {"INT01", "INT02", "INT03"} & codes(out)
    assert json.loads(out)["summary"]["files"] == 1


def test_a_new_worker_does_not_inherit_the_rule_its_killed_predecessor_was_running():
    """Else the parent would kill the new worker at once, and count the rule's INT02 twice."""
    from partnercheck.run.breaker import Breaker

    breaker = Breaker()
    breaker.share(["HOS01", "PIL01"], 2)
    breaker.in_worker(1)
    breaker.running("HOS01")
    assert breaker.running_in(1)[0] == "HOS01" and breaker.running_in(0)[0] is None
    breaker.clear_slot(1)
    assert breaker.running_in(1)[0] is None


def _hangs_or_dies(i: int) -> int:
    """A worker's work in the test below: item 1 never stops (and swallows any interruption), item 4 ends its process."""
    import os

    if i == 1:
        while True:
            try:
                time.sleep(0.05)
            except BaseException:  # noqa: BLE001 - the point: only a kill stops it
                pass
    if i == 4:
        os._exit(3)
    return i * 10


def test_the_files_handed_ahead_to_a_killed_worker_are_still_checked():
    """A worker holds files ahead (supervise._AHEAD): killed past one file's budget (INT03) or dead, the others still get their result."""
    from partnercheck.run.breaker import Breaker

    todo = list(range(2 * supervise._AHEAD + 4))
    results, killed = supervise.supervised(todo, _hangs_or_dies, 1, Breaker(), lambda i: supervise.Job(f"c{i}.yaml", None, 0.2), [])
    assert results[1] == supervise.NoResult(seconds=0.2)
    assert isinstance(results[4], supervise.NoResult) and "exit code 3" in (results[4].crash or "")
    assert {i: v for i, v in results.items() if i not in (1, 4)} == {i: i * 10 for i in todo if i not in (1, 4)}
    assert killed == {}

# rules outside the file workers: repository and change scopes --------------------------------
CHANGE_LOG = "evolution:\n  change_log:\n    - {date: 2025-06-01, change: Un partenaire rejoint la plateforme.}\n"


def run_subprocess(tmp_path: Path, body: str, scope: str, *extra: str) -> tuple[int, list[dict], str, float]:
    """partnercheck in a process of its own (as CI runs it) on three charters, with HOS01 in `scope`."""
    import os
    import subprocess
    import sys

    path = plugin(tmp_path, body, scope=scope)
    paths = [str(write(tmp_path, f"c{n}.yaml", NO_PILOT.replace("id: x", f"id: x{n}") + CHANGE_LOG)) for n in range(3)]
    env = {**os.environ, "PARTNERCHECK_DISABLE_PLUGIN_AUTOLOAD": "1", "PARTNERCHECK_NO_CACHE": "1"}
    argv = [sys.executable, "-m", "partnercheck", "check", "--no-plugins", "--isolated", "--format", "json", "--plugin", str(path), "--allow-local-plugins", *extra, *paths]
    started = time.monotonic()
    done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path)
    elapsed = time.monotonic() - started
    clean(done.stdout, done.stderr)
    return done.returncode, findings(done.stdout), done.stderr, elapsed


@pytest.mark.slow
@pytest.mark.parametrize("scope", ["repository", "change"])
@pytest.mark.parametrize("body", [SWALLOWING_LOOP, HOLDING_THE_INTERPRETER], ids=["nested-bare-except", "c-call"])
def test_a_rule_outside_the_file_workers_that_will_not_stop_is_killed_and_the_run_goes_on(tmp_path, scope, body):
    *_, base = run_subprocess(tmp_path, "return []", scope, "--rule-timeout", str(BUDGET))
    code, found, err, elapsed = run_subprocess(tmp_path, body, scope, "--rule-timeout", str(BUDGET))
    assert code == 2, err
    stopped = [f for f in found if f["code"] == "INT02"]
    assert stopped and all("HOS01 (hostile-rule)" in f["message"] and f"time budget of {BUDGET:g} s" in f["message"] for f in stopped)
    assert len(stopped) == (1 if scope == "repository" else 3)  # a repository rule runs once; a change rule once per charter
    assert {Path(f["path"]).name for f in found if f["code"] == "PIL01"} == {"c0.yaml", "c1.yaml", "c2.yaml"}  # the other findings are printed
    runs = 1 if scope == "repository" else 3
    assert elapsed - base < runs * 2 * BUDGET + 1.5, (elapsed, base)  # each run stopped within twice its budget


def test_a_repository_rule_that_returns_still_reports_from_its_worker(tmp_path):
    body = "for charter in ctx:\n    yield BareFinding('', {'what': charter.data['charter']['id']}, path=charter.path)"
    code, found, err, _ = run_subprocess(tmp_path, body, "repository", "--rule-timeout", "5")
    assert code == 1, err
    assert sorted(f["message"] for f in found if f["code"] == "HOS01") == ["hostile rule: x0", "hostile rule: x1", "hostile rule: x2"]
