"""Coverage-guided fuzzing of the engine with atheris, for long runs (not collected by pytest).

The property is the one tests/hostile/test_fuzz.py checks with hypothesis:
whatever the bytes, no exception escapes the engine and every finding has a
well-formed pointer and a position inside the file. Run it from the
repository root (docs/security.md):

    pip install atheris
    python tests/hostile/fuzz_atheris.py -max_total_time=3600 fuzz-corpus/

A crash is written as ``crash-<hash>`` in the current directory; replay it
with ``partnercheck check --debug crash-<hash>`` or by passing the file to
this script.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]


def main() -> None:
    import atheris  # type: ignore[import-not-found]

    with atheris.instrument_imports():
        from test_fuzz import check_engine

    def one_input(data: bytes) -> None:
        check_engine(data)

    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
