"""benchmarks/_without_limits.py turns off what it says it does (docs/benchmarks.md, "What the limits of issue 17 cost").

The benchmark compares partnercheck with its limits and without them. If a
limit's function were renamed, or the builder's counting lines rewritten,
the runner would have nothing to replace and the benchmark would compare
partnercheck with itself; these tests fail first. No timing here.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import _without_limits as off  # noqa: E402


@pytest.mark.parametrize(("module", "dotted"), [(m, d) for m, d, _ in off.PATCHES], ids=[f"{m}:{d}" for m, d, _ in off.PATCHES])
def test_every_replaced_name_still_exists(module: str, dotted: str) -> None:
    owner, name = off._owner(importlib.import_module(module), dotted)
    assert hasattr(owner, name)


@pytest.mark.parametrize(("module", "dotted", "edits"), off.EDITS, ids=[d for _, d, _ in off.EDITS])
def test_every_line_taken_out_of_the_builder_is_still_there_once(module: str, dotted: str, edits: list[tuple[str, str]]) -> None:
    function = off.edited(importlib.import_module(module), dotted, edits)
    owner, name = off._owner(importlib.import_module(module), dotted)
    assert function.__name__ == name and function is not getattr(owner, name)


def test_a_renamed_limit_or_a_rewritten_line_is_an_error_not_a_silent_no_op() -> None:
    builder = importlib.import_module("partnercheck.document.builder")
    with pytest.raises(AttributeError, match="no longer exists"):
        off._owner(builder, "Builder._count_aliases_renamed")
    with pytest.raises(LookupError, match="no longer holds"):
        off.edited(builder, "Builder._deliver", [("        frame.nodes += 2\n", "")])


PROBE = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
import _without_limits as off
if sys.argv[2] == "off":
    off.apply()
import importlib, pkgutil, partnercheck
for info in pkgutil.walk_packages(partnercheck.__path__, "partnercheck."):
    if not info.name.startswith(("partnercheck.server", "partnercheck.testing", "partnercheck.__main__")):
        importlib.import_module(info.name)
from partnercheck.cli import run
from partnercheck.printable import visible
left = sorted(f"{m.__name__}.{k}" for m in list(sys.modules.values()) if getattr(m, "__name__", "").startswith("partnercheck")
              for k, v in vars(m).items() if id(v) in off._REPLACED and off._REPLACED[id(v)][0] is v)
deep = "partnercheck: 1\nx: " + "[" * 101 + "]" * 101 + "\n"
open(sys.argv[3], "w").write(deep)
import io, contextlib
out = io.StringIO()
with contextlib.redirect_stdout(out):
    run(["check", sys.argv[3], "--format", "json", "--no-cache", "--today", "2026-09-01"])
codes = sorted({f["code"] for f in json.loads(out.getvalue())["findings"]})
print(json.dumps({"left": left, "codes": codes, "visible": visible("a\nb")}))
"""


def _probe(mode: str, tmp_path: Path) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", PROBE, str(BENCHMARKS), mode, str(tmp_path / "deep.yaml")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def test_the_runner_turns_the_limits_off_everywhere_and_only_when_asked(tmp_path: Path) -> None:
    """With the limits, 101 levels of nesting are DOC06 and a line break is escaped; without them, neither, and no
    module keeps an original function under a name it imported (`from … import visible`)."""
    on, without = _probe("on", tmp_path), _probe("off", tmp_path)
    assert "DOC06" in on["codes"] and on["visible"] == "a\\nb"
    assert "DOC06" not in without["codes"] and without["visible"] == "a\nb"
    assert without["left"] == []
