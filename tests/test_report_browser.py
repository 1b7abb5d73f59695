"""The HTML report in a real browser: headless Chromium, driven by Playwright.

Opens the report from a file with every network request refused (as from an
e-mail attachment), and checks that nothing was fetched, that the console
shows no error, that the SVG chart is visible and that a finding's text is on
the page. The screenshot (and a PDF of the print layout) is kept in
`test-artifacts/`.

It needs Debian's `chromium` (or the executable `PARTNERCHECK_CHROMIUM` names)
and Playwright, from the `test` extra. Without them it says what is missing and
skips, or fails when `PARTNERCHECK_REQUIRE_BROWSER=1`, as `.ci/run` sets
(see `tests/browser_support.py`).
"""

from __future__ import annotations

import pytest
from browser_support import Browser
from paths import EXAMPLES, ROOT

NO_PILOT = str(EXAMPLES / "broken" / "sans-pilote.yaml")
ARTIFACTS = ROOT / "test-artifacts"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.mark.slow
def test_the_report_renders_in_headless_chromium(cli, chromium: Browser) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / "report.html"
    code, _, err = cli("report", NO_PILOT, "-o", str(target), "--today", "2026-01-15")
    assert code == 0, err
    console_errors: list[str] = []
    requests: list[str] = []
    with chromium.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium.executable, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: console_errors.append(str(e)))
            page.route("**/*", lambda route: _only_the_file(route, requests))
            page.goto(target.resolve().as_uri(), wait_until="load")

            chart = page.locator("svg.chart").first
            assert chart.is_visible()
            box = chart.bounding_box()
            assert box is not None and box["width"] > 300 and box["height"] > 200
            bars = page.locator("svg.chart rect.bar")
            assert bars.count() == 10
            assert page.locator("svg.chart rect.bar").first.bounding_box() is not None

            text = page.inner_text("body")
            assert "No pilot is designated" in text
            assert "Not ready to sign:" in text
            assert "Partner map" in text

            page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
            page.emulate_media(media="print")
            assert page.locator("svg.chart").first.is_visible()
            page.pdf(path=str(ARTIFACTS / "report.pdf"), format="A4", print_background=True)
        finally:
            browser.close()
    assert console_errors == []
    assert requests == [], f"the report tried to fetch: {requests}"
    assert (ARTIFACTS / "report.png").stat().st_size > 10_000


def _only_the_file(route, requests: list[str]) -> None:  # type: ignore[no-untyped-def]
    url = route.request.url
    if url.startswith("file://") and url.endswith("/report.html"):
        route.continue_()
    else:
        requests.append(url)
        route.abort()
