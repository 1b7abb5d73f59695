"""What the limits of issue 17 cost on ordinary charters: partnercheck with them, and without, in one run.

    python benchmarks/limits.py --runs 9                 # the table of docs/benchmarks.md
    python benchmarks/limits.py --profile                # where a normal run spends time inside the limits

The same command runs through `benchmarks/_without_limits.py`, once with the
limits (`--keep-limits`) and once with every limit of issue 17 turned off
(see that file for what each means), alternating (with, without, without,
with, ...) on the files `benchmarks/generate.py` writes: one charter of 10
partners, one of 1,000 partners, a repository of charters checked cold (with
a configuration file naming a local rule pack, and a SARIF report written to
a file as a CI gate does), and the same repository a second time with the
results cache. Each command runs once untimed first (page cache, bytecode,
the rule-pack and results caches), and the two outputs must be equal: the
limits change nothing on ordinary charters, or the comparison means nothing.

Printed: median wall time and median CPU time (user + system of the process
and of its worker processes, which the load of other processes on a shared
machine changes far less), and the ratio with / without.

`--profile` runs each scenario once in this process (`--jobs 1`, limits on)
under cProfile and sums the time spent in the functions that implement a
limit (called from outside another one), and times the YAML builder, whose
counting is inline and invisible to a profile, alone with and without it.
Not a test: the figures go in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import platform
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _without_limits as off  # noqa: E402
from generate import charter, repository  # noqa: E402
from run import TODAY, environment  # noqa: E402

RUNNER = str(HERE / "_without_limits.py")
LOCAL_PACK = """\
pack: federation
rules:
  - code: FED01
    name: charter-id-prefixed
    severity: info
    summary: The charter's id starts with the federation's prefix.
    why: The federation's dashboards group charters by this prefix.
    message: "The charter id does not start with `plateforme-`: {problem}."
    check:
      select: /charter/id
      schema: {type: string, pattern: "^plateforme-[a-z0-9-]+$"}
    examples:
      fail: |
        partnercheck: 1
        charter: {id: autre-1, title: Autre}
      pass: |
        partnercheck: 1
        charter: {id: plateforme-1, title: Plateforme}
"""


@dataclass
class Scenario:
    name: str
    argv: list[str]  # partnercheck's arguments
    runs: int
    cache: bool = False  # a results cache per variant, filled by the untimed run


def scenarios(work: Path, files: int, runs: int) -> list[Scenario]:
    one, fed, repo = work / "one-charter.yaml", work / "federation-1000.yaml", work / "repository"
    one.write_text(charter(10, seed=1), encoding="utf-8")
    fed.write_text(charter(1000, seed=2), encoding="utf-8")
    repository(files, repo)
    (repo / "packs").mkdir()
    (repo / "packs" / "federation.yaml").write_text(LOCAL_PACK, encoding="utf-8")
    (repo / ".partnercheck.yaml").write_text("rules: [packs/federation.yaml]\n", encoding="utf-8")
    common = ["--today", TODAY]
    sarif = str(work / "reports" / "partnercheck.sarif")
    (work / "reports").mkdir()
    return [
        Scenario("one charter (10 partners)", ["check", str(one), *common, "--no-cache"], runs * 2),
        Scenario("1,000 partners", ["check", str(fed), *common, "--no-cache"], runs),
        Scenario(f"{files:,} charters, cold, + SARIF file", ["check", str(repo), *common, "--no-cache", "--format", "text", "--format", f"sarif:{sarif}"], max(3, runs // 2)),
        Scenario(f"{files:,} charters, results cache", ["check", str(repo), *common], runs, cache=True),
    ]


def command(scenario: Scenario, limits: bool, work: Path) -> list[str]:
    argv = [sys.executable, RUNNER, *(["--keep-limits"] if limits else []), *scenario.argv]
    if scenario.cache:
        argv += ["--cache-dir", str(work / ("cache-with" if limits else "cache-without"))]
    return argv


def measure(argv: list[str], env: dict[str, str], capture: bool = False) -> tuple[float, float, bytes]:
    """Wall seconds, CPU seconds (user + system, worker processes included) and, with `capture`, standard output."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE if capture else subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    out = proc.stdout.read() if proc.stdout is not None else b""
    err = proc.stderr.read() if proc.stderr is not None else b""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"exit code {code}: {' '.join(argv)}\n{err.decode(errors='replace')}")
    return wall, usage.ru_utime + usage.ru_stime, out


def compare(scenario: Scenario, work: Path, env: dict[str, str]) -> str:
    """One row: medians with and without the limits, alternating."""
    with_argv, without_argv = command(scenario, True, work), command(scenario, False, work)
    outputs = [measure(argv, env, capture=True)[2] for argv in (with_argv, without_argv, with_argv, without_argv)]
    if outputs[2] != outputs[3]:
        raise SystemExit(f"{scenario.name}: the output differs with and without the limits; the comparison would mean nothing")
    wall: dict[bool, list[float]] = {True: [], False: []}
    cpu: dict[bool, list[float]] = {True: [], False: []}
    for n in range(scenario.runs):
        for limits in ((True, False) if n % 2 == 0 else (False, True)):  # ABBA: drift hits both alike
            w, c, _ = measure(with_argv if limits else without_argv, env)
            wall[limits].append(w)
            cpu[limits].append(c)
    mw, mwo = statistics.median(wall[True]), statistics.median(wall[False])
    cw, cwo = statistics.median(cpu[True]), statistics.median(cpu[False])
    row = f"| {scenario.name} | {scenario.runs} | {mw:.3f} | {mwo:.3f} | {mw / mwo:.3f} x | {cw:.3f} | {cwo:.3f} | {cw / cwo:.3f} x ({(cw - cwo) * 1000:+.0f} ms) |"
    print(row, file=sys.stderr)
    return row


