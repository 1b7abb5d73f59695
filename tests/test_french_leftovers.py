"""Issue 16: English found in French output by the new-user trial, now read through the catalog: git's errors
(`--base`, `diff REV:PATH`), JUnit's failure messages, why the baseline or `--base` hides a finding, the packs'
groundings; and the editor's hover writes a charter's `true` as YAML does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from git_support import commit, git, init
from lsprotocol import types

from partnercheck.report.i18n import Translator

CHARTER = """partnercheck: 1
charter: {id: c, title: C}
partners:
  - {id: a, name: A, type: funder}
  - {id: b, name: B, type: funder}
pilot: {partners: [a]}
"""
SELECT = ("--select", "PIL02,MEM01", "--isolated", "--no-cache", "--lang", "fr")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    init(tmp_path)
    commit(tmp_path, {"c.yaml": CHARTER}, "a charter")
    git(tmp_path, "checkout", "-q", "-b", "feature")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_git_errors_speak_french(cli, repo: Path) -> None:
    code, _, err = cli("check", "c.yaml", "--base", "no-such-branch", *SELECT)
    assert code == 2 and err.startswith("partnercheck : erreur : --base no-such-branch : aucune révision de ce nom dans ")
    assert "no such revision" not in err
    code, _, err = cli("diff", "main:absent.yaml", "c.yaml", "--lang", "fr")
    assert code == 2 and "absent.yaml n'existe pas dans la révision main" in err
    code, _, err = cli("diff", "missing.yaml", "c.yaml", "--lang", "fr")
    assert code == 2 and "missing.yaml : fichier introuvable ; donnez un fichier de charte ou RÉV:CHEMIN" in err


def test_junit_speaks_french(cli, repo: Path) -> None:
    (repo / "c.yaml").write_text(CHARTER.replace("  - {id: b, name: B, type: funder}\n", "  - {id: b, name: B, type: funder}\n  - {id: d, name: D, type: funder}\n"), encoding="utf-8")
    code, out, _ = cli("check", "c.yaml", "--base", "main", "--format", "junit", "--min-score", "100", *SELECT)
    assert '<failure message="MEM01 ' in out  # the one new finding
    assert "le score de santé" in out and "est sous le minimum 100" in out and "is below the minimum" not in out
    assert "masqué (état de référence) : déjà présent dans main (" in out and "suppressed by" not in out and "already at" not in out
    assert "avertissement" in out and " warning " not in out


def test_junit_counts_the_failing_findings_in_french(cli, tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text(CHARTER, encoding="utf-8")
    _, out, _ = cli("check", str(tmp_path / "c.yaml"), "--format", "junit", *SELECT)
    failure = re.search(r'<failure message="([^"]*)"', out)
    assert failure is not None and failure.group(1).startswith("2 constats, dont le premier : MEM01 "), failure
    _, english, _ = cli("check", str(tmp_path / "c.yaml"), "--format", "junit", *SELECT[:-2])
    assert '<failure message="2 findings, first MEM01 ' in english


def test_the_baseline_s_reason_speaks_french(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c.yaml").write_text(CHARTER, encoding="utf-8")
    assert cli("baseline", "c.yaml", "-o", "base.json", "--select", "PIL02,MEM01", "--isolated")[0] == 0
    _, markdown, _ = cli("check", "c.yaml", "--baseline", "base.json", "--format", "markdown", *SELECT)
    assert "— état de référence — accepté dans l'état de référence base.json" in markdown and "accepted in" not in markdown
    _, english, _ = cli("check", "c.yaml", "--baseline", "base.json", "--format", "markdown", *SELECT[:-2])
    assert "— baseline — accepted in the baseline base.json" in english


#: Groundings that are names alone, read the same in every language.
NAMES = {*(f"S{n}" for n in range(1, 10)), "RACI", "Wilder (communication)"}


def test_every_grounding_of_the_packs_reads_in_french() -> None:
    from partnercheck.plugins.manager import PluginSelection, load_registry

    registry = load_registry(PluginSelection(autoload=False))
    french = Translator("fr")
    groundings = {g for rule in registry.rules.values() for g in rule.grounding}
    left = sorted(g for g in groundings - NAMES if french.grounding(g) == g)
    assert not left, f"no French for these groundings: {left}"
    assert Translator("en").grounding("UK PAT principle 5") == "UK PAT principle 5"


def test_rule_shows_its_grounding_in_french(cli) -> None:
    code, out, _ = cli("rule", "ACC03", "--lang", "fr")
    grounding = " ".join(out.split("Fondements")[1].split("Champs lus")[0].split())
    assert code == 0 and "UK PAT, principe 5 ; Huxham & Vangen (inertie collaborative)" in grounding


def test_hover_writes_a_boolean_as_yaml_does() -> None:
    from partnercheck.document.load import load_document
    from partnercheck.server.hover import hover

    text = "partnercheck: 1\ncharter: {id: c, title: C}\npartners:\n  - {id: a, name: A, type: funder, signed: true}\npilot: {partners: [a]}\n"
    doc = load_document("c.yaml", text.encode("utf-8"))
    shown = hover(doc, None, types.Position(line=4, character=len("pilot: {partners: [")))
    assert shown is not None and "- `signed`: true" in shown.contents.value and "True" not in shown.contents.value


# the smaller points of the trial ------------------------------------------------------------------------------


def test_nothing_to_judge_is_said_with_the_fields_not_codes_and_pointers(cli, tmp_path: Path) -> None:
    from paths import EXAMPLES

    charter = tmp_path / "c.yaml"
    charter.write_text((EXAMPLES / "plateforme-aide-a-la-personne.yaml").read_text(encoding="utf-8").replace("  status: draft\n", ""), encoding="utf-8")
    _, out, _ = cli("check", str(charter), "--today", "2026-01-15", "--isolated", "--lang", "fr", "--color", "never")
    line = next(line for line in out.splitlines() if "Rien d'écrit à juger" in line)
    assert line.endswith(": `charter.status`") and "MEM05" not in line and "/charter" not in line
    cli("check", str(charter), "--today", "2026-01-15", "--isolated", "--lang", "fr", "--format", f"html:{tmp_path / 'r.html'}")
    appendix = (tmp_path / "r.html").read_text(encoding="utf-8").split('<section class="appendix">')[1]
    assert "MEM05 /charter/status" in appendix  # the technical detail keeps the code and the pointer


def test_a_misspelt_section_is_told_by_its_finding_alone(cli, tmp_path: Path) -> None:
    from paths import EXAMPLES

    charter = tmp_path / "c.yaml"
    charter.write_text((EXAMPLES / "plateforme-aide-a-la-personne.yaml").read_text(encoding="utf-8").replace("\nobjectives:\n", "\nobjectifs:\n"), encoding="utf-8")
    code, out, _ = cli("check", str(charter), "--today", "2026-01-15", "--isolated", "--lang", "fr", "--color", "never")
    assert code == 1 and "vouliez-vous dire `objectives`" in out
    assert [line for line in out.splitlines() if "Rien d'écrit à juger" in line] == []


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_starter_points_to_the_format_page(cli, tmp_path: Path, lang: str) -> None:
    target = tmp_path / "charte.yaml"
    assert cli("init", str(target), "--lang", lang)[0] == 0
    text = target.read_text(encoding="utf-8")
    assert "docs/format.md" in text and "CHARTER-FORMAT" not in text


def test_french_says_garant_for_accountable_everywhere() -> None:
    """`accountable` is « garant » in French (RACI's A); « responsable » is RACI's R (`responsible`)."""
    from report_support import french_words

    accountable = {en: fr for en, fr in french_words().items() if re.search(r"\baccountable\b", en, re.IGNORECASE)}
    assert accountable and all("garant" in fr.lower() and "responsable" not in fr for fr in accountable.values()), accountable


def _descriptions(node: object) -> list[str]:
    if isinstance(node, dict):
        own = [node["description"]] if isinstance(node.get("description"), str) else []
        return own + [d for value in node.values() for d in _descriptions(value)]
    if isinstance(node, list):
        return [d for value in node for d in _descriptions(value)]
    return []


def test_every_description_of_the_charter_schema_reads_in_french() -> None:
    import json

    from paths import ROOT

    descriptions = set(_descriptions(json.loads((ROOT / "schemas" / "charter.schema.json").read_text(encoding="utf-8"))))
    french = Translator("fr")
    left = sorted(d for d in descriptions if french.schema_description(d) == d)
    assert len(descriptions) > 200 and not left, left[:10]


def test_hover_describes_a_key_in_the_reader_s_language() -> None:
    from types import SimpleNamespace

    from partnercheck.document.load import load_document
    from partnercheck.server.hover import hover

    text = "partnercheck: 1\ncharter: {id: c, title: C}\nvision: Former ensemble.\n"
    doc = load_document("c.yaml", text.encode("utf-8"))
    for lang, said in (("fr", "`vision` : La vision partagée ou le programme commun, en une ou deux phrases."), ("en", "`vision`: The shared vision or common agenda, in one or two sentences.")):
        checked = SimpleNamespace(findings=(), document=None, translator=Translator(lang), registry=None)
        shown = hover(doc, checked, types.Position(line=2, character=2))  # type: ignore[arg-type]
        assert shown is not None and shown.contents.value == said
