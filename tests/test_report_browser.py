"""The HTML report in a real browser: headless Chromium, driven by Playwright.

Screenshots at 1280 and 390 px (a phone) with no sideways scroll, the printed
page count of a charter with 34 findings within 8 A4 pages (`-o report.pdf`
printed by the same Chromium), no English word of the catalog in a French
report, and no network request from a report opened from a `file://` URL.
Screenshots and PDFs are kept in `test-artifacts/` to look at.

It needs Debian's `chromium` (or the executable `PARTNERCHECK_CHROMIUM` names)
and Playwright, from the `test` extra. Without them it says what is missing and
skips, or fails when `PARTNERCHECK_REQUIRE_BROWSER=1`, as `.ci/run` sets
(see `tests/browser_support.py`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

import pytest
from browser_support import Browser, require_browser
from paths import EXAMPLES, ROOT
from report_support import french_words, roster, with_findings, write

NO_PILOT = str(EXAMPLES / "broken" / "sans-pilote.yaml")
HEALTHY = str(EXAMPLES / "plateforme-aide-a-la-personne.yaml")
ARTIFACTS = ROOT / "test-artifacts"
TODAY = ("--today", "2026-01-15")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
MAX_PAGES = 8
PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module; skips saying what is missing, or fails when
    PARTNERCHECK_REQUIRE_BROWSER=1, through the suite's one gate (tests/browser_support.py)."""
    found: Browser = require_browser()
    with found.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=found.executable, args=FLAGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The healthy example's 15 partners, stripped to 34 findings."""
    return write(tmp_path_factory.mktemp("big"), "thirty-four.yaml", with_findings(34))