def benchmark(files: int, runs: int) -> list[str]:
    rows = [
        "| scenario | runs | wall with (s) | wall without (s) | with / without | CPU with (s) | CPU without (s) | with / without |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    with tempfile.TemporaryDirectory(prefix="partnercheck-limits-") as tmp:
        work = Path(tmp)
        env = environment({"PARTNERCHECK_PACK_CACHE": str(work / "packs")})  # one folder: JSON entries with, pickles without
        for scenario in scenarios(work, files, runs):
            rows.append(compare(scenario, work, env))
    return rows


# --profile ---------------------------------------------------------------------------------------
def _key(func: Any) -> tuple[str, int, str] | None:
    code = getattr(func, "__code__", None) or getattr(getattr(func, "__wrapped__", None), "__code__", None)
    return (code.co_filename, code.co_firstlineno, code.co_name) if code is not None else None


def limit_functions() -> dict[tuple[str, int, str], str]:
    """The profile key of each function `_without_limits` turns off, with its name; plus the budgets' timer."""
    import importlib

    found: dict[tuple[str, int, str], str] = {}
    for module_name, dotted, _ in off.PATCHES:  # the builder's EDITS are lines inside its handlers: `builder_alone`
        owner, attr = off._owner(importlib.import_module(module_name), dotted)
        key = _key(getattr(owner, attr))
        if key is not None:
            found[key] = f"{module_name.removeprefix('partnercheck.')}.{dotted}"
    from partnercheck.rules import budget

    for name in ("time_budget", "_arm"):  # the file's budget and the rules' (older) share them
        key = _key(getattr(budget, name))
        if key is not None:
            found[key] = f"rules.budget.{name} (rule and file budgets)"
    return found


def profile(files: int) -> None:
    from partnercheck.cli import run

    limits = limit_functions()
    with tempfile.TemporaryDirectory(prefix="partnercheck-limits-") as tmp:
        work = Path(tmp)
        os.environ["PARTNERCHECK_PACK_CACHE"] = str(work / "packs")
        for scenario in scenarios(work, files, 1):
            argv = [*scenario.argv[1:], "--jobs", "1"] + (["--cache-dir", str(work / "cache")] if scenario.cache else [])
            _quiet(run, ["check", *argv])  # warm: pack cache, results cache, imports
            profiler = cProfile.Profile()
            profiler.enable()
            _quiet(run, ["check", *argv])
            profiler.disable()
            stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
            total = sum(tt for _, _, tt, _, _ in stats.values())
            inside: dict[str, tuple[int, float]] = {}
            for key, (_, calls, _, _, callers) in stats.items():
                if key in limits:
                    outer = [(n, ct) for caller, (n, _, _, ct) in callers.items() if caller not in limits]
                    inside[limits[key]] = (sum(n for n, _ in outer), sum(ct for _, ct in outer))
            spent = sum(ct for _, ct in inside.values())
            print(f"\n{scenario.name}: {total * 1000:.0f} ms profiled, {spent * 1000:.1f} ms ({spent / total:.2%}) inside limit functions")
            for name, (calls, ct) in sorted(inside.items(), key=lambda kv: -kv[1][1]):
                if ct >= 0.0001:
                    print(f"  {ct * 1000:8.1f} ms  {calls:8,} calls  {name}")
    builder_alone()


def _quiet(run: Any, argv: list[str]) -> None:
    out, sys.stdout = sys.stdout, io.StringIO()
    try:
        run(argv)
    finally:
        sys.stdout = out


def builder_alone(rounds: int = 15) -> None:
    """`load_document` of the 1,000-partner charter with the builder's counting and without, alternating: minimum CPU."""
    import importlib

    from partnercheck.document import builder
    from partnercheck.document.load import load_document

    raw = charter(1000, seed=2).encode("utf-8")
    original = {dotted: off._owner(builder, dotted)[0].__dict__[dotted.split(".")[-1]] for _, dotted, _ in off.EDITS}
    original["Builder._count_alias"] = builder.Builder._count_alias
    stripped = {dotted: off.edited(importlib.import_module(module), dotted, edits) for module, dotted, edits in off.EDITS}
    stripped["Builder._count_alias"] = off._nothing
    times: dict[bool, list[float]] = {True: [], False: []}
    for n in range(rounds):
        for counting in (True, False) if n % 2 == 0 else (False, True):
            for dotted, func in (original if counting else stripped).items():
                setattr(builder.Builder, dotted.split(".")[-1], func)
            start = time.process_time()
            load_document("federation.yaml", raw)
            times[counting].append(time.process_time() - start)
    for dotted, func in original.items():
        setattr(builder.Builder, dotted.split(".")[-1], func)
    a, b = min(times[True]), min(times[False])
    print(f"\nYAML builder alone, 1,000 partners (minimum CPU of {rounds}): with the depth and alias counting {a * 1000:.1f} ms, without {b * 1000:.1f} ms ({(a - b) * 1000:+.1f} ms, {a / b:.3f} x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9, help="timed runs of each variant (the one charter gets twice as many)")
    parser.add_argument("--files", type=int, default=1000, help="charters in the repository scenarios")
    parser.add_argument("--profile", action="store_true", help="profile a normal run instead of timing the two variants")
    args = parser.parse_args()
    if args.profile:
        profile(args.files)
        return
    load = os.getloadavg()
    rows = benchmark(args.files, args.runs)
    print(f"Machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}, load average before: {load[0]:.2f}, after: {os.getloadavg()[0]:.2f}")
    print(f"Command: python benchmarks/limits.py --runs {args.runs} --files {args.files}\n")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
