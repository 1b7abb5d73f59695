"""The browser tests' gate (tests/browser_support.py): run, skip saying what is missing, or fail when CI requires the browser."""

from __future__ import annotations

import sys

import pytest
from browser_support import CHROMIUM, REQUIRE, chromium_candidates, require_browser

NOWHERE = "/nonexistent/partnercheck-test/chromium"
PRESENT = sys.executable  # any executable file stands for Chromium: the gate only looks for it


def test_present_gives_the_executable_and_playwright() -> None:
    pytest.importorskip("playwright.sync_api")  # the `test` extra brings it; the missing case is tested below
    browser = require_browser([NOWHERE, PRESENT], environ={})
    assert browser.executable == PRESENT
    assert callable(browser.sync_playwright)


@pytest.mark.parametrize("environ", [{}, {REQUIRE: "0"}, {REQUIRE: ""}], ids=["unset", "zero", "empty"])
def test_missing_chromium_skips_saying_so(environ: dict[str, str]) -> None:
    with pytest.raises(pytest.skip.Exception) as skipped:
        require_browser([NOWHERE], environ=environ)
    reason = str(skipped.value)
    assert "Chromium" in reason and NOWHERE in reason and "chromium" in reason


def test_missing_chromium_fails_when_the_browser_is_required() -> None:
    with pytest.raises(pytest.fail.Exception) as failed:
        require_browser([NOWHERE], environ={REQUIRE: "1"})
    assert "Chromium" in str(failed.value) and REQUIRE in str(failed.value)


def test_missing_playwright_skips_or_fails_saying_so() -> None:
    absent = "partnercheck_no_such_module.sync_api"
    with pytest.raises(pytest.skip.Exception) as skipped:
        require_browser([PRESENT], environ={}, playwright_module=absent)
    assert "Playwright" in str(skipped.value) and "Chromium" not in str(skipped.value)
    with pytest.raises(pytest.fail.Exception) as failed:
        require_browser([PRESENT], environ={REQUIRE: "1"}, playwright_module=absent)
    assert "Playwright" in str(failed.value)


def test_both_missing_are_both_named() -> None:
    with pytest.raises(pytest.skip.Exception) as skipped:
        require_browser([NOWHERE], environ={}, playwright_module="partnercheck_no_such_module")
    assert "Chromium" in str(skipped.value) and "Playwright" in str(skipped.value)


def test_the_variable_names_the_executable_tried_first() -> None:
    assert chromium_candidates({CHROMIUM: NOWHERE})[0] == NOWHERE
    assert NOWHERE not in chromium_candidates({})
    with pytest.raises(pytest.skip.Exception) as skipped:
        require_browser(environ={CHROMIUM: NOWHERE, "PATH": ""})  # the default candidates, none on an empty PATH
    assert NOWHERE in str(skipped.value)
