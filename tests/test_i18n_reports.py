"""The reports' own words in French (`--lang fr`), and English left exactly as it was.

Findings' messages are translated elsewhere (tests/test_i18n.py); here: the words
of the text, markdown and HTML reports, `partnercheck report`'s last line,
`partnercheck rule(s) --lang fr`, and the words of the catalog
`locale/fr/LC_MESSAGES/partnercheck.po` itself (its entries without `msgctxt`).
"""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from paths import EXAMPLES, ROOT
from report_support import french_words

from partnercheck.config.settings import Settings
from partnercheck.findings import Severity
from partnercheck.plugins.manager import load_registry
from partnercheck.report.conditions import named
from partnercheck.report.formats import html, markdown, text
from partnercheck.report.i18n import Translator, translate_run
from partnercheck.report.score import DIMENSIONS, TITLES, score_run
from partnercheck.run.lint import Request, lint

REGISTRY = load_registry()
TODAY = date(2026, 1, 15)
HEALTHY = EXAMPLES / "plateforme-aide-a-la-personne.yaml"
BROKEN = sorted((EXAMPLES / "broken").glob("*.yaml"))
CASES = {"healthy": [HEALTHY], **{p.stem: [p] for p in BROKEN}, "all-broken": BROKEN, "everything": [EXAMPLES]}


WORDS = french_words()
FRENCH_TITLES = [WORDS[TITLES[name]] for name in DIMENSIONS]
SRC = ROOT / "src" / "partnercheck"
RENDERERS = {"text": text.render, "markdown": markdown.render, "html": html.render}
#: English words of the reports that must not be left in a French report.
ENGLISH_LEFT = ("health score", "Ready to sign", "Not ready", "blocking problem", "points to improve", "Statistics", "Not written", "Why it matters", "What to write", "Health by dimension", "Partner map", "= hint:", "Found ")


def run_of(paths: list[Path], fail_on: Severity = Severity.ERROR) -> Any:
    return lint(Request(tuple(str(p) for p in paths)), REGISTRY, Settings(today=TODAY, fail_on=fail_on))


def french(paths: list[Path], fmt: str, fail_on: Severity = Severity.ERROR, **options: Any) -> tuple[str, Translator]:
    """The report in French, as `check --lang fr` makes it, and the translator that made it."""
    run = run_of(paths, fail_on)
    tr = Translator("fr", REGISTRY.rules.values())
    translate_run(run, tr)
    return RENDERERS[fmt](run, {"cwd": str(ROOT), "translator": tr, "lang": "fr", **options}), tr


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
@pytest.mark.parametrize("case", sorted(CASES))
def test_every_word_of_the_report_is_french(fmt: str, case: str) -> None:
    for fail_on in (Severity.ERROR, Severity.WARNING):
        out, tr = french(CASES[case], fmt, fail_on)
        assert not tr.missing_words, f"{fmt} {case}: no French for {sorted(tr.missing_words)}"
        for english in ENGLISH_LEFT:
            assert english not in out, f"{fmt} {case}: {english!r} left in English"
        if fmt != "markdown":  # markdown has no verdict nor chart
            assert "Prête à signer" in out or "Pas prête à signer" in out
            assert all(title in out for title in FRENCH_TITLES), case


def test_the_text_report_speaks_plain_french() -> None:
    out, _ = french([HEALTHY], "text")
    assert "Rien à signaler : 1 fichier vérifié, aucun constat." in out
    assert "✔ Prête à signer — score de santé 100/100" in out
    out, _ = french(BROKEN, "text", statistics=True)
    found = re.search(r"Relevé : (\d+) erreurs, \d+ avertissements, \d+ informations? dans 4 fichiers\.", out)
    assert found, out
    assert f"Pas prêtes à signer : {found[1]} problèmes bloquants — score de santé" in out and "moyenne de 4 fichiers" in out  # the run: « les chartes »
    assert "= pour corriger :" in out and "Statistiques (constats par règle) :" in out


