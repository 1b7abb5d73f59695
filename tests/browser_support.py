"""What a browser test needs: Chromium and Playwright, or a clear skip (or failure) saying which is missing.

Browser tests drive Debian's `chromium` (or the executable named by
`PARTNERCHECK_CHROMIUM`) with Playwright, from the `test` extra. On a developer's
machine without them, the test is skipped with the reason; with
`PARTNERCHECK_REQUIRE_BROWSER=1` (as `.ci/run` sets) it fails instead, so CI
never passes without running it. Tests take the `chromium` fixture of
`conftest.py`, which calls `require_browser()`.
"""

from __future__ import annotations

import importlib
import os
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pytest

REQUIRE = "PARTNERCHECK_REQUIRE_BROWSER"
CHROMIUM = "PARTNERCHECK_CHROMIUM"
NAMES = ("chromium", "chromium-browser", "google-chrome")
PLAYWRIGHT = "playwright.sync_api"


@dataclass(frozen=True)
class Browser:
    """A Chromium executable and Playwright's `sync_playwright`, ready to launch it."""

    executable: str
    sync_playwright: Callable[[], Any]


def find_chromium(candidates: Sequence[str], search_path: str | None = None) -> str | None:
    """The first candidate (a name on `search_path`, by default PATH, or a path) that is an executable file."""
    for name in candidates:
        found = name and shutil.which(name, path=search_path)
        if found:
            return found
    return None


def chromium_candidates(environ: Mapping[str, str]) -> list[str]:
    chosen = environ.get(CHROMIUM, "")
    return [chosen, *NAMES] if chosen else list(NAMES)


def _missing_chromium(candidates: Sequence[str]) -> str:
    tried = ", ".join(f"`{c}`" for c in candidates)
    return f"Chromium (tried {tried}): install Debian's `chromium` package, as .ci/run does, or set {CHROMIUM}"


def _playwright(module: str) -> tuple[Callable[[], Any] | None, str | None]:
    try:
        return importlib.import_module(module).sync_playwright, None
    except ImportError as exc:
        return None, f"Playwright ({exc}): pip install -e '.[test]'"


def require_browser(
    candidates: Sequence[str] | None = None,
    environ: Mapping[str, str] | None = None,
    playwright_module: str = PLAYWRIGHT,
) -> Browser:
    """Chromium and Playwright; else skip saying what is missing, or fail when `PARTNERCHECK_REQUIRE_BROWSER=1`."""
    env = os.environ if environ is None else environ
    tried = chromium_candidates(env) if candidates is None else list(candidates)
    executable = find_chromium(tried, env.get("PATH"))
    start, playwright_problem = _playwright(playwright_module)
    missing = [problem for problem in (None if executable else _missing_chromium(tried), playwright_problem) if problem]
    if missing or executable is None or start is None:
        reason = "browser test needs " + "; and ".join(missing)
        if env.get(REQUIRE) == "1":
            pytest.fail(f"{reason} ({REQUIRE}=1: this run must not skip browser tests)", pytrace=False)
        pytest.skip(reason)
    return Browser(executable, start)
