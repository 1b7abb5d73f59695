"""A 400,000-line charter under a raised size limit completes, with memory bounded (issue 8, item 3).

Run in a child process so its peak resident memory is its own. The bound is
generous (1 GiB for a ~35 MB file; about 300 MB measured): it catches a
loader that copies the text many times over or keeps every parser event, not
small regressions. No timing is asserted (benchmarks/ measures speed).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from paths import EXAMPLES

LINES = 400_000
PEAK_BOUND_KB = 1024 * 1024  # ru_maxrss is in kilobytes on Linux

CHILD = """
import resource, sys
from partnercheck.cli import run
code = run(sys.argv[1:])
print(f"PEAK={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)
sys.exit(code)
"""


def huge_charter(path: Path) -> int:
    """The healthy example with observer partners added, each with a 400-line mission, up to LINES lines."""
    lines = (EXAMPLES / "plateforme-aide-a-la-personne.yaml").read_text(encoding="utf-8").splitlines()
    at = lines.index("partners:") + 1
    extra: list[str] = []
    n = 0
    while len(lines) + len(extra) < LINES:
        extra += [f"  - id: observateur-{n}", f"    name: Observateur {n}", "    type: local_authority", "    status: observer", "    mission: >-"]
        extra += [f"      Ligne {k} de la mission de l'observateur {n}, qui suit les travaux de la plateforme." for k in range(400)]
        n += 1
    text = "\n".join(lines[:at] + extra + lines[at:]) + "\n"
    path.write_text(text, encoding="utf-8")
    return text.count("\n")


@pytest.fixture(scope="module")
def huge(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("huge") / "huge.yaml"
    assert huge_charter(path) >= LINES
    return path


@pytest.mark.slow
def test_a_400000_line_charter_completes_with_bounded_memory(huge):
    path = huge
    size = path.stat().st_size
    assert size > 10 * 1024 * 1024  # above the default limit: --max-file-size is needed
    argv = ["check", "--no-plugins", "--isolated", "--format", "json", "--today", "2026-09-15", "--max-file-size", f"{size + 1}", str(path)]
    done = subprocess.run([sys.executable, "-c", CHILD, *argv], capture_output=True, text=True, timeout=600, cwd=path.parent)  # a fresh folder: no cached result
    assert "Traceback" not in done.stderr
    report = json.loads(done.stdout)
    codes = {f["code"] for f in report["findings"]}
    assert not codes & {"DOC01", "DOC06", "DOC07", "INT01", "INT02"}, codes
    assert report["summary"]["files"] == 1
    peak = int(done.stderr.rsplit("PEAK=", 1)[1].split()[0])
    assert peak < PEAK_BOUND_KB, f"peak resident memory {peak // 1024} MB"


def test_the_same_charter_is_refused_at_the_default_limit(cli, huge):
    code, out, err = cli("check", "--no-plugins", "--isolated", "--format", "json", str(huge))
    assert code == 1
    assert [f["code"] for f in json.loads(out)["findings"]] == ["DOC07"]