def test_a_charter_with_warnings_only_says_in_french_what_decides() -> None:
    ready = [p for p in BROKEN if run_of([p]).files and not any(f.severity is Severity.ERROR for f in run_of([p]).active) and run_of([p]).active]
    assert ready, "a broken example has warnings and no error"
    out, tr = french(ready[:1], "text", Severity.WARNING)
    assert re.search(r"✘ Pas prête à signer : \d+ problèmes? bloquants? \(--fail-on warning\) — score de santé", out), out
    assert re.search(r"  - \d+ avertissements?, listés ci-dessus", out), out
    out, tr = french(ready[:1], "text", Severity.ERROR)
    assert re.search(r"✔ Prête à signer, avec \d+ points? à améliorer — score de santé", out), out
    assert not tr.missing_words


def test_the_html_report_is_french_and_says_so() -> None:
    page, _ = french([EXAMPLES / "broken" / "sans-pilote.yaml"], "html")
    assert '<html lang="fr">' in page
    out = unescape(page)
    for words in ("Bilan de santé du partenariat", "Santé par dimension", "Carte des partenaires", "Constats actifs", "Pourquoi c'est important :", "score de santé global", "Statut</dt><dd>projet"):
        assert words in out, words
    rule = REGISTRY.rules["PIL01"]
    why = " ".join(rule.translations["fr"]["why"].split())
    assert why.startswith("S2 : ")
    assert why.split(" ; ")[0].removeprefix("S2 : ") in out  # the rule's own why, in French (its condition code in the appendix)


def test_the_french_chart_makes_room_for_longer_names() -> None:
    svg = html.chart_svg(score_run(run_of([HEALTHY])).files[0].dimensions, Translator("fr"))
    assert "Objectifs partagés" in svg and "Temps et évolution" in svg
    assert html.chart_svg(score_run(run_of([HEALTHY])).files[0].dimensions).count(f'x="{html.LABEL_W}"') == len(DIMENSIONS) * 2


@pytest.mark.parametrize("case", ["healthy", "all-broken", "everything"])
def test_french_plain_text_is_what_rich_prints(case: str) -> None:
    run = run_of(CASES[case])
    tr = Translator("fr", REGISTRY.rules.values())
    translate_run(run, tr)
    for quiet in (False, True):
        plain = text.render_plain(run, {"quiet": quiet, "translator": tr})
        assert plain is not None, "accented dimension names keep the fast path"
        assert plain == text.render_rich(run, {"quiet": quiet, "color": False, "translator": tr})


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_english_is_unchanged_by_the_translator(fmt: str) -> None:
    for paths in ([HEALTHY], BROKEN, [EXAMPLES]):
        run = run_of(paths, Severity.WARNING)
        for extra in ({}, {"color": True}) if fmt == "text" else ({},):
            tr = Translator("en")
            bare = RENDERERS[fmt](run, {"cwd": str(ROOT), **extra})
            assert bare == RENDERERS[fmt](run, {"cwd": str(ROOT), "translator": tr, "lang": "en", **extra})
            assert not tr.missing_words
            assert "Prêt" not in bare and "erreur" not in bare.replace("erreurs-de-forme", "")


def test_counts_take_french_plurals() -> None:
    fr, en = Translator("fr"), Translator("en")
    assert [fr.ngettext("{n} error", "{n} errors", n) for n in (0, 1, 2)] == ["0 erreur", "1 erreur", "2 erreurs"]
    assert [en.ngettext("{n} error", "{n} errors", n) for n in (0, 1, 2)] == ["0 errors", "1 error", "2 errors"]


def test_check_and_report_speak_french_through_the_cli(cli, tmp_path: Path) -> None:
    code, out, _ = cli("check", str(EXAMPLES / "broken" / "sans-pilote.yaml"), "--lang", "fr", "--today", "2026-01-15")
    assert code == 1 and re.search(r"Pas prête à signer : \d+ problèmes bloquants \(--fail-on warning\) — score de santé", out)
    page = tmp_path / "bilan.html"
    code, out, err = cli("report", str(EXAMPLES / "broken" / "sans-pilote.yaml"), "-o", str(page), "--lang", "fr", "--today", "2026-01-15")
    assert code == 0, err
    assert re.fullmatch(rf"Rapport écrit dans {re.escape(str(page))} — Pas prête à signer : \d+ problèmes bloquants \(--fail-on warning\), score de santé [\d,]+/100\.\n", out), out
    assert '<html lang="fr">' in page.read_text(encoding="utf-8")
    code, out, err = cli("report", str(EXAMPLES / "broken"), "-o", str(page), "--lang", "fr", "--today", "2026-01-15")
    assert code == 0, err
    assert re.search(r"4 fichiers, prêts à signer : 0, pas prêts : 4 ; score de santé le plus bas : [\d,]+/100", out), out


