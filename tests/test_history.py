"""`partnercheck history PATH`: a charter's scores over its git history, partners' arrivals and departures, amendments."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from amendment import amended, figure, original, scores_by_check
from git_support import commit, init

TODAY = ("--today", "2027-02-10", "--lang", "en")
LOGGED = amended().replace("\ncapitalisation:", "    - date: 2027-01-20\n      change: Avenant 1.1\n\ncapitalisation:", 1)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three commits of one charter: version 1.0, the amendment 1.1, then its change-log entry."""
    init(tmp_path)
    commit(tmp_path, {"aide.yaml": original()}, "charter 1.0", date="2026-06-15")
    commit(tmp_path, {"aide.yaml": amended()}, "amendment 1.1", date="2027-01-20")
    commit(tmp_path, {"aide.yaml": LOGGED}, "change log: amendment 1.1", date="2027-01-22")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def checked(cli, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, float]]:
    """What `check` scores each of the three versions: `history` must show the same figures."""
    folder = tmp_path_factory.mktemp("versions")
    out = []
    for i, text in enumerate((original(), amended(), LOGGED)):
        (folder / f"v{i}.yaml").write_text(text, encoding="utf-8")
        out.append(scores_by_check(cli, folder / f"v{i}.yaml", *TODAY))
    return out


def test_text_shows_each_revision_partners_and_amendments(cli, repo: Path, checked) -> None:
    code, out, err = cli("history", "aide.yaml", *TODAY)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "aide.yaml: 3 revisions"
    assert re.split(r"\s+", lines[1].strip()) == ["2026-06-15", "2027-01-20", "2027-01-22"]
    assert re.split(r"\s+", next(line for line in lines if line.strip().startswith("Members")).strip()) == ["Members", *(figure(v["members"]) for v in checked)]
    assert re.split(r"\s+", next(line for line in lines if line.strip().startswith("Version")).strip()) == ["Version", "1.0", "1.1", "1.1"]
    assert "Partners\n  2027-01-15  - afpa\n  2027-01-20  + mission-locale\n  2027-01-20  + cap-emploi\n" in out  # their own dates
    amendments = out.split("Amendments\n")[1].split("Change log\n")[0].splitlines()
    assert [a.split("  ")[1] for a in amendments] == ["2026-06-15", "2027-01-20"]  # the change-log commit changed no term
    assert amendments[1].endswith("amendment 1.1: 5 changes")
    assert out.rstrip().endswith("2027-01-20  Avenant 1.1")


def test_json_gives_every_revision_with_its_scores_and_changes(cli, repo: Path, checked) -> None:
    _, out, _ = cli("history", "aide.yaml", "-f", "json", *TODAY)
    data = json.loads(out)
    assert data["partnercheck-history"] == 1 and data["path"] == "aide.yaml"
    assert [(r["date"], r["subject"], r["version"]) for r in data["revisions"]] == [("2026-06-15", "charter 1.0", "1.0"), ("2027-01-20", "amendment 1.1", "1.1"), ("2027-01-22", "change log: amendment 1.1", "1.1")]
    assert [r["overall"] for r in data["revisions"]] == [v["overall"] for v in checked]
    assert checked[1]["overall"] < checked[0]["overall"]  # the amendment's new findings lower the score
    assert {(c["section"], c["kind"], c["subject"]) for c in data["revisions"][1]["changes"]} >= {("partners", "left", "afpa"), ("pilot", "mandate", "pilot"), ("objectives", "retargeted", "qualifier-demandeurs")}
    assert data["partners"] == [{"date": "2027-01-15", "partner": "afpa", "kind": "left"}, {"date": "2027-01-20", "partner": "mission-locale", "kind": "joined"}, {"date": "2027-01-20", "partner": "cap-emploi", "kind": "joined"}]


def test_html_draws_the_scores_as_an_svg_chart(cli, repo: Path) -> None:
    _, out, _ = cli("history", "aide.yaml", "-f", "html", *TODAY)
    svg = out[out.index("<svg") : out.index("</svg>")]
    assert svg.count("<polyline") == 11  # ten dimensions and the overall score
    overall = re.search(r'stroke-width="3.0" points="([^"]+)"', svg)
    assert overall is not None and len(overall.group(1).split()) == 3
    assert "<title>Overall</title>" in svg and "2027-01-22</text>" in svg
    assert "<h1>History of aide.yaml</h1>" in out


def test_every_word_has_its_french() -> None:
    from partnercheck.history.timeline import Point, Timeline
    from partnercheck.history.page import history_page as html
    from partnercheck.history.timeline_render import text
    from partnercheck.history.git import Revision
    from partnercheck.history.terms import TermChange
    from partnercheck.report.i18n import Translator

    tr = Translator("fr")
    first, second = (Point(Revision(c, d, "s", "a.yaml"), "1.0", None, t) for c, d, t in (("a" * 40, "2026-01-01", []), ("b" * 40, "2026-02-01", [TermChange("partners", "joined", "p", None, "P")])))
    timeline = Timeline("a.yaml", [first, second] * 5, [{"date": "2026-01-01", "change": "x"}])
    assert text(timeline, tr) and html(timeline, tr)
    assert not tr.missing_words, sorted(tr.missing_words)


@pytest.mark.parametrize(
    "setup, said",
    [
        ("untracked", "git has no history for it"),
        ("outside", "is not inside a git repository"),
        ("missing", "no such file"),
    ],
)
def test_what_history_cannot_read_is_a_usage_error(cli, repo: Path, tmp_path_factory: pytest.TempPathFactory, setup: str, said: str) -> None:
    target = {"untracked": repo / "new.yaml", "outside": tmp_path_factory.mktemp("plain") / "c.yaml", "missing": repo / "absent.yaml"}[setup]
    if setup != "missing":
        target.write_text(original(), encoding="utf-8")
    code, out, err = cli("history", str(target))
    assert code == 2 and out == "" and said in err and "Traceback" not in err


@pytest.mark.usefixtures("unpinned_lang")
def test_with_no_language_set_the_charter_s_own_decides(cli, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    code, out, err = cli("history", "aide.yaml", "--today", "2027-02-10")
    assert code == 0 and "internal error" not in err, err
    assert "Partenaires" in out or "révisions" in out, out[:400]
