"""`partnercheck report CHARTER --base REF`: the board report's "What changed since REF" section and the score-over-time chart."""

from __future__ import annotations

import re
from pathlib import Path

import html5lib
import pytest
from amendment import amended, original
from git_support import commit, git, init

TODAY = ("--today", "2027-02-10")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example charter on `main` (2026-06-15), amended on the branch `amendment` (2027-01-20)."""
    init(tmp_path)
    commit(tmp_path, {"charters/aide.yaml": original()}, "charter 1.0", date="2026-06-15")
    git(tmp_path, "checkout", "-q", "-b", "amendment")
    commit(tmp_path, {"charters/aide.yaml": amended()}, "amendment 1.1", date="2027-01-20")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def report(cli, *argv: str) -> str:
    code, out, err = cli("report", *argv, "-o", "-", *TODAY)
    assert code == 0, err
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(out)  # valid HTML, as the report's other tests ask
    return out


def section(page: str, name: str) -> str:
    found = re.search(rf'<section class="{name}">.*?</section>', page, re.S)
    assert found, f"no {name} section"
    return found.group(0)


def test_the_report_tells_what_changed_since_the_base(cli, repo: Path) -> None:
    page = report(cli, "charters/aide.yaml", "--base", "main", "--lang", "en")
    changes = section(page, "changes")
    assert "<h2>What changed since main</h2>" in changes and "main:charters/aide.yaml → charters/aide.yaml" in changes
    for said in ("afpa left (AFPA Île-de-France)", "mission-locale joined (Mission locale des Bords de Marne)", "cap-emploi joined (Cap emploi 94)", "qualifier-demandeurs retargeted: 240 → 300", "pilot re-mandated"):
        assert said in changes, said
    assert re.search(r'<tr><th scope="row">Members</th><td>100</td><td>9\d(\.\d)?</td><td>-\d', changes)
    assert "<h3>Findings introduced (11)</h3>" in changes and "Findings resolved" not in changes
    assert 'partner “Cap emploi 94”' in changes  # where, in words: codes and lines are the appendix's
    assert "CHG01" not in changes and "line " not in changes
    # the board's other sections stay as they were
    assert page.index('<section class="dimensions">') < page.index('<section class="changes">') < page.index('<section class="findings">')


def test_the_report_draws_the_score_over_time_with_partners_and_amendments(cli, repo: Path) -> None:
    page = report(cli, "charters/aide.yaml", "--base", "main", "--lang", "en")
    history = section(page, "history")
    svg = history[history.index("<svg") : history.index("</svg>")]
    assert svg.count("<polyline") == 11 and len(re.search(r'stroke-width="3.0" points="([^"]+)"', svg).group(1).split()) == 2
    assert svg.count('class="amendment"') == 1 and "<title>Amendment: amendment 1.1: 5 changes</title>" in svg
    assert "<title>afpa left (2027-01-15)</title>" in svg and "<title>mission-locale joined (2027-01-20)</title>" in svg
    assert '<li><span class="date">2027-01-20</span> cap-emploi joined</li>' in history
    assert '<span class="date">2026-06-15</span> first version: charter 1.0' in history


def test_without_base_the_report_has_no_such_section(cli, repo: Path) -> None:
    page = report(cli, "charters/aide.yaml", "--lang", "en")
    assert 'class="changes"' not in page and 'class="history"' not in page


def test_a_charter_not_committed_has_changes_and_no_history(cli, repo: Path) -> None:
    (repo / "charters" / "new.yaml").write_text(original(), encoding="utf-8")
    page = report(cli, "charters/new.yaml", "--base", "main", "--lang", "en")
    changes = section(page, "changes")
    assert "main:charters/new.yaml → charters/new.yaml" in changes and "rectorat joined" in changes
    assert 'class="history"' not in page


def test_hostile_values_are_escaped(cli, repo: Path) -> None:
    hostile = amended().replace("name: Cap emploi 94", 'name: "<script>alert(1)</script>"').replace("    target: 300\n", '    target: "<img src=x onerror=alert(1)>"\n', 1)
    commit(repo, {"charters/aide.yaml": hostile}, "<b>hostile</b> & co")
    page = report(cli, "charters/aide.yaml", "--base", "main", "--lang", "en")
    assert "<script>" not in page and "<img" not in page and "<b>hostile" not in page
    assert "cap-emploi joined (&lt;script&gt;alert(1)&lt;/script&gt;)" in section(page, "changes")
    assert "&lt;b&gt;hostile&lt;/b&gt; &amp; co" in section(page, "history")


def test_the_french_report_says_it_all_in_french(cli, repo: Path) -> None:
    page = report(cli, "charters/aide.yaml", "--base", "main", "--lang", "fr")
    changes, history = section(page, "changes"), section(page, "history")
    assert "<h2>Ce qui a changé depuis main</h2>" in changes and "Constats introduits (11)" in changes and "<th>avant</th>" in changes
    assert "<h2>Le score au fil du temps</h2>" in history and "cap-emploi a rejoint le partenariat" in history and "Avenant" in history
    for english in ("What changed", "joined", " left", "Findings", "before", "after", "Score over time", "Amendment", "first version", "Overall"):
        assert english not in re.sub(r"<[^>]+>", " ", changes + history), english  # the words shown, tooltips included, not the markup


def test_every_word_of_the_sections_has_its_french() -> None:
    from partnercheck.history.sections import changes_view, history_view
    from partnercheck.history.timeline_render import chart

    from partnercheck.history.compare import Comparison, Version
    from partnercheck.history.git import Revision
    from partnercheck.history.terms import TermChange
    from partnercheck.history.timeline import Point, Timeline
    from partnercheck.report.i18n import Translator

    tr = Translator("fr")
    terms = [TermChange("partners", "joined", "p", None, "P"), TermChange("partners", "left", "q", "Q", None)]
    points = [Point(Revision("a" * 40, "2026-01-01", "s", "a.yaml"), "1.0", None), Point(Revision("b" * 40, "2026-02-01", "t", "a.yaml"), "1.1", None, terms)]
    views = [changes_view(Comparison("a.yaml", Version("x", b""), Version("y", b""), terms), tr, "t", board=True), history_view(Timeline("a.yaml", points), tr, table=True), chart(Timeline("a.yaml", points), tr)]
    assert views and not tr.missing_words, sorted(tr.missing_words)


def test_a_bad_base_is_a_one_line_usage_error(cli, repo: Path) -> None:
    code, out, err = cli("report", "charters/aide.yaml", "--base", "nope", "-o", "-", *TODAY)
    assert code == 2 and out == "" and "--base nope: no such revision" in err and "Traceback" not in err
