"""A quick smoke run of the fuzz harnesses' properties, so they stay runnable (the long runs are by hand: docs/security.md).

The seeds of the configuration fuzzer, and a few hostile variations of them,
each hold the property; so do inputs the fuzzers found worth keeping
(regressions, in `tests/fuzz/regressions/`).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "hostile")]

from config_property import check_config  # noqa: E402

SEEDS = sorted((HERE / "config-seeds").iterdir())
REGRESSIONS = sorted((HERE / "regressions").glob("config-*")) if (HERE / "regressions").is_dir() else []
VARIATIONS = [
    b"",
    b"\x01",
    b"\x01[tool.partnercheck]\nfile-timeout = 1e400\n",
    b"file-timeout: .inf\n",
    b"file-timeout: -1\n",
    b"select: &a [*a]\n",
    b"options: {accountability: {max_responsible: [[[[[[]]]]]]}}\n",
    b"extends: ../../../../etc/passwd\n",
    b"rules: [/etc/passwd]\n",
    b"per-file-ignores: {'[': [PIL01]}\n",
    b"severity: {PIL01: fatal}\n",
    b"profiles: {x: {expects: [[]]}}\n",
    b"\xff\xfe\x00",
]


@pytest.mark.parametrize("raw", [p.read_bytes() for p in SEEDS + REGRESSIONS] + VARIATIONS, ids=[p.name for p in SEEDS + REGRESSIONS] + [repr(v[:20]) for v in VARIATIONS])
def test_the_configuration_property_holds(raw: bytes) -> None:
    check_config(raw)


def test_the_engine_property_holds_on_regressions() -> None:
    from test_fuzz import check_engine

    for path in sorted((HERE / "regressions").glob("engine-*")) if (HERE / "regressions").is_dir() else []:
        check_engine(path.read_bytes())


def test_the_harnesses_name_what_they_run() -> None:
    for harness in (HERE / "fuzz_config.py", HERE.parent / "hostile" / "fuzz_atheris.py"):
        text = harness.read_text(encoding="utf-8")
        assert "atheris.Setup" in text and "-max_total_time" in text
