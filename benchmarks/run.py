"""Benchmark partnercheck side by side with its peers, in one run, alternating.

    python benchmarks/run.py              # every scenario, 5 runs each
    python benchmarks/run.py --runs 9 --only one-charter federation-1000

Peers, on the same files in the same run:
- `check-jsonschema` validating against partnercheck's own charter schema
  (schema only, no rules: the cheapest thing a user could do instead);
- partnercheck with the round-trip loader (`benchmarks/roundtrip.py`),
  to show what the fast path buys.

Every command runs with the same interpreter, with bytecode caching allowed
(PYTHONDONTWRITEBYTECODE is dropped, as on a user's machine) and
partnercheck's caches as a user has them: the rule-pack cache in the user's
cache folder (one row shows a run without it), the results cache off
(`--no-cache`) except in the "second call" row.

Reports median wall time, peak memory (max RSS of the process) and the ratio
partnercheck / peer, as a Markdown table ready for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import charter, repository  # noqa: E402

SCHEMA = ROOT / "schemas" / "charter.schema.json"
TODAY = "2026-09-01"


@dataclass
class Command:
    label: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    before: list[str] | None = None  # run (untimed) before each timed run, e.g. clearing the cache
    prime: bool = False  # run once, untimed, before its memory is measured (to fill the results cache)


@dataclass
class Scenario:
    name: str
    target: str
    commands: list[Command]
    peer: str  # label of the command partnercheck is compared with


def environment(extra: dict[str, str]) -> dict[str, str]:
    """The commands' environment: Python may write and use bytecode (as on a user's machine), nothing turns caches off."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PARTNERCHECK_NO_CACHE", "PARTNERCHECK_PACK_CACHE")}
    return {**env, **extra}


#: A small process that runs the command in a child of its own and writes that child's peak RSS (KiB) to a file.
#: A child forked straight from this (large) benchmark process would report this process's memory as its own peak.
LAUNCHER = (
    "import os, sys\n"
    "pid = os.fork()\n"
    "if pid == 0:\n"
    "    os.execvp(sys.argv[2], sys.argv[2:])\n"
    "_, status, usage = os.wait4(pid, 0)\n"
    "open(sys.argv[1], 'w').write(str(usage.ru_maxrss))\n"
    "sys.exit(os.waitstatus_to_exitcode(status))\n"
)


def peak_memory(cmd: Command) -> int:
    """Peak RSS (KiB) of one run of `cmd`, started from a small launcher process."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as report:
        measure(Command(cmd.label, [sys.executable, "-S", "-c", LAUNCHER, report.name, *cmd.argv], cmd.env, cmd.before))
        return int(Path(report.name).read_text() or 0)


def measure(cmd: Command) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one run of `cmd` (the RSS is exact only through `peak_memory`)."""
    if cmd.before:
        subprocess.run(cmd.before, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=environment({}))
    env = environment(cmd.env)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd.argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{cmd.label} failed with exit code {proc.returncode}: {' '.join(cmd.argv)}")
    return elapsed, usage.ru_maxrss


def partnercheck(*args: str) -> list[str]:
    return [sys.executable, "-m", "partnercheck", *args]


def fresh_venv(where: Path) -> Path:
    """A new virtual environment with partnercheck installed from this checkout, as a user installs it.

    `--version` is timed there: this interpreter's site-packages may carry
    `.pth` start-up hooks of its own (on the machine of docs/benchmarks.md, one
    imports certifi at every start) that a user's environment does not have.
    """
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True)
    pip = [str(where / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, str(ROOT), "pytest"], check=True, stdout=subprocess.DEVNULL)
    return where


def unrelated_tests(where: Path) -> Path:
    """A folder with one test that has nothing to do with partnercheck: what pytest's start-up costs there."""
    where.mkdir()
    (where / "test_unrelated.py").write_text("def test_nothing():\n    assert True\n", encoding="utf-8")
    return where


