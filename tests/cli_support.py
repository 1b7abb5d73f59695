"""Support for tests that run the CLI: its error lines."""

from __future__ import annotations


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("partnercheck: error:")]