def test_rule_explains_itself_in_french(cli) -> None:
    rule = REGISTRY.rules["PIL01"]
    fr = rule.translations["fr"]
    code, out, _ = cli("rule", "PIL01", "--lang", "fr")
    assert code == 0
    flat = " ".join(out.split())
    for words in ("(famille pilot, erreur par défaut)", "Pourquoi c'est important", "Messages", "Pour corriger", "Exemple qui échoue", "Fourni par"):
        assert words in out, words
    assert fr["summary"] in flat
    assert named(" ".join(fr["why"].split()), Translator("fr")) in flat  # each condition of success named in French
    assert fr["messages"]["default"].replace("{problem}", "<problème>") in flat
    assert " ".join(fr["hint"].split()) in flat
    code, english, _ = cli("rule", "PIL01")
    assert code == 0 and "Why it matters" in english and "Messages" not in english and rule.summary in " ".join(english.split())


def test_rules_lists_french_summaries_and_keeps_json_english(cli) -> None:
    code, out, _ = cli("rules", "--lang", "fr", "--pack", "pilot")
    assert code == 0 and "gravité" in out and "résumé" in out and "avertissement" in out
    assert " ".join(REGISTRY.rules["PIL01"].translations["fr"]["summary"].split())[:40] in " ".join(out.split())
    assert cli("rules", "--format", "json", "--lang", "fr")[1] == cli("rules", "--format", "json")[1]
    assert cli("rule", "PIL01", "--lang", "de")[0] == 2


# the catalog --------------------------------------------------------------------------------

PARAM = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def test_every_french_template_keeps_its_params() -> None:
    assert len(WORDS) > 100
    for english, french_text in WORDS.items():
        assert isinstance(french_text, str) and french_text.strip(), english
        assert set(PARAM.findall(english)) == set(PARAM.findall(french_text)), english


def _source() -> str:
    """The code and the report's templates (`{{ _("…") }}`), where the catalog's keys are used."""
    files = [*SRC.rglob("*.py"), *(SRC / "report" / "templates").glob("*.j2")]
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(files))


def test_every_key_of_the_catalog_is_used_in_the_source() -> None:
    source = _source()
    dead = [key for key in WORDS if f'"{key}"' not in source and f"'{key}'" not in source]
    assert not dead, f"catalog words no code uses: {dead}"


def test_every_literal_the_source_translates_is_in_the_catalog() -> None:
    """`tr.words("…")` and `tr.ngettext("…", "…", n)`: each literal English template has its French."""
    source = _source()
    literals = re.findall(r"""\b(?:words|_)\(\s*(["'])(.+?)\1""", source)
    plural = re.findall(r"""\bngettext\(\s*(["'])(.+?)\1,\s*(["'])(.+?)\3""", source)
    keys = [k for _, k in literals] + [k for _, one, _, many in plural for k in (one, many)]
    assert len(keys) > 50
    missing = sorted({k for k in keys if k not in WORDS})
    assert not missing, f"no French for {missing}"


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_machine_reports_write_the_verdict_sentence_in_the_run_language(cli, fmt: str) -> None:
    """docs/json.md: `verdict.label` is a sentence in the run's language, like the findings' messages."""
    import json

    def labels(lang: str) -> list[str]:
        data = json.loads(cli("check", str(EXAMPLES / "broken" / "sans-pilote.yaml"), "--isolated", "--no-cache", "--format", fmt, "--lang", lang)[1])
        scores = data["scores"] if fmt == "json" else data["runs"][0]["properties"]["scores"]
        return [scores["summary"]["verdict"]["label"], *(f["verdict"]["label"] for f in scores["files"])]

    english, french = labels("en"), labels("fr")
    assert all(label.startswith("Not ready to sign") for label in english)
    assert all(label.startswith("Pas prête à signer") for label in french), french
