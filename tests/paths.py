"""Paths the tests read."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
#: Third-party test data copied into the repository (tests/data/README.md says what, whence, which licence).
DATA = ROOT / "tests" / "data"