def scenarios(work: Path) -> list[Scenario]:
    one = work / "one-charter.yaml"
    one.write_text(charter(10, seed=1), encoding="utf-8")
    fed = work / "federation-1000.yaml"
    fed.write_text(charter(1000, seed=2), encoding="utf-8")
    big = work / "federation-10000.yaml"
    big.write_text(charter(10000, seed=3), encoding="utf-8")
    repo = work / "repository"
    repository(1000, repo)
    cache = work / "cache"
    cj_cmd = [sys.executable, "-m", "check_jsonschema"]  # the same interpreter as partnercheck, no launcher script in between

    def trio(name: str, target: Path, extra: tuple[str, ...] = ()) -> Scenario:
        pc = partnercheck("check", str(target), "--today", TODAY, "--no-cache", *extra)
        return Scenario(
            name,
            f"{target.name} ({sum(1 for _ in open(target, encoding='utf-8')) if target.is_file() else '1,000 files'} lines)" if target.is_file() else "1,000 charters",
            [
                Command("partnercheck", pc),
                Command("check-jsonschema", [*cj_cmd, "--schemafile", str(SCHEMA), *([str(target)] if target.is_file() else [str(p) for p in sorted(target.rglob("*.yaml"))])]),
                Command("partnercheck (round-trip loader)", [sys.executable, str(HERE / "roundtrip.py"), *pc[3:]]),
            ],
            "check-jsonschema",
        )

    warm = partnercheck("check", str(repo), "--today", TODAY, "--cache-dir", str(cache))
    cold_repo = trio("repository-1000", repo)
    cold_repo.commands.append(Command("partnercheck, second call (cache)", warm, prime=True))
    one_charter = trio("one-charter", one)
    one_charter.commands.append(Command("partnercheck, empty rule-pack cache", one_charter.commands[0].argv, {"PARTNERCHECK_PACK_CACHE": "off"}))
    venv = fresh_venv(work / "venv")
    unrelated = unrelated_tests(work / "unrelated")
    return [
        one_charter,
        trio("federation-1000", fed),
        cold_repo,
        Scenario(
            "federation-10000 (linearity)",
            big.name,
            [Command("partnercheck", partnercheck("check", str(big), "--today", TODAY, "--no-cache")), Command("partnercheck 1,000 partners", partnercheck("check", str(fed), "--today", TODAY, "--no-cache"))],
            "partnercheck 1,000 partners",
        ),
        Scenario(
            "version",
            "--version",
            [
                Command("partnercheck --version (installed in a fresh venv)", [str(venv / "bin" / "partnercheck"), "--version"]),
                Command("python -c pass (the fresh venv's interpreter)", [str(venv / "bin" / "python"), "-c", "pass"]),
                Command("python -m partnercheck --version (this interpreter)", partnercheck("--version")),
                Command("python -c pass (this interpreter)", [sys.executable, "-c", "pass"]),
            ],
            "python -c pass (the fresh venv's interpreter)",
        ),
        Scenario(
            "pytest plugin",
            "an unrelated one-test run",
            [
                Command("pytest, partnercheck's pytest11 plugin loaded", [*pytest_in(venv), str(unrelated)]),
                Command("pytest -p no:partnercheck", [*pytest_in(venv), "-p", "no:partnercheck", str(unrelated)]),
            ],
            "pytest -p no:partnercheck",
        ),
        Scenario(
            "pytest plugin import",
            "what pytest imports at start-up for the plugin",
            [
                Command("python -c 'import pytest, partnercheck.testing.pytest_plugin'", [str(venv / "bin" / "python"), "-c", "import pytest, partnercheck.testing.pytest_plugin"]),
                Command("python -c 'import pytest'", [str(venv / "bin" / "python"), "-c", "import pytest"]),
            ],
            "python -c 'import pytest'",
        ),
    ]


def pytest_in(venv: Path) -> list[str]:
    """pytest in the fresh venv, without the cache plugin (it would write in the test folder)."""
    return [str(venv / "bin" / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider"]


def run(selected: list[Scenario], runs: int) -> list[str]:
    rows = ["| scenario | command | median wall (s) | peak memory (MB) | ratio to peer |", "|---|---|---:|---:|---:|"]
    for sc in selected:
        peaks: dict[str, int] = {}
        for cmd in sc.commands:  # warm-up (page cache, bytecode, the results cache of the "second call"), and memory
            if cmd.prime:
                measure(cmd)
            peaks[cmd.label] = peak_memory(cmd)
        times: dict[str, list[float]] = {c.label: [] for c in sc.commands}
        for _ in range(runs):
            for cmd in sc.commands:  # alternate, so drift hits every command alike
                times[cmd.label].append(measure(cmd)[0])
        peer = statistics.median(times[sc.peer])
        for cmd in sc.commands:
            median = statistics.median(times[cmd.label])
            ratio = "" if cmd.label == sc.peer else f"{median / peer:.2f} x ({(median - peer) * 1000:+.0f} ms)"
            rows.append(f"| {sc.name} | {cmd.label} | {median:.3f} | {peaks[cmd.label] / 1024:.0f} | {ratio} |")
        print(rows[-len(sc.commands) :], file=sys.stderr)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", nargs="*", default=None, help="scenario names (prefixes)")
    args = parser.parse_args()
    before = _load()
    with tempfile.TemporaryDirectory(prefix="partnercheck-bench-") as tmp:
        all_scenarios = scenarios(Path(tmp))
        chosen = [s for s in all_scenarios if not args.only or any(s.name.startswith(o) for o in args.only)]
        rows = run(chosen, args.runs)
    print(f"Machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}, load average before: {before}, after: {_load()}")
    print(f"Command: python benchmarks/run.py --runs {args.runs}" + (f" --only {' '.join(args.only)}" if args.only else ""))
    print()
    print("\n".join(rows))


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


if __name__ == "__main__":
    main()
