"""Coverage-guided fuzzing of the configuration loader with atheris (not collected by pytest).

The property is `config_property.check_config`: whatever a configuration
file holds, it loads or is a one-line configuration error, and its settings
check a charter without an internal error. From the repository root:

    pip install atheris
    python tests/fuzz/fuzz_config.py -max_total_time=300 -max_len=4096 tests/fuzz/config-seeds/ fuzz-config-corpus/

The first directory holds the seeds (kept in the repository); new inputs go
to the last one. A crash is written as ``crash-<hash>`` in the current
directory; replay it by passing the file to this script, or with
`check_config(Path("crash-…").read_bytes())`.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    import atheris  # type: ignore[import-not-found]

    with atheris.instrument_imports():
        from config_property import check_config

    atheris.Setup(sys.argv, check_config)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
