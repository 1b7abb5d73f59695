"""The HTML health report: self-contained, escaped, well nested, with every part the issue asks for."""

from __future__ import annotations

import json
import re
from collections import Counter
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import html5lib
import pytest
from catalog.support import healthy
from paths import EXAMPLES
from report_support import roster

from partnercheck.plugins.manager import load_registry

from partnercheck.report.score import DIMENSIONS

HEALTHY = str(EXAMPLES / "plateforme-aide-a-la-personne.yaml")
NO_PILOT = str(EXAMPLES / "broken" / "sans-pilote.yaml")
TODAY = ("--today", "2026-01-15")
VOID = {"meta", "br", "hr", "img", "input", "link", "rect", "circle", "line", "path", "polygon"}
REGISTRY = load_registry()


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


def report(cli, charter: str, out: Path, *extra: str) -> str:
    """The report in English (`--lang en`: the examples are written in French, and a report follows its charter)."""
    code, stdout, err = cli("report", charter, "-o", str(out), *TODAY, "--lang", "en", *extra)
    assert code == 0, err
    assert f"Wrote {out}" in stdout
    return out.read_text(encoding="utf-8")


def section(page: str, name: str) -> str:
    start = page.index(f'<section class="{name}')
    return page[start : page.index("</section>", start)]


def test_the_page_is_self_contained(cli, tmp_path: Path) -> None:
    page = report(cli, NO_PILOT, tmp_path / "r.html")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page.lower()
    assert not re.search(r"\b(src|href)\s*=", page, re.I)
    assert "@import" not in page and "url(" not in page and "<link" not in page
    assert set(re.findall(r"https?://[^\s\"'<>]+", page)) == {"http://www.w3.org/2000/svg"}
    assert "@media print" in page and "@page" in page and "@media (max-width" in page


def test_the_page_is_valid_html(cli, tmp_path: Path) -> None:
    for charter in (HEALTHY, NO_PILOT, str(EXAMPLES / "broken")):
        code, _, err = cli("check", charter, *TODAY, "--format", f"html:{tmp_path / 'r.html'}")
        assert "Traceback" not in err
        valid(( tmp_path / "r.html").read_text(encoding="utf-8"))


def valid(page: str) -> None:
    """html5lib in strict mode raises on the first parse error (a stray tag, bad nesting, a missing doctype)."""
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)
    parse(page)


def test_the_summary_says_verdict_score_and_actions_without_codes(cli, tmp_path: Path) -> None:
    page = report(cli, NO_PILOT, tmp_path / "r.html")
    summary = section(page, "summary")
    text = unescape(re.sub(r"<[^>]+>", " ", summary))
    assert re.search(r"Not ready to sign: \d+ blocking problems?", text)
    assert re.search(r"\d+(\.\d)?\s*/100\s+overall health score", text)
    assert "Before signing" in text and "Name the pilot (or co-pilots) by partner id" in text
    assert page.index('<section class="summary') < page.index('<section class="glance"') < page.index('<section class="findings"')
    codes = {f.split()[0] for f in re.findall(r"<code>([A-Z]{3}\d{2})</code>", page)}
    assert codes >= {"PIL01", "EVA01"}
    for code in codes:  # codes, rule names and pointers stay in the appendix
        assert code not in text
    assert "pilot-designated" not in text and "/pilot" not in text and "line " not in text


def test_the_header_has_title_status_period(cli, tmp_path: Path) -> None:
    page = report(cli, NO_PILOT, tmp_path / "r.html")
    text = "".join(parse(page).text)
    assert "Plateforme de formation aux métiers de l'aide à la personne" in text
    assert "Status" in text and "draft" in text
    assert "2026-09-01 to 2028-08-31" in text


def test_the_chart_is_inline_svg_with_every_dimension(cli, tmp_path: Path) -> None:
    page = report(cli, NO_PILOT, tmp_path / "r.html")
    svg = page[page.index('<svg class="chart"') :]
    svg = svg[: svg.index("</svg>")]
    for dimension in DIMENSIONS:
        assert f">{dimension.capitalize()}</text>" in svg
    assert svg.count('class="bar ') == len(DIMENSIONS)
    assert 'role="img"' in svg


