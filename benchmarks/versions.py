"""Two versions of partnercheck side by side, in one run: is this checkout slower than an earlier one?

    git worktree add /tmp/before 7de7536          # the commit to compare with
    python benchmarks/versions.py /tmp/before --runs 5

The ratios of `benchmarks/run.py` compare partnercheck with check-jsonschema,
whose own time varies from machine to machine and day to day: a ratio measured
on another day says little about whether partnercheck itself got slower. This
script runs the earlier checkout's code (`PYTHONPATH=BEFORE/src`, the same
interpreter and dependencies) and this checkout's, alternating, on the same
generated files (one charter of 10 partners, 1,000 partners, a repository of
1,000 charters), with check-jsonschema in the same run as a yardstick, and
prints medians and the ratio now / before. Not a test: the figures go in
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import charter, repository  # noqa: E402
from run import SCHEMA, TODAY, Command, measure, partnercheck  # noqa: E402


def _commands(target: Path, before: Path) -> list[Command]:
    argv = partnercheck("check", str(target), "--today", TODAY, "--no-cache")
    files = [str(target)] if target.is_file() else [str(p) for p in sorted(target.rglob("*.yaml"))]
    return [
        Command("before", argv, {"PYTHONPATH": str(before / "src")}),
        Command("now", argv, {"PYTHONPATH": str(HERE.parent / "src")}),
        Command("check-jsonschema", [sys.executable, "-m", "check_jsonschema", "--schemafile", str(SCHEMA), *files]),
    ]


def _row(name: str, target: Path, before: Path, runs: int) -> str:
    commands = _commands(target, before)
    for cmd in commands:  # warm-up: page cache, bytecode, each version's rule-pack cache
        measure(cmd)
    times: dict[str, list[float]] = {cmd.label: [] for cmd in commands}
    for _ in range(runs):
        for cmd in commands:
            times[cmd.label].append(measure(cmd)[0])
    med = {label: statistics.median(values) for label, values in times.items()}
    return f"| {name} | {med['before']:.3f} | {med['now']:.3f} | {med['check-jsonschema']:.3f} | {med['now'] / med['before']:.2f} x |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before", type=Path, help="a checkout of the earlier version (its src/ is imported)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not (args.before / "src" / "partnercheck").is_dir():
        raise SystemExit(f"{args.before} holds no src/partnercheck: give a checkout of partnercheck")
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "one.yaml").write_text(charter(10, seed=1), encoding="utf-8")
        (work / "fed.yaml").write_text(charter(1000, seed=2), encoding="utf-8")
        repository(1000, work / "repository")
        rows = [
            _row("one charter (10 partners)", work / "one.yaml", args.before, args.runs),
            _row("1,000 partners", work / "fed.yaml", args.before, args.runs),
            _row("1,000 charters, cold", work / "repository", args.before, max(1, args.runs // 2)),
        ]
    print(f"Machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}, load average before: {load[0]:.2f}, after: {os.getloadavg()[0]:.2f}")
    print(f"Command: python benchmarks/versions.py {args.before} --runs {args.runs}\n")
    print("| scenario | before (s) | now (s) | check-jsonschema (s) | now / before |")
    print("|---|---:|---:|---:|---:|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
