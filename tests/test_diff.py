"""`partnercheck diff`: a realistic amendment in the partnership's terms, in text, JSON and Markdown."""

from __future__ import annotations

import json
from pathlib import Path

import html5lib
import pytest
from amendment import amended, figure, original, scores_by_check
from git_support import commit, git, init

TODAY = ("--today", "2027-02-10", "--lang", "en")


@pytest.fixture
def moved(cli, repo: Path) -> dict[str, tuple[str, str, str]]:
    """Members and overall as `check` scores them at main and on the branch: (before, after, change), as printed."""
    (repo / "at-main.yaml").write_text(original(), encoding="utf-8")
    before, after = scores_by_check(cli, "at-main.yaml", *TODAY), scores_by_check(cli, "charters/aide.yaml", *TODAY)
    (repo / "at-main.yaml").unlink()
    assert after["members"] < before["members"], "the two partners who joined must lower the members dimension"
    return {k: (figure(before[k]), figure(after[k]), f"{after[k] - before[k]:+.1f}") for k in ("members", "overall")}


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example charter on `main`, amended on the branch `amendment`."""
    init(tmp_path)
    commit(tmp_path, {"charters/aide.yaml": original(), "charters/other.yaml": original().replace("id: aide-personne-creteil", "id: autre")}, "charter 1.0")
    git(tmp_path, "checkout", "-q", "-b", "amendment")
    commit(tmp_path, {"charters/aide.yaml": amended()}, "amendment 1.1")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_text_tells_the_amendment_in_the_partnerships_terms(cli, repo: Path, moved) -> None:
    code, out, err = cli("diff", "main:charters/aide.yaml", "charters/aide.yaml", *TODAY)
    assert code == 1, err  # the two new partners bring findings
    assert out.startswith("charters/aide.yaml: main:charters/aide.yaml → charters/aide.yaml\n")
    assert "  Partners\n    - afpa left (AFPA Île-de-France)\n    + mission-locale joined (Mission locale des Bords de Marne)\n    + cap-emploi joined (Cap emploi 94)\n" in out
    assert "  Pilot\n    ~ pilot re-mandated: granted_on: 2026-06-15; term_until: 2028-08-31 → granted_on: 2027-01-20; term_until: 2029-08-31\n" in out
    assert "  Objectives\n    ~ qualifier-demandeurs retargeted: 240 → 300\n" in out
    assert "    ~ version 1.0 → 1.1\n" in out
    b, a, d = moved["members"]
    assert f"    Members             {b:>3}     {a:>4} {d}\n" in out
    assert "  Findings introduced (11)\n" in out and "Findings resolved" not in out
    # the rules about change read the amendment: afpa's departure is not in the change log, the retargeted
    # objective was not endorsed again, the log stops before the new mandate; the re-mandated pilot is fine
    assert "    276:5 CHG01 Partner `afpa` (AFPA Île-de-France) left, and no `evolution.change_log` entry names it.\n" in out
    assert "    382:5 CHG03 Objective `qualifier-demandeurs` changed (target)" in out
    assert "CHG07 The change log's last entry is dated 2026-06-15, but the charter records a change on 2027-01-20 (pilot.mandate.granted_on)." in out
    assert "CHG02" not in out and "CHG05" not in out


def test_json_lists_each_change_scores_and_findings(cli, repo: Path, moved) -> None:
    code, out, _ = cli("diff", "main:charters/aide.yaml", "charters/aide.yaml", "-f", "json", *TODAY)
    data = json.loads(out)
    assert data["partnercheck-diff"] == 1
    (charter,) = data["charters"]
    assert (charter["path"], charter["old"], charter["new"]) == ("charters/aide.yaml", "main:charters/aide.yaml", "charters/aide.yaml")
    kinds = [(c["section"], c["kind"], c["subject"]) for c in charter["changes"]]
    assert kinds == [
        ("charter", "version", "charter"),
        ("partners", "left", "afpa"),
        ("partners", "joined", "mission-locale"),
        ("partners", "joined", "cap-emploi"),
        ("pilot", "mandate", "pilot"),
        ("objectives", "retargeted", "qualifier-demandeurs"),
    ]
    retarget = charter["changes"][-1]
    assert (retarget["before"], retarget["after"], retarget["pointer"]) == (240, 300, "/objectives/0/target")
    assert charter["changes"][1]["after"] == "2027-01-15"  # left_on
    assert (figure(charter["scores"]["before"]["dimensions"]["members"]), figure(charter["scores"]["after"]["dimensions"]["members"])) == moved["members"][:2]
    partners = {(c, f"/partners/{i}") for c in ("ACC04", "MEM03", "MEM04", "PUR04") for i in (15, 16)}
    change = {("CHG01", "/partners/11"), ("CHG03", "/objectives/0"), ("CHG07", "/evolution/change_log")}
    assert sorted((f["code"], f["pointer"]) for f in charter["introduced"]) == sorted(partners | change)
    assert charter["resolved"] == []


def test_markdown_for_a_pull_request_comment(cli, repo: Path, moved) -> None:
    code, out, _ = cli("diff", "--base", "main", "-f", "markdown", *TODAY)
    assert code == 1
    assert out.startswith("## partnercheck: what this change does to the partnership\n\n### `charters/aide.yaml`\n")
    assert "other.yaml" not in out  # unchanged: not compared
    assert "**Partners**\n\n- afpa left (AFPA Île-de-France)\n- mission-locale joined (Mission locale des Bords de Marne)\n- cap-emploi joined (Cap emploi 94)\n" in out
    assert "**Objectives**\n\n- qualifier-demandeurs retargeted: 240 → 300\n" in out
    assert "| Members | {} | {} | {} |\n".format(*moved["members"]) in out and "| Overall | {} | {} | {} |\n".format(*moved["overall"]) in out
    assert "**Findings introduced (11)**\n\n- `CHG01` line 276: Partner `afpa`" in out
    assert "- `ACC04` line 350: Partner `mission-locale`" in out


def test_reformatting_changes_nothing(cli, repo: Path) -> None:
    reordered = original().replace("partnercheck: 1\n", "partnercheck: 1  # reformatted\n\n", 1)
    (repo / "charters" / "other.yaml").write_text(reordered.replace("id: aide-personne-creteil", "id: autre"))
    code, out, _ = cli("diff", "main:charters/other.yaml", "charters/other.yaml", *TODAY)
    assert code == 0
    assert "No change in the partnership's terms." in out and "introduced" not in out and "resolved" not in out


def test_going_back_resolves_findings_and_removing_partners_is_told(cli, repo: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    old.write_text(amended())
    code, out, _ = cli("diff", str(old), "main:charters/aide.yaml", "-f", "json", *TODAY)
    (charter,) = json.loads(out)["charters"]
    assert code == 1
    assert sorted((f["code"], f["pointer"]) for f in charter["introduced"]) == [("CHG01", "/partners"), ("CHG01", "/partners"), ("CHG03", "/objectives/0")]
    assert len(charter["resolved"]) == 10 and {f["code"] for f in charter["resolved"]} == {"ACC04", "MEM03", "MEM04", "PUR04", "CHG01", "CHG07"}


def test_french_has_every_word(cli, repo: Path) -> None:
    for fmt in ("text", "markdown"):
        code, out, _ = cli("diff", "main:charters/aide.yaml", "charters/aide.yaml", "-f", fmt, "--today", "2027-02-10", "--lang", "fr")
        assert "Partenaires" in out and "a quitté le partenariat" in out and "Findings" not in out and "before" not in out


@pytest.mark.parametrize(
    "argv, said",
    [
        (("diff", "main:charters/none.yaml", "charters/aide.yaml"), "charters/none.yaml does not exist at main"),
        (("diff", "nope:charters/aide.yaml", "charters/aide.yaml"), "diff nope: no such revision"),
        (("diff", "missing.yaml", "charters/aide.yaml"), "missing.yaml: no such file; give a charter file or REV:PATH"),
        (("diff", "charters/aide.yaml"), "diff takes two versions"),
    ],
)
def test_bad_sides_are_usage_errors(cli, repo: Path, argv: tuple[str, ...], said: str) -> None:
    code, out, err = cli(*argv)
    assert code == 2 and out == "" and said in err and "Traceback" not in err


def test_every_kind_of_change_has_its_french() -> None:
    from partnercheck.history.terms import SECTIONS, TermChange
    from partnercheck.history.words import TEMPLATES, change_line, section_title
    from partnercheck.report.i18n import Translator

    tr = Translator("fr")
    kinds = [TermChange("partners", kind, "x", "a", "b") for kind in TEMPLATES]
    kinds += [TermChange("pilot", "changed", "pilot", ["a"], ["b"]), TermChange("charter", "status", "charter", "draft", "signed")]
    lines = [change_line(k, tr) for k in kinds] + [section_title(s, tr) for s in SECTIONS]
    assert not tr.missing_words, sorted(tr.missing_words)
    assert len(set(lines)) == len(lines)


def test_html_is_a_report_page_with_a_section_per_charter_and_charter_text_escaped(cli, repo: Path, moved) -> None:
    hostile = amended().replace("name: Cap emploi 94", 'name: "<script>alert(1)</script>"')
    (repo / "charters" / "aide.yaml").write_text(hostile, encoding="utf-8")
    code, out, _ = cli("diff", "--base", "main", "-f", "html", *TODAY)
    assert code == 1 and out.startswith("<!DOCTYPE html>")
    assert out.count('<section class="changes">') == 1 and "<h2>charters/aide.yaml</h2>" in out
    assert '<span class="mark" aria-hidden="true">+</span> cap-emploi joined (&lt;script&gt;alert(1)&lt;/script&gt;)</li>' in out and "<script>" not in out
    # the hostile name is text left to fill in (DOC08), which weighs in members: the figures are check's on this version
    after = scores_by_check(cli, "charters/aide.yaml", *TODAY)["members"]
    before = moved["members"][0]
    assert '<tr><th scope="row">Members</th><td>{}</td><td>{}</td><td>{:+.1f}</td></tr>'.format(before, figure(after), after - float(before)) in out
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(out)  # the board report's own template: valid HTML


@pytest.mark.usefixtures("unpinned_lang")
def test_with_no_language_set_the_charter_s_own_decides(cli, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No --lang, no PARTNERCHECK_LANG, an English locale: the charter says `language: fr`, so the diff speaks French
    (it crashed when the versions compared were asked for a checked file's `stated_language`)."""
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    for argv in (("diff", "main:charters/aide.yaml", "charters/aide.yaml"), ("diff", "--base", "main", "-f", "markdown")):
        code, out, err = cli(*argv, "--today", "2027-02-10")
        assert code == 1 and "internal error" not in err, err
        assert "Partenaires" in out