def test_the_partner_map_is_a_network_of_bodies_partners_objectives_and_groups(cli, tmp_path: Path) -> None:
    page = report(cli, HEALTHY, tmp_path / "r.html")
    svg = page[page.index('<svg class="partner-map ') :]
    svg = svg[: svg.index("</svg>")]
    data = healthy()
    nodes = re.findall(r'<g class="node (\w+)([^"]*)">\s*<title>([^<]*)</title>', svg)
    kinds = Counter(kind for kind, _, _ in nodes)
    assert kinds == {"partner": 15, "body": 3, "objective": 5, "beneficiary": 2}
    pilots = [unescape(title) for kind, flags, title in nodes if "pilot" in flags]
    assert pilots == [unescape(p["name"]) + " (pilot)" for p in data["partners"] if p["id"] in ("rectorat", "region")]
    assert [unescape(t) for k, f, t in nodes if "inactive" in f] == ["Département de Seine-et-Marne"]
    edges = Counter(re.findall(r'<path class="edge (\w+)"', svg))
    assert edges["member"] == sum(len(b["members"]) for b in data["governance"]["bodies"])
    assert edges["accountable"] == len(data["objectives"])
    assert edges["contributes"] == sum(len(o["contributors"]) for o in data["objectives"])
    assert edges["seat"] == sum(len(b["seats"]) for b in data["beneficiaries"])
    assert edges["represents"] == sum(len(b["represented_by"]) for b in data["beneficiaries"])
    assert svg == report(cli, HEALTHY, tmp_path / "again.html")[page.index('<svg class="partner-map ') :][: len(svg)]  # the same layout every time


def test_the_partner_map_is_as_big_as_what_it_shows(cli, tmp_path: Path) -> None:
    """The SVG is drawn at its own size, never stretched to the page: its size grows with the partners shown, and it
    shrinks on a narrow page only down to the width its class names in the style sheet."""
    from partnercheck.report.formats.partner_map import FONT_PX, READABLE_PX

    sizes = {}
    for n in (3, 40):
        path = tmp_path / f"roster-{n}.json"
        path.write_text(json.dumps(roster(n)), encoding="utf-8")
        page = report(cli, str(path), tmp_path / f"r{n}.html")
        tag = re.search(r'<svg class="partner-map (cols-\d)" [^>]*viewBox="0 0 ([\d.]+) ([\d.]+)" width="([\d.]+)" height="([\d.]+)"', page)
        assert tag is not None
        size, vw, vh, w, h = tag.group(1), *map(float, tag.groups()[1:])
        assert (w, h) == (vw, vh)  # one unit, one pixel
        least = re.search(rf"svg\.partner-map\.{size} {{ min-width: (\d+)px; }}", page)
        assert least is not None and w * READABLE_PX / FONT_PX <= float(least.group(1)) < w
        sizes[n] = (w, h)
    assert sizes[3][0] == sizes[40][0] < 600  # two columns, whatever the number of partners
    assert sizes[3][1] < 200 < 40 * 30 < sizes[40][1]
    css = re.search(r"svg\.partner-map \{([^}]*)\}", page)
    assert css is not None and "max-width: 100%" in css.group(1) and "width: 100%" not in css.group(1).replace("max-width", "")
    assert f"svg.partner-map text {{ font: {FONT_PX}px" in page


def test_the_glance_shows_objectives_bodies_calendar_and_signatures(cli, tmp_path: Path) -> None:
    page = unescape(section(report(cli, HEALTHY, tmp_path / "r.html"), "glance"))
    rows = re.findall(r"<tr[^>]*>.*?</tr>", page, re.S)
    qualify = next(r for r in rows if "Qualifier 240 demandeurs" in r)
    for value in ("240", "2028-08-31", "Entrées en formation qualifiante", "Taux de qualification", "Rectorat de l'académie de Créteil", "GRETA de Seine-Saint-Denis", "all partners"):
        assert value in qualify, value
    steering = next(r for r in rows if "Comité de pilotage" in r and "<th scope" in r)
    for value in ("strategic", "every 4 months", "consent", "La moitié des membres au moins", "Tremplin Domicile"):
        assert value in steering, value
    assert "every month" in next(r for r in rows if "Comité technique des parcours" in r)
    calendar = page[page.index("Evaluation calendar") : page.index("Who has signed")]
    assert "Measure: Entrées en formation qualifiante" in calendar and "every 3 months" in calendar
    assert "Review of the partnership's health" in calendar and "every 12 months (last done 2026-06-01)" in calendar
    deadlines = re.findall(r"<td[^>]*>(\d{4}-\d{2}-\d{2})</td>", calendar)
    assert len(deadlines) == 7 and deadlines == sorted(deadlines)
    signed = sum(1 for p in healthy()["partners"] if p.get("signed") is True)
    assert f"{signed} of 15 partners have signed." in page
    assert len(re.findall(r'<tr class="signed-yes">', page)) == signed
    group = next(r for r in rows if "Demandeurs d'emploi" in r)
    assert "Tremplin" in group and "partnership" in group


