"""The HTML health report: self-contained, escaped, well nested, with every part the issue asks for."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from catalog.support import healthy
from paths import EXAMPLES

from partnercheck.report.score import DIMENSIONS

HEALTHY = str(EXAMPLES / "plateforme-aide-a-la-personne.yaml")
NO_PILOT = str(EXAMPLES / "broken" / "sans-pilote.yaml")
TODAY = ("--today", "2026-01-15")
VOID = {"meta", "br", "hr", "img", "input", "link", "rect", "circle", "line", "path", "polygon"}


class Structure(HTMLParser):
    """Checks that elements nest properly; collects tags, attributes and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> Structure:
    s = Structure()
    s.feed(page)
    s.close()
    assert not s.errors and not s.stack, (s.errors, s.stack)
    return s


@pytest.fixture
def waived_charter(tmp_path: Path) -> Path:
    """The healthy charter with hostile text, a waived finding and one active warning."""
    data = healthy()
    data["charter"]["title"] = "<script>alert('x')</script> Plateforme & co"
    data["partners"][0]["name"] = 'Rectorat "<b>bold</b>"'
    del data["governance"]["conflict_resolution"]
    del data["governance"]["conflict_of_interest"]
    data["waivers"] = [{"rule": "GOV02", "reason": "Conflicts go to the <em>prefect</em> & the rector", "approved_by": "comite-pilotage", "expires_on": "2027-06-30"}]
    path = tmp_path / "waived.yaml"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def report(cli, charter: str, out: Path) -> str:
    code, stdout, err = cli("report", charter, "-o", str(out), *TODAY)
    assert code == 0, err
    assert f"Wrote {out}" in stdout
    return out.read_text(encoding="utf-8")


def test_the_page_is_self_contained(cli, tmp_path: Path) -> None:
    page = report(cli, NO_PILOT, tmp_path / "r.html")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page.lower()
    assert not re.search(r"\b(src|href)\s*=", page, re.I)
    assert "@import" not in page and "url(" not in page and "<link" not in page
    assert set(re.findall(r"https?://[^\s\"'<>]+", page)) == {"http://www.w3.org/2000/svg"}
    assert "@media print" in page


def test_the_header_has_title_status_period_verdict_and_score(cli, tmp_path: Path) -> None:
    page = report(cli, NO_PILOT, tmp_path / "r.html")
    s = parse(page)
    text = "".join(s.text)
    assert "Plateforme de formation aux métiers de l'aide à la personne" in text
    assert "draft" in text
    assert "2026-09-01 to 2028-08-31" in text
    assert re.search(r"Not ready to sign: \d+ blocking problems?", text)
    assert re.search(r"\d+(\.\d)?/100 overall health score", text)


def test_the_chart_is_inline_svg_with_every_dimension(cli, tmp_path: Path) -> None:
    page = report(cli, NO_PILOT, tmp_path / "r.html")
    svg = page[page.index("<svg") : page.index("</svg>")]
    for dimension in DIMENSIONS:
        assert f">{dimension.capitalize()}</text>" in svg
    assert svg.count('class="bar ') == len(DIMENSIONS)
    assert 'role="img"' in svg


def test_the_partner_map_shows_types_pilots_bodies_objectives_and_beneficiaries(cli, tmp_path: Path) -> None:
    page = report(cli, HEALTHY, tmp_path / "r.html")
    section = page[page.index('<section class="partners">') :]
    section = section[: section.index("</section>")]
    rows = re.findall(r"<tr[^>]*>.*?</tr>", section, re.S)
    rectorat = next(r for r in rows if "Rectorat de l&#x27;académie de Créteil" in r)
    assert "institution" in rectorat and "<strong>pilot</strong>" in rectorat
    assert "Comité de pilotage" in rectorat
    assert "Qualifier 240 demandeurs" in rectorat  # the objective it is accountable for
    observer = next(r for r in rows if "Seine-et-Marne" in r and "<th scope" in r)
    assert "observer" in observer
    group = next(r for r in rows if "Demandeurs d&#x27;emploi" in r)
    assert "Tremplin" in group and "partnership" in group


