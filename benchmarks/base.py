"""`check --base REF` against `check` on a whole repository.

A git repository of 1,000 generated charters (generate.py) on `main`, then a
branch that changes 10 of them (a partner joins each). Each command runs with
`--no-cache` (a cache would answer the whole-repository check from memory),
best of `--runs`; the ratio `check --base main` / `check` is printed (target:
under 0.2).

    python benchmarks/base.py [--charters 1000] [--changed 10] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import repository  # noqa: E402

GIT_ENV = {"GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.org", "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}
NEW_PARTNER = "  - {id: joined, name: Nouveau partenaire, type: association}\n"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env={**os.environ, **GIT_ENV}, check=True, capture_output=True)


def build(repo: Path, charters: int, changed: int) -> None:
    """The repository: `charters` charters committed on main, `changed` of them amended on the branch `change`."""
    git(repo, "init", "-q", "-b", "main")
    paths = repository(charters, repo / "charters")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "charters")
    git(repo, "checkout", "-q", "-b", "change")
    for path in paths[:: max(1, charters // changed)][:changed]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("partners:\n", "partners:\n" + NEW_PARTNER, 1), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "ten amendments")


def best(argv: list[str], cwd: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--charters", type=int, default=1000)
    parser.add_argument("--changed", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        build(repo, args.charters, args.changed)
        check = [sys.executable, "-m", "partnercheck", "check", "charters", "--no-cache", "--format", "json"]
        whole = best(check, repo, args.runs)
        base = best([*check, "--base", "main"], repo, args.runs)
    print(f"check on {args.charters} charters: {whole:.2f} s")
    print(f"check --base main ({args.changed} changed): {base:.2f} s")
    print(f"ratio: {base / whole:.3f} (target: under 0.2)")


if __name__ == "__main__":
    main()