def test_findings_are_grouped_by_dimension_with_why_once_per_rule_where_in_words_and_hint(cli, tmp_path: Path) -> None:
    data = healthy()
    for partner in data["partners"][:4]:
        del partner["onboarding"]
    charter = tmp_path / "c.yaml"
    charter.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    page = report(cli, str(charter), tmp_path / "r.html")
    time = page[page.index('<h3 id="dim-time">') :]
    time = time[: time.index("</section>")]
    assert time.count("Why it matters:") == 1 and time.count('class="where finding') == 4 and "Where (4):" in time
    why = " ".join(REGISTRY.rules["TIM01"].why.split())
    assert unescape(re.sub(r"<[^>]+>", "", why[why.index(":") + 1 :].strip())) in unescape(re.sub(r"<[^>]+>", "", time))
    assert "S4:" not in time and "TIM01" not in time
    assert data["partners"][0]["name"].startswith("Rectorat de l'académie de Créteil (délégation")
    assert "partner “Rectorat de l'académie de Créteil”" in unescape(time)  # where, in words (short name): no pointer, no line
    assert "What to write:" in time and "<pre>" in time
    page = report(cli, NO_PILOT, tmp_path / "r2.html")
    order = [m.group(1) for m in re.finditer(r'<h3 id="dim-([a-z]+)">', page)]
    assert order == sorted(order, key=lambda n: (["document", *DIMENSIONS]).index(n))


def test_the_appendix_lists_codes_lines_and_pointers(cli, tmp_path: Path) -> None:
    page = report(cli, NO_PILOT, tmp_path / "r.html")
    appendix = section(page, "appendix")
    code, out, _ = cli("check", NO_PILOT, *TODAY, "--format", "json")
    grouped = json.loads(out)["findings"]
    findings = [{**f, **place} for f in grouped for place in [{}, *f.get("related", [])]]  # every place of a grouped finding has its row
    assert len(findings) > len(grouped)
    rows = re.findall(r"<tr>.*?</tr>", appendix[appendix.index("<tbody>") :], re.S)
    assert len(rows) == len(findings)
    for f in findings:
        assert any(f"<code>{f['code']}</code>" in r and f">{f['line']}</th>" in r and (not f["pointer"] or f"<code>{f['pointer']}</code>" in r) for r in rows), f


def test_everything_is_escaped_and_waived_findings_are_listed(cli, waived_charter: Path, tmp_path: Path) -> None:
    page = report(cli, str(waived_charter), tmp_path / "r.html")
    valid(page)
    assert "<script>" not in page and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Plateforme &amp; co" in page
    assert "<b>bold</b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page
    waived = page[page.index('<section class="waived">') :]
    assert "GOV02" in waived
    assert "Conflicts go to the &lt;em&gt;prefect&lt;/em&gt; &amp; the rector" in waived
    assert "comite-pilotage" in waived and "2027-06-30" in waived
    assert "1 finding waived" in page
    findings = section(page, "findings")
    assert "Why it matters" in findings and "conflict" in findings.lower()
    assert "conflict_resolution" not in findings.replace("conflict_of_interest", "")  # GOV02 is waived: only GOV04 is left


def test_a_clean_charter_says_so(cli, tmp_path: Path) -> None:
    page = report(cli, HEALTHY, tmp_path / "r.html")
    assert "Ready to sign" in page and "No finding: nothing is left to fix." in page
    assert '<section class="waived">' not in page and '<section class="appendix">' not in page