def test_findings_are_grouped_by_dimension_with_line_why_and_hint(cli, tmp_path: Path) -> None:
    page = report(cli, NO_PILOT, tmp_path / "r.html")
    pilot = page[page.index('<h3 id="dim-pilot">') :]
    first = pilot[pilot.index('<li class="finding') : pilot.index("</li>")]
    assert "PIL01" in first and "No pilot is designated" in first
    assert re.search(r"line \d+", first)
    assert "Why it matters:" in first and "S2" in first
    assert "What to write:" in first and "<pre>" in first
    order = [m.group(1) for m in re.finditer(r'<h3 id="dim-([a-z]+)">', page)]
    assert order == sorted(order, key=lambda n: (["document", *DIMENSIONS]).index(n))


def test_everything_is_escaped_and_waived_findings_are_listed(cli, waived_charter: Path, tmp_path: Path) -> None:
    page = report(cli, str(waived_charter), tmp_path / "r.html")
    parse(page)
    assert "<script>" not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Plateforme &amp; co" in page
    assert "<b>bold</b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page
    waived = page[page.index('<section class="waived">') :]
    assert "GOV02" in waived
    assert "Conflicts go to the &lt;em&gt;prefect&lt;/em&gt; &amp; the rector" in waived
    assert "comite-pilotage" in waived and "2027-06-30" in waived
    assert "1 finding waived" in page
    findings = page[page.index('<section class="findings">') : page.index('<section class="waived">')]
    assert "GOV04" in findings and "GOV02" not in findings


def test_a_clean_charter_says_so(cli, tmp_path: Path) -> None:
    page = report(cli, HEALTHY, tmp_path / "r.html")
    assert "Ready to sign" in page
    assert '<section class="waived">' not in page


def test_check_format_html_produces_the_same_report(cli, tmp_path: Path) -> None:
    page = report(cli, NO_PILOT, tmp_path / "r.html")
    cli("check", NO_PILOT, *TODAY, "--format", f"html:{tmp_path / 'c.html'}")
    assert (tmp_path / "c.html").read_text(encoding="utf-8") == page


def test_several_charters_make_one_page_with_an_article_each(cli, tmp_path: Path) -> None:
    cli("check", HEALTHY, NO_PILOT, *TODAY, "--format", f"html:{tmp_path / 'all.html'}")
    page = (tmp_path / "all.html").read_text(encoding="utf-8")
    parse(page)
    assert page.count('<article class="charter">') == 2
    assert "<title>Partnership health report — 2 charters</title>" in page


def test_report_to_standard_output(cli) -> None:
    code, out, _ = cli("report", NO_PILOT, "-o", "-", *TODAY)
    assert code == 0 and out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")


def test_report_errors_are_one_line_and_exit_2(cli, tmp_path: Path) -> None:
    code, _, err = cli("report", str(tmp_path / "absent.yaml"), "-o", str(tmp_path / "r.html"))
    assert code == 2 and "absent.yaml" in err and "Traceback" not in err
    assert not (tmp_path / "r.html").exists()
    code, _, err = cli("report", NO_PILOT)
    assert code == 2 and "--output/-o" in err


def test_report_follows_the_configuration_file(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "c.yaml").write_text(Path(NO_PILOT).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / ".partnercheck.yaml").write_text("ignore: [PIL01]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    page = report(cli, "c.yaml", tmp_path / "r.html")
    assert "PIL01" not in page and "EVA01" in page


def test_unreadable_and_malformed_charters_still_get_a_report(cli, tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text('partnercheck: 1\ncharter: {id: x, title: "unterminated\n', encoding="utf-8")
    (tmp_path / "odd.yaml").write_text(
        "partnercheck: 1\ncharter: {id: x, title: T, period: 3}\npartners: [{id: a, name: A, type: funder}, 7]\n"
        "pilot: {partners: a}\ngovernance: {bodies: [{id: b, members: a}]}\n"
        "objectives: [{id: o, statement: [1], accountable: [a, a]}]\nbeneficiaries: [{id: g, group: G, represented_by: zz}]\n",
        encoding="utf-8",
    )
    code, _, err = cli("check", str(tmp_path / "bad.yaml"), str(tmp_path / "odd.yaml"), *TODAY, "--format", f"html:{tmp_path / 'r.html'}")
    assert code == 1 and "Traceback" not in err
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    parse(page)
    bad = page[: page.index("odd.yaml</dd>")]
    assert "DOC01" in bad and "0</span><span class=\"out-of\">/100" in bad
    assert "SCH01" in page and "<strong>pilot</strong>" not in page
