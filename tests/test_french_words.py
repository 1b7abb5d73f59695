"""Issue 16, the reader's language: wording the new-user trial found wrong in French (and English) output."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from partnercheck.findings import Severity
from partnercheck.report.formats.scoreblock import blocking_lines
from partnercheck.report.i18n import Translator


@pytest.fixture(scope="module")
def registry():  # type: ignore[no-untyped-def]
    from partnercheck.testing import default_registry

    return default_registry()


def _blocking(warnings: int, infos: int) -> SimpleNamespace:
    return SimpleNamespace(blocking=[SimpleNamespace(severity=Severity.WARNING)] * warnings + [SimpleNamespace(severity=Severity.INFO)] * infos)


@pytest.mark.parametrize(
    ("warnings", "infos", "french", "english"),
    [
        (1, 0, "1 avertissement, listé ci-dessus", "1 warning, listed above"),
        (2, 0, "2 avertissements, listés ci-dessus", "2 warnings, listed above"),
        (0, 1, "1 information, listée ci-dessus", "1 info, listed above"),
        (0, 3, "3 informations, listées ci-dessus", "3 infos, listed above"),
        (1, 1, "1 avertissement et 1 information, listés ci-dessus", "1 warning and 1 info, listed above"),
    ],
)
def test_the_verdict_s_listed_above_agrees_with_what_it_counts(warnings: int, infos: int, french: str, english: str) -> None:
    fr = Translator("fr")
    assert blocking_lines(fr, _blocking(warnings, infos)) == [f"  - {french}"]
    assert not fr.missing_words
    assert blocking_lines(Translator(), _blocking(warnings, infos)) == [f"  - {english}"]


def test_the_markdown_pack_table_names_dimensions_in_french_without_their_english_id(cli) -> None:
    from paths import EXAMPLES

    _, markdown, _ = cli("check", str(EXAMPLES / "broken" / "sans-pilote.yaml"), "--format", "markdown", "--lang", "fr", "--no-cache")
    table = markdown.split("| Famille de règles | Erreurs |", 1)[1].split("\n\n", 1)[0]
    assert "| Pilotage |" in table and "(pilot)" not in table and "(members)" not in table, table
    _, english, _ = cli("check", str(EXAMPLES / "broken" / "sans-pilote.yaml"), "--format", "markdown", "--no-cache")
    assert "| pilot |" in english.split("| Pack | Errors |", 1)[1]


def test_no_rule_summary_names_an_option_to_a_coordinator(registry) -> None:
    """A summary heads the board report's findings (report/formats/board.py): `min_partners` means nothing there."""
    import re

    fr = Translator("fr", registry.rules.values())
    named = []
    for rule in registry.rules.values():
        for summary in (rule.summary, fr.rule_field(rule, "summary")):
            named += [f"{rule.code}: {option} in {summary!r}" for option in rule.options if re.search(rf"(?<![\w{{]){re.escape(option)}(?![\w}}])", summary)]
    assert not named, named
    pil05 = registry.rules["PIL05"]
    assert fr.rule_field(pil05, "summary").startswith("De nombreux partenaires actifs") and "min_partners" not in pil05.summary


def test_concise_keeps_the_english_severity_keyword_in_a_french_run_as_docs_ci_says(cli) -> None:
    import re

    from paths import EXAMPLES, ROOT

    doc = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    pattern = re.search(r"regular expression `(\^\(\.\+\).*?\$)`", doc)
    assert pattern is not None and "always the English keyword" in doc
    _, out, _ = cli("check", str(EXAMPLES / "broken" / "sans-pilote.yaml"), "--format", "concise", "--lang", "fr", "--no-cache")
    lines = out.splitlines()
    assert lines and all(re.match(pattern.group(1), line) for line in lines), lines
    assert any(" [warning] " in line for line in lines) and "Aucun pilote n'est désigné" in out


FRENCH_CHARTER = """partnercheck: 1
charter: {id: c, title: C, language: fr}
partners:
  - {id: a, name: A, type: funder}
pilot: {partners: [a]}
"""


@pytest.fixture
def french_repo(tmp_path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    from git_support import commit, init

    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "PARTNERCHECK_LANG"):
        monkeypatch.delenv(name, raising=False)
    init(tmp_path)
    commit(tmp_path, {"ma-charte.yaml": FRENCH_CHARTER}, "a charter")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_report_base_errors_speak_the_charter_s_language_without_lang(cli, french_repo, tmp_path) -> None:
    code, _, err = cli("report", "ma-charte.yaml", "--base", "nosuch", "-o", "x.html", "--no-plugins")
    assert code == 2 and err.startswith("partnercheck : erreur : --base nosuch : aucune révision de ce nom dans "), err
    assert "no such revision" not in err and "error:" not in err
    code, _, err = cli("check", "ma-charte.yaml", "--base", "nosuch", "--no-cache", "--no-plugins")
    assert code == 2 and err.startswith("partnercheck : erreur : --base nosuch : aucune révision"), err
    code, _, err = cli("report", "ma-charte.yaml", "--base", "nosuch", "-o", "x.html", "--lang", "en", "--no-plugins")
    assert code == 2 and err.startswith("partnercheck: error: --base nosuch: no such revision in "), err