@pytest.mark.usefixtures("unpinned_lang")
def test_the_report_follows_the_charter_language_unless_told(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "r.html"
    assert cli("report", NO_PILOT, "-o", str(out), *TODAY)[0] == 0
    assert '<html lang="fr">' in out.read_text(encoding="utf-8")  # the example is written in French
    text = Path(NO_PILOT).read_text(encoding="utf-8")
    assert "\n  language: fr\n" in text
    english = tmp_path / "en.yaml"
    english.write_text(text.replace("\n  language: fr\n", "\n  language: en-GB\n"), encoding="utf-8")
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    assert cli("report", str(english), "-o", str(out), *TODAY)[0] == 0
    assert '<html lang="en">' in out.read_text(encoding="utf-8")  # the charter's language over the locale
    english.write_text(text.replace("\n  language: fr\n", "\n"), encoding="utf-8")
    assert cli("report", str(english), "-o", str(out), *TODAY)[0] == 0
    assert '<html lang="fr">' in out.read_text(encoding="utf-8")  # none stated: the locale's
    assert cli("report", NO_PILOT, "-o", str(out), *TODAY, "--lang", "en")[0] == 0
    assert '<html lang="en">' in out.read_text(encoding="utf-8")  # --lang over the charter
    (tmp_path / ".partnercheck.yaml").write_text("lang: en\n", encoding="utf-8")
    french = tmp_path / "fr.yaml"
    french.write_text(Path(NO_PILOT).read_text(encoding="utf-8"), encoding="utf-8")
    assert cli("report", str(french), "-o", str(out), *TODAY)[0] == 0
    assert '<html lang="en">' in out.read_text(encoding="utf-8")  # and so does `lang:`


def test_a_pdf_without_chromium_is_a_clear_error(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTNERCHECK_CHROMIUM", str(tmp_path / "no-such-browser"))
    code, out, err = cli("report", NO_PILOT, "-o", str(tmp_path / "r.pdf"), *TODAY)
    assert code == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "no Chromium found" in err and "apt-get install chromium" in err
    assert not (tmp_path / "r.pdf").exists()


def test_check_format_html_produces_the_same_report(cli, tmp_path: Path) -> None:
    page = report(cli, NO_PILOT, tmp_path / "r.html")
    cli("check", NO_PILOT, *TODAY, "--lang", "en", "--format", f"html:{tmp_path / 'c.html'}")
    assert (tmp_path / "c.html").read_text(encoding="utf-8") == page


def test_several_charters_make_one_page_with_an_article_each(cli, tmp_path: Path) -> None:
    cli("check", HEALTHY, NO_PILOT, *TODAY, "--format", f"html:{tmp_path / 'all.html'}")
    page = (tmp_path / "all.html").read_text(encoding="utf-8")
    parse(page)
    assert page.count('<article class="charter">') == 2
    assert "<title>Partnership health report — 2 charters</title>" in page


def test_report_to_standard_output(cli) -> None:
    code, out, _ = cli("report", NO_PILOT, "-o", "-", *TODAY, "--lang", "en")
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
    assert "DOC01" in bad and "its health is not assessed" in bad  # no "0/100" beside dimensions all "n/a"
    assert "/100" not in bad and "Health by dimension" not in bad
    assert "SCH01" in page and "partner pilot" not in page  # `pilot: {partners: a}` names no pilot


def test_an_action_before_signing_is_the_hint_s_whole_sentence_however_it_wraps() -> None:
    """A hint whose words wrap onto a second line was cut at the line break ("… (funding, staff, in_kind,")."""
    from partnercheck.findings import Finding, Severity
    from partnercheck.report.formats.board import _imperative
    from partnercheck.report.i18n import Translator

    hint = "List what the partner brings, of any kind (funding, staff, in_kind,\nexpertise, network or premises):\n  contributions:\n    - kind: <kind>\n"
    finding = Finding(code="MEM03", name="x", severity=Severity.WARNING, message="m", path="c.yaml", pointer="/partners/0", line=1, column=1, end_line=1, end_column=2, hint=hint)
    assert _imperative(finding, None, Translator()) == "List what the partner brings, of any kind (funding, staff, in_kind, expertise, network or premises)"