def make(cli, charter: str | Path, name: str, *extra: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / name
    code, _, err = cli("report", str(charter), "-o", str(target), *TODAY, *extra)
    assert code == 0, err
    return target


def open_offline(browser: Any, target: Path, width: int) -> tuple[Any, list[str], list[str]]:
    """The report opened from its file, every other request refused and recorded; console errors recorded."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    requests: list[str] = []
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def only_the_file(route: Any) -> None:
        if route.request.url == target.resolve().as_uri():
            route.continue_()
        else:
            requests.append(route.request.url)
            route.abort()

    page.route("**/*", only_the_file)
    page.goto(target.resolve().as_uri(), wait_until="load")
    return page, requests, errors


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("case", ["healthy-fr", "sans-pilote-en", "thirty-four-en"])
def test_no_sideways_scroll_and_no_network(cli, browser: Any, big: Path, case: str, width: int) -> None:
    charter = {"healthy-fr": HEALTHY, "sans-pilote-en": NO_PILOT, "thirty-four-en": big}[case]
    target = make(cli, charter, f"{case}.html", "--lang", case.rsplit("-", 1)[1])
    page, requests, errors = open_offline(browser, target, width)
    try:
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll <= inner, f"{case} at {width}px scrolls sideways: {scroll} > {inner}"
        assert page.locator("svg.partner-map").first.is_visible()
        assert page.locator("svg.chart rect.bar").count() == 10
        page.screenshot(path=str(ARTIFACTS / f"{case}-{width}.png"), full_page=True)
    finally:
        page.close()
    assert requests == [], f"the report tried to fetch: {requests}"
    assert errors == []
    assert (ARTIFACTS / f"{case}-{width}.png").stat().st_size > 10_000


def test_the_verdict_the_findings_and_the_chart_show_on_screen_and_in_print(cli, browser: Any) -> None:
    target = make(cli, NO_PILOT, "sans-pilote-en.html", "--lang", "en")
    page, _, _ = open_offline(browser, target, 1100)
    try:
        text = page.inner_text("body")
        box = page.locator("svg.chart").first.bounding_box()
        page.emulate_media(media="print")
        printed = page.locator("svg.chart").first.is_visible()
    finally:
        page.close()
    assert "Not ready to sign:" in text and "No pilot is designated" in text and "Partner map" in text
    assert box is not None and box["width"] > 300 and box["height"] > 200
    assert printed


def test_the_partner_map_keeps_fifteen_partners_readable(cli, browser: Any, big: Path) -> None:
    """At 1280 px, each partner's box is tall and wide enough to read, and no two boxes overlap."""
    target = make(cli, big, "thirty-four-en.html", "--lang", "en")
    page, _, _ = open_offline(browser, target, 1280)
    try:
        boxes = [page.locator("svg.partner-map g.node.partner rect").nth(i).bounding_box() for i in range(15)]
        font = page.evaluate("parseFloat(getComputedStyle(document.querySelector('svg.partner-map g.node text')).fontSize)")
        scale = page.evaluate("(() => { const s = document.querySelector('svg.partner-map'); return s.getBoundingClientRect().width / s.viewBox.baseVal.width })()")
    finally:
        page.close()
    assert all(b is not None and b["height"] >= 20 and b["width"] >= 150 for b in boxes)
    tops = sorted(b["y"] for b in boxes if b)
    assert all(later - earlier >= boxes[0]["height"] for earlier, later in zip(tops, tops[1:]))
    assert font * scale >= 10, "partner names are printed at 10 px or more"


@pytest.mark.parametrize("width", [1280, 390])
def test_the_partner_map_scales_to_the_partners_shown(cli, browser: Any, tmp_path: Path, width: int) -> None:
    """Three partners make a small map, never stretched to the page; forty stay readable, without overlap, and
    the page does not scroll sideways on a phone."""
    shown = {}
    for n in (3, 40):
        target = make(cli, write(tmp_path, f"roster-{n}.yaml", roster(n)), f"roster-{n}-{width}.html", "--lang", "en")
        page, _, _ = open_offline(browser, target, width)
        try:
            shown[n] = page.evaluate(
                """(() => { const s = document.querySelector('svg.partner-map'), r = s.getBoundingClientRect();
                    const font = parseFloat(getComputedStyle(s.querySelector('g.node text')).fontSize);
                    const tops = [...s.querySelectorAll('g.node.partner rect')].map(e => e.getBoundingClientRect());
                    return {width: r.width, height: r.height, scale: r.width / s.viewBox.baseVal.width, font: font * r.width / s.viewBox.baseVal.width,
                            boxes: tops.map(b => [b.top, b.height]), page: document.documentElement.scrollWidth, inner: innerWidth}; })()"""
            )
            page.locator("figure.map").first.screenshot(path=str(ARTIFACTS / f"roster-{n}-{width}.png"))
        finally:
            page.close()
    small, large = shown[3], shown[40]
    assert small["scale"] <= 1 and small["height"] < 200, f"3 partners drawn {small['width']:.0f} x {small['height']:.0f} px"
    assert large["height"] > 5 * small["height"]
    for case in (small, large):
        assert case["font"] >= 9.99, "partner names are shown at 10 px or more"
        assert case["page"] <= case["inner"], "the page scrolls sideways"
        tops = sorted(case["boxes"])
        assert all(b[0] - a[0] >= a[1] for a, b in zip(tops, tops[1:])), "two partners overlap"


def test_a_report_with_34_findings_prints_on_at_most_8_pages(cli, chromium: Browser, big: Path) -> None:
    for lang in ("en", "fr"):
        pdf = make(cli, big, f"thirty-four-{lang}.pdf", "--lang", lang)
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF-")
        pages = len(PAGE.findall(data))
        assert 1 <= pages <= MAX_PAGES, f"{lang}: {pages} A4 pages"


def test_the_pdf_holds_the_report(cli, browser: Any) -> None:
    """`-o report.pdf` prints what the browser prints: a page count like Playwright's own PDF of the report."""
    html = make(cli, NO_PILOT, "sans-pilote-en.html", "--lang", "en")
    pdf = make(cli, NO_PILOT, "sans-pilote-en.pdf", "--lang", "en")
    page, _, _ = open_offline(browser, html, 1280)
    try:
        reference = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    finally:
        page.close()
    assert len(PAGE.findall(pdf.read_bytes())) == len(PAGE.findall(reference))


def english_phrases() -> set[str]:
    """Every English phrase of the catalog (the reporters' words, cut at their parameters) that French does not share."""
    phrases = set()
    for english, french in french_words().items():
        for part in re.split(r"\{[A-Za-z_]+\}", english):
            part = part.strip(" .,:;()—-")
            if len(part.split()) >= 2 and part not in french:
                phrases.add(part)
    return phrases


@pytest.mark.parametrize("case", ["healthy", "sans-pilote", "thirty-four"])
def test_the_french_report_shows_no_english_words(cli, browser: Any, big: Path, case: str) -> None:
    charter = {"healthy": HEALTHY, "sans-pilote": NO_PILOT, "thirty-four": big}[case]
    target = make(cli, charter, f"{case}-fr.html", "--lang", "fr")
    page, _, _ = open_offline(browser, target, 1280)
    try:
        shown = page.inner_text("body") + " ".join(page.locator("svg text, svg title").all_text_contents())
    finally:
        page.close()
    phrases = english_phrases()
    assert len(phrases) > 100
    left = sorted(p for p in phrases if p in shown)
    assert left == [], f"English words in the French report: {left}"
    assert "SYNTHÈSE" in shown.upper() and "Le partenariat en un coup d'œil" in shown and "Qui a signé" in shown


@pytest.fixture(scope="module")
def amended_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example charter on `main`, amended on a branch (two partners joined, one left, pilot re-mandated)."""
    from amendment import amended, original
    from git_support import commit, git, init

    repo = init(tmp_path_factory.mktemp("amended"))
    commit(repo, {"aide.yaml": original()}, "charter 1.0", date="2026-06-15")
    git(repo, "checkout", "-q", "-b", "amendment")
    commit(repo, {"aide.yaml": amended()}, "amendment 1.1", date="2027-01-20")
    return repo


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_what_changed_and_the_score_over_time_read_on_a_phone_and_in_print(cli, browser: Any, amended_repo: Path, lang: str, width: int) -> None:
    target = make(cli, amended_repo / "aide.yaml", f"changes-{lang}.html", "--lang", lang, "--base", "main", "--today", "2027-02-10")
    page, requests, errors = open_offline(browser, target, width)
    try:
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll <= inner, f"{lang} at {width}px scrolls sideways: {scroll} > {inner}"
        changes, chart = page.locator("section.changes").first, page.locator("svg.history-chart").first
        assert changes.is_visible() and chart.is_visible()
        assert page.locator("section.changes ul.terms li").count() == 6
        box = chart.bounding_box()
        font = page.evaluate("(() => { const s = document.querySelector('svg.history-chart'); return 10 * s.getBoundingClientRect().width / s.viewBox.baseVal.width })()")
        assert box is not None and box["height"] > 150 and font >= 7.5, f"the chart's dates are drawn at {font:.1f} px"
        page.screenshot(path=str(ARTIFACTS / f"changes-{lang}-{width}.png"), full_page=True)
        page.emulate_media(media="print")
        assert changes.is_visible() and chart.is_visible()
    finally:
        page.close()
    assert requests == [] and errors == []


def test_the_pdf_holds_what_changed(cli, chromium: Browser, amended_repo: Path) -> None:
    """`-o report.pdf --base main` prints the two sections: more pages than the same report without them."""
    charter = amended_repo / "aide.yaml"
    plain = make(cli, charter, "amended-en.pdf", "--lang", "en", "--today", "2027-02-10")
    changed = make(cli, charter, "changes-en.pdf", "--lang", "en", "--base", "main", "--today", "2027-02-10")
    assert len(PAGE.findall(changed.read_bytes())) > len(PAGE.findall(plain.read_bytes())) >= 1