def test_report_outside_a_repository_says_so_in_the_charter_s_language(cli, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "PARTNERCHECK_LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "ma-charte.yaml").write_text(FRENCH_CHARTER, encoding="utf-8")
    code, _, err = cli("report", str(tmp_path / "ma-charte.yaml"), "--base", "nosuch", "-o", str(tmp_path / "x.html"), "--no-plugins")
    assert code == 2 and "n'est pas dans un dépôt git" in err and err.startswith("partnercheck : erreur : "), err


def test_the_cli_s_own_usage_errors_speak_french(cli, french_repo) -> None:
    (french_repo / "x.json").write_text("{}", encoding="utf-8")
    code, _, err = cli("check", "ma-charte.yaml", "--base", "HEAD", "--baseline", "x.json", "--lang", "fr")
    assert code == 2 and err == "partnercheck : erreur : --base et --baseline décident tous deux quels constats sont nouveaux ; n'en donnez qu'un\n", err
    code, _, err = cli("check", "ma-charte.yaml", "--base", "HEAD", "--baseline", "x.json")
    assert code == 2 and err == "partnercheck: error: --base and --baseline both decide which findings are new; give one of them\n", err


@pytest.mark.parametrize("asked", [("--lang", "fr"), ("--lang=fr",), ("LANG",)])
def test_argparse_s_own_messages_speak_french(cli, monkeypatch: pytest.MonkeyPatch, asked: tuple[str, ...]) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "PARTNERCHECK_LANG"):
        monkeypatch.delenv(name, raising=False)
    if asked == ("LANG",):
        monkeypatch.setenv("LANG", "fr_FR.UTF-8")
        asked = ()
    cases = [
        (("check", "--fail-on", "foo"), "partnercheck : erreur : argument --fail-on : gravité non valide 'foo' : choisissez error, warning ou info"),
        (("check", "--bogus"), "partnercheck : erreur : arguments non reconnus : --bogus"),
        (("report",), "partnercheck : erreur : arguments obligatoires manquants : CHARTER, --output/-o"),
        (("check", "--color", "x"), "partnercheck : erreur : argument --color : choix non valide : 'x' (choisissez parmi 'auto', 'always', 'never')"),
    ]
    for argv, said in cases:
        code, _, err = cli(*argv, *asked)
        assert code == 2 and said in err.splitlines(), err
        assert err.startswith("utilisation : partnercheck"), err
    monkeypatch.delenv("LANG", raising=False)
    code, _, err = cli("check", "--bogus")  # argparse speaks English again after a French run
    assert code == 2 and "partnercheck: error: unrecognized arguments: --bogus" in err.splitlines() and err.startswith("usage: "), err


def test_the_informational_lines_on_standard_error_speak_the_run_s_language(cli, french_repo) -> None:
    """The low-score line, the baseline's lines and --base's summary start 'partnercheck :' in French, as its errors do."""
    code, _, err = cli("check", "ma-charte.yaml", "--min-score", "100", "--lang", "fr", "--no-cache", "--no-plugins")
    low = [line for line in err.splitlines() if "minimum" in line]
    assert low and all(line.startswith("partnercheck : ") for line in low), err
    cli("baseline", "ma-charte.yaml", "-o", "base.json", "--lang", "fr", "--no-plugins")
    (french_repo / "ma-charte.yaml").write_text(FRENCH_CHARTER.replace("partners:", "vision: Une vision.\npartners:", 1), encoding="utf-8")
    code, _, err = cli("check", "ma-charte.yaml", "--baseline", "base.json", "--prune-baseline", "--lang", "fr", "--no-cache", "--no-plugins")
    pruned = [line for line in err.splitlines() if "base.json" in line]
    assert pruned and all(line.startswith("partnercheck : ") for line in pruned), err
    code, _, err = cli("check", "ma-charte.yaml", "--base", "HEAD", "--lang", "fr", "--no-cache", "--no-plugins")
    assert err.startswith("partnercheck : "), err
    code, _, err = cli("check", "ma-charte.yaml", "--min-score", "100", "--lang", "en", "--no-cache", "--no-plugins")
    assert any(line.startswith("partnercheck: ") and "minimum" in line for line in err.splitlines()), err
