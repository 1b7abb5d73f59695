from __future__ import annotations

import pytest

from paths import EXAMPLES, ROOT, SHARED  # noqa: F401  (re-exported for tests)


@pytest.fixture(autouse=True, scope="session")
def _no_results_cache() -> object:
    """Tests check fresh results: the results cache (tested in tests/test_cache.py) is off unless a test turns it on."""
    import os

    before = os.environ.get("PARTNERCHECK_NO_CACHE")
    os.environ["PARTNERCHECK_NO_CACHE"] = "1"
    yield
    if before is None:
        os.environ.pop("PARTNERCHECK_NO_CACHE", None)
    else:
        os.environ["PARTNERCHECK_NO_CACHE"] = before


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """Run the CLI in-process: returns (exit code, stdout, stderr)."""
    from partnercheck.cli import run

    def invoke(*argv: str) -> tuple[int, str, str]:
        try:
            code = run(list(argv))
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return invoke
