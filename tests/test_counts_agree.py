"""Issue 16: the verdict, the score, the statistics and the report never contradict each other, in the reader's
language. A count of findings counts them as they are listed: a finding repeated across the items of a collection
(run/grouping.py) is one finding, however many places it stands for; only the score weighs each place. One charter
here has a grouped waived finding, grouped baselined findings and a grouped active one, read in French in text,
JSON, Markdown and HTML, and after the `baseline` command that recorded it."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from paths import EXAMPLES

HEALTHY = (EXAMPLES / "plateforme-aide-a-la-personne.yaml").read_text(encoding="utf-8")
WAIVERS = """
waivers:
  - {rule: TIM01, at: /partners/0, reason: accueil prévu, approved_by: comite-pilotage, expires_on: 2026-03-31}
  - {rule: TIM01, at: /partners/1, reason: accueil prévu, approved_by: comite-pilotage, expires_on: 2026-03-31}
"""
RUN = ("--today", "2026-01-15", "--isolated", "--lang", "fr", "--baseline", "base.json")


def without_onboarding(text: str, partners: int) -> str:
    """`text` with its first `partners` partners that still have one lacking `onboarding` (TIM01 on each)."""
    return re.sub(r"\n    onboarding: \{[^}]*\}", "", text, count=partners)


@pytest.fixture
def charter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> tuple[Path, str]:
    """Baselined: TIM01 and CHG04 at two partners each, REF01 twice; waived: TIM01 at two partners; then four more
    partners without onboarding (TIM01, CHG04 grouped and active). Returns the folder and the baseline command's output."""
    monkeypatch.chdir(tmp_path)
    recorded = without_onboarding(HEALTHY, 4).replace("accountable: rectorat", "accountable: rectorta") + WAIVERS
    (tmp_path / "c.yaml").write_text(recorded, encoding="utf-8")
    code, out, err = cli("baseline", "c.yaml", "-o", "base.json", *RUN[:-2])
    assert code == 0, err
    (tmp_path / "c.yaml").write_text(without_onboarding(recorded, 4), encoding="utf-8")
    return tmp_path, out


def number(pattern: str, text: str) -> int:
    found = re.search(pattern, text)
    assert found is not None, f"{pattern!r} not in {text!r}"
    return int(found.group(1))


def test_every_format_counts_a_grouped_finding_once(cli, charter: tuple[Path, str]) -> None:
    folder, recorded = charter
    code, out, err = cli("check", "c.yaml", *RUN, "--format", "json")
    assert code == 1, err
    report = json.loads(out)
    listed = report["findings"]
    kinds = {kind: [f for f in listed if (f.get("suppression") or {}).get("kind") == kind] for kind in ("waiver", "baseline")}
    active = [f for f in listed if not f["suppressed"]]
    assert all(any(f.get("related") for f in found) for found in (kinds["waiver"], kinds["baseline"], active)), "each kind has a grouped finding"
    waived, held, warnings = len(kinds["waiver"]), len(kinds["baseline"]), len(active)
    time = sum(1 for f in active if f["code"].startswith("TIM"))
    assert (waived, held, warnings, time) == (1, 4, 2, 1)

    # JSON: the summary and the score count alike
    summary, score = report["summary"], report["scores"]["files"][0]
    assert (summary["warnings"], summary["suppressed"], summary["failing"]) == (warnings, waived + held, warnings)
    assert (score["waived"], score["baselined"], len(score["verdict"]["blocking"])) == (waived, held, warnings)
    assert (score["dimensions"]["time"]["warnings"], score["dimensions"]["time"]["waived"], score["dimensions"]["time"]["baselined"]) == (time, waived, 1)

    # text: the summary line, the verdict line and --statistics
    code, text, _ = cli("check", "c.yaml", *RUN, "--statistics", "--color", "never")
    summary_line = next(line for line in text.splitlines() if line.startswith("Relevé"))
    verdict_line = next(line for line in text.splitlines() if line.startswith("✘"))
    for line in (summary_line, verdict_line):
        assert number(r"(\d+) sous dérogation", line) == waived and number(r"(\d+) dans l'état de référence", line) == held, line
    assert number(r"(\d+) avertissements", summary_line) == number(r"(\d+) problèmes bloquants", verdict_line) == warnings
    stats = text.split("Statistiques (constats par règle) :\n")[1].split("\n\n")[0]
    assert sum(int(row.split()[0]) for row in stats.splitlines()) == warnings

    # Markdown
    code, markdown, _ = cli("check", "c.yaml", *RUN, "--format", "markdown")
    assert number(r"(\d+) avertissements", markdown) == warnings
    assert number(r"### [^\n]*\((\d+)\)", markdown) == waived + held

    # HTML: the dimension table, the lines under the summary and the list of waived and baselined findings
    code, _, err = cli("check", "c.yaml", *RUN, "--format", "html:r.html")
    page = html.unescape((folder / "r.html").read_text(encoding="utf-8"))
    row = re.search(r"<th scope=\"row\">Temps et évolution</th><td>[^<]*</td><td>([^<]*)</td>", page)
    assert row is not None and row.group(1) == f"{time} avertissement"
    assert number(r"(\d+) constats? sous dérogation", page) == waived
    assert number(r"(\d+) constats? dans l'état de référence", page) == held
    section = page.split('<section class="waived">')[1].split("</section>")[0]
    assert number(r"<h2>[^<]*\((\d+)\)</h2>", section) == section.count("<tr><th scope=\"row\">") == waived + held

    # the baseline command counted what `check` then lists as baselined, and says how many places they cover
    assert "4 constats (6 endroits)" in recorded, recorded


def test_french_puts_a_space_before_the_semicolon_as_the_catalog_does(cli, charter: tuple[Path, str]) -> None:
    """The French catalog writes " ; " and " : " with a space before (`msgid "; "`): so do the lists the code joins."""
    folder, _ = charter
    _, text, _ = cli("check", "c.yaml", *RUN, "--color", "never")
    assert "(1 sous dérogation ou masqué ; 4 dans l'état de référence)" in text
    assert text.count("(1 sous dérogation ou masqué ; 4 dans l'état de référence)") == 2  # the summary and the verdict line
    cli("check", "c.yaml", *RUN, "--format", "html:r.html")
    places = re.search(r'<span class="places"> — ([^<]*)</span>', html.unescape((folder / "r.html").read_text(encoding="utf-8")))
    assert places is not None and "» ; partenaire «" in places.group(1) and "»; " not in places.group(1)


def test_base_counts_the_findings_already_there_as_the_summary_counts_them(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from git_support import commit, git, init

    init(tmp_path)
    commit(tmp_path, {"c.yaml": without_onboarding(HEALTHY, 3)}, "three partners without onboarding")
    git(tmp_path, "checkout", "-q", "-b", "feature")
    (tmp_path / "c.yaml").write_text(without_onboarding(HEALTHY, 3).replace("\nvision: >-\n", "\n# amended\nvision: >-\n"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("check", "c.yaml", "--base", "main", "--today", "2026-01-15", "--isolated", "--no-cache", "--format", "json")
    listed = [f for f in json.loads(out)["findings"] if (f.get("suppression") or {}).get("kind") == "baseline"]
    assert any(f.get("related") for f in listed), "a grouped finding is among those already there"
    assert number(r"(\d+) findings? already there", err) == len(listed) == json.loads(out)["scores"]["files"][0]["baselined"]
