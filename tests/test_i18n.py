"""French messages (`--lang fr`): every message id partnercheck writes has French, by id.

The corpus below makes every core finding (DOC, SCH, REF) and every rule
finding of the packs' examples and tests; each of their ids (phrases inside
them too) must have French. The gettext catalog holds exactly the core ids
(report/messages.py), each with its current English: a reworded English
message therefore fails here until its French follows. The findings made
through the command line (SUP, INT) and the errors on standard error must read
differently in French than in English.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from paths import DATA, EXAMPLES

from partnercheck.config.settings import Settings
from partnercheck.document.builder import Limits
from partnercheck.findings import Severity, Text
from partnercheck.report.catalogs import po_path, read_mo, read_po
from partnercheck.report.i18n import GROUNDING_CONTEXT, PARAMETER_CONTEXT, SCHEMA_CONTEXT, Translator, catalog
from partnercheck.report.messages import CORE
from partnercheck.run.engine import Engine
from partnercheck.cli.helptext import HELP_CONTEXT
from partnercheck.cli.voice import ARGPARSE_CONTEXT
from partnercheck.testing import default_registry

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
HEAD = "partnercheck: 1\ncharter: {id: c, title: T}\n"
PARTNERS = "partners:\n  - {id: a, name: A, type: funder}\n  - {id: b, name: B, type: employer}\n"

#: Small files, each made to draw one kind of core finding (the comment says which).
CRAFTED: dict[str, str | bytes] = {
    "unknown-keys": HEAD + PARTNERS + "objectifs: []\nbodies: []\nzzz: 1\n",  # SCH01 unknown keys: close, deeper, none
    "comma-cut": HEAD.replace("title: T}", "title: T, review: {every_months: 12, amendment_procedure: un avenant, voté par tous}}") + PARTNERS,  # SCH01 a text cut at its comma
    "types": HEAD + "partners: 3\npilot: {partners: 7}\nobjectives: [{id: o, statement: s, contributors: [a], beneficiary_outcome: maybe}]\n",
    "enum-date-id": HEAD.replace("title: T", "title: T, adopted_on: 2026-13-45") + "partners:\n  - {id: A, name: x, type: foo}\n",
    "below": "partnercheck: 1\ncharter:\n  id: c\n  title: T\n  review: {every_months: -1, last_done: 2026-01-01}\n" + PARTNERS,
    "above": "partnercheck: 1\ncharter:\n  id: c\n  title: T\n  review: {every_months: 99999, last_done: 2026-01-01}\n" + PARTNERS,
    "kinds": "partnercheck: 1\ncharter:\n  id: 5\n  title: [1]\n  review: {every_months: x, last_done: 2026-01-01}\n"
    + PARTNERS
    + "backbone: {fte: x, holder: {a: 1}}\npilot: {partners: {a: 1}, mandate: {granted_by: 5}}\n"
    + "objectives: [{id: o, statement: s, accountable: 5, contributors: [a]}]\nevaluation: {measures: [5]}\nwaivers: [5, {rule: bad rule, at: pilot, reason: r}]\n"
    + "governance: {bodies: [{id: c, name: C, members: [a], meets_every_months: true, decision_rule: }]}\n",
    "missing": "partnercheck: 1\ncharter: {title: T}\n",
    "date-type": HEAD.replace("title: T}", "title: T, adopted_on: [1]}") + PARTNERS,
    "refs": HEAD
    + PARTNERS
    + "  - {id: a, name: A2, type: funder}\n"
    + "pilot: {partners: [x, aa]}\n"
    + "governance:\n  bodies:\n    - {id: copil, name: C, members: [a], decision_rule: consensus}\n    - {id: copil, name: D, members: [a], decision_rule: consensus}\n"
    + "objectives:\n  - {id: o, statement: s, contributors: [a], beneficiary_outcome: true, beneficiaries: [nobody]}\n  - {id: o, statement: s2, contributors: [b]}\n"
    + "beneficiaries:\n  - {id: g, group: G, represented_by: [b]}\n  - {id: g, group: H}\n"
    + "evaluation:\n  measures:\n    - {id: m, name: M, objective: zz, owner: copi}\n    - {id: m, name: N, objective: o, owner: a}\n"
    + "responsibilities:\n  - {id: r, activity: x, accountable: a, responsible: [a], consulted: [], informed: []}\n  - {id: r, activity: y, accountable: zz, responsible: [a]}\n",
    "refs-by-kind": HEAD
    + PARTNERS
    + "governance: {bodies: [{id: copil, name: C, members: [a]}]}\nobjectives: [{id: o, statement: s, contributors: [a], measures: [m2]}]\n"
    + "evaluation: {measures: [{id: m, name: M}]}\nbeneficiaries: [{id: g, group: G, seats: [copi]}]\nresponsibilities: [{id: r, activity: x, objectives: [oo], responsible: [a]}]\n",
    "no-ids-yet": HEAD + "partners: []\npilot: {partners: [x]}\nbeneficiaries: [{id: g, group: G, seats: [x]}]\nresponsibilities: [{id: r, activity: x, objectives: [y]}]\n",
    "no-measures-yet": HEAD + PARTNERS + "objectives: [{id: o, statement: s, contributors: [a], measures: [m]}]\n",
    "enum-close": HEAD + "partners:\n  - {id: a, name: x, type: fundr}\n",
    "unclosed-list": HEAD + "partners: [a, b\nx: 1\n",
    "unclosed-mapping": HEAD + "partners:\n  - {id: a, name: x\nx: 1\n",
    "quote-line": 'partnercheck: 1\ncharter:\n  title: "T\n  id: "c"\n',
    "apostrophe": "partnercheck: 1\ncharter:\n  title: 'l'aide'\n",
    "indented-key": "partnercheck: 1\ncharter:\n  id: a\n   title: b\n",
}
SUPPRESSIONS = (
    HEAD
    + PARTNERS
    + "# partnercheck: disable-file=PIL01\n# partnercheck: disable-file=REF02 -- r\n# partnercheck: disable-line=PIL01 -- x\n# partnercheck: disable-next-line=PIL01 -- y\n"
    + "# partnercheck: disable-line\n# partnercheck: enable=PIL01 -- z\n# partnercheck: disable-line=NOPE99 -- r\n# partnercheck: disable-line= -- r\n"
    + "waivers:\n  - {rule: PIL01, reason: r, approved_by: a, expires_on: 2020-01-01}\n  - {rule: PIL01, at: /pilot, reason: r, approved_by: a, expires_on: 2020-01-01}\n"
    + "  - {rule: NOPE99, reason: r, approved_by: a, expires_on: 2099-01-01}\n  - {rule: REF02, reason: r, approved_by: a, expires_on: 2099-01-01}\n"
)
CRAFTED |= {
    "tabs": "partnercheck: 1\ncharter:\n\tid: c\n",
    "open-quote": 'partnercheck: 1\ncharter: {id: c, title: "T\n',
    "colon": "partnercheck: 1\ncharter:\n  title: Objet: formation: x\n  id: a: b\n",
    "other-syntax": "partnercheck: 1\n- a\n",
    "control": "partnercheck: 1\ncharter: {id: c, title: \"a\x07\"}\n",
    "duplicate": "partnercheck: 1\npartnercheck: 1\n",
    "documents": "partnercheck: 1\n---\na: 1\n",
    "list": "- a\n",
    "text": "hello\n",
    "number": "42\n",
    "boolean": "true\n",
    "empty": "",
    "no-version": "charter: {id: c}\n",
    "version-text": 'partnercheck: "1"\n',
    "version-bad": "partnercheck: 7\n",
    "tag": "partnercheck: 1\ncharter: !include x.yaml\n",
    "alias-none": "partnercheck: 1\na: *nothing\n",
    "aliases": "partnercheck: 1\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e]\n",
    "alias-text": "partnercheck: 1\na: &a " + "x" * 20_000 + "\nb: [" + ", ".join(["*a"] * 60) + "]\n",  # DOC04: 1.2 M characters through aliases
    "merge": "partnercheck: 1\na: {<<: 1}\n",
    "deep": "partnercheck: 1\na: " + "[" * 120 + "]" * 120 + "\n",
    "surrogate": 'partnercheck: 1\na: "\\ud800"\n',
    "digits": "partnercheck: 1\na: " + "9" * 5000 + "\n",
    "utf16-bom": "partnercheck: 1\n".encode("utf-16"),
    "utf16": "partnercheck: 1\n".encode("utf-16-le"),
    "binary": b"\x00\x01\x02\x03\xff\xfe\x00\x00",
    "latin1": "partnercheck: 1\ncharter: {id: c, title: Équipe}\n".encode("cp1252"),
    "lone-surrogate-bytes": b"partnercheck: 1\na: \xed\xa0\x80\n",
    "profile-close": HEAD.replace("title: T}", "title: T, profile: training-platfrom}") + PARTNERS,  # MEM hints: the close name
    "profile-unknown": HEAD.replace("title: T}", "title: T, profile: zzz}") + PARTNERS,  # ... or the registered ones
    "bad-bytes": b"partnercheck: 1\na: \x81\x81\n",  # not UTF-8, and not Windows-1252 either
    "huge": "partnercheck: 1\n" + "# " + "x" * 300 + "\n",
}

#: A local plugin whose rule crashes (INT01) or runs past its budget (INT02).
PLUGIN = '''
import time
from pathlib import Path
from partnercheck import hookimpl

PACK = """
pack: failing
rules:
  - {code: FAI01, name: crashing-rule, severity: warning, summary: s, why: w, message: m, check: {function: failing.crash}, examples: {fail: x, pass: x}}
  - {code: FAI02, name: slow-rule, severity: warning, summary: s, why: w, message: m, check: {function: failing.slow}, examples: {fail: x, pass: x}}
"""

@hookimpl
def register_rule_packs(register):
    path = Path(__file__).with_name("failing-pack.yaml")
    path.write_text(PACK)
    register(path)

@hookimpl
def register_functions(register):
    register("failing.crash", lambda ctx: 1 / 0)
    register("failing.slow", lambda ctx: time.sleep(5) or [])
'''


def _engine_texts(registry) -> list[tuple[str, Text, Text | None]]:
    engine = Engine(registry, Settings(today=date(2026, 1, 15)))
    small = Engine(registry, Settings(today=date(2026, 1, 15), limits=Limits(max_bytes=200)))
    texts: list[tuple[str, Text, Text | None]] = []

    def lint(name: str, raw: bytes, with_engine: Engine = engine) -> None:
        texts.extend((f.code, f.text, f.hint_text) for f in with_engine.lint_bytes(name, raw).findings)

    for name, content in CRAFTED.items():
        lint(f"{name}.yaml", content if isinstance(content, bytes) else content.encode("utf-8"), small if name == "huge" else engine)
    for path in sorted(EXAMPLES.rglob("*.yaml")):
        lint(str(path), path.read_bytes())
    for rule in registry.rules.values():
        for charter in [rule.examples.get("fail"), rule.examples.get("pass"), *(t.get("charter") for t in rule.tests)]:
            if charter:
                lint("rule-example.yaml", charter.encode("utf-8"))
    for case in sorted((DATA / "yaml-test-suite").rglob("in.yaml")):
        lint(str(case), case.read_bytes())
    return texts + _plugin_schema_texts()


def _plugin_schema_texts() -> list[tuple[str, Text, Text | None]]:
    """Schema words the charter schema never needs but a plugin's or a rule pack's schema may (exclusive bounds, lengths)."""
    from partnercheck.checks.safe_schema import validator
    from partnercheck.checks.schema import validate

    schema = {
        "type": "object",
        "properties": {
            "a": {"exclusiveMinimum": 0},
            "b": {"exclusiveMaximum": 10},
            "c": {"type": "string", "minLength": 1},
            "d": {"type": "array", "minItems": 2},
            "e": {"type": ["number", "null"]},
        },
    }
    data = {"a": 0, "b": 10, "c": "", "d": [1], "e": "x"}
    return [(p.code, p.message, p.hint) for p in validate(data, validator(schema))]


def _cli_texts(cli, tmp_path: Path, *lang: str) -> list[tuple[str, str, str | None]]:
    """The findings made after the engine (suppressions, waivers) and by failing plugin rules, through the CLI."""
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "failing_plugin.py").write_text(PLUGIN, encoding="utf-8")
    charter = tmp_path / "c.yaml"
    charter.write_text(HEAD + PARTNERS, encoding="utf-8")
    suppressions = tmp_path / "suppressions.yaml"
    suppressions.write_text(SUPPRESSIONS, encoding="utf-8")
    plugin = ("--allow-local-plugins", "--plugin", str(tmp_path / "failing_plugin.py"), "--rule-timeout", "0.2")
    texts = []
    for argv in ((str(charter), *plugin), (str(suppressions), "--today", "2026-01-15")):
        _, out, _ = cli("check", *argv, "--format", "json", "--isolated", *lang)
        texts += [(f["code"], f["message"], f.get("hint")) for f in json.loads(out)["findings"] if f["code"][:3] in ("SUP", "INT")]
    return texts + _stderr_texts(cli, tmp_path, *lang)


def _stderr_texts(cli, tmp_path: Path, *lang: str) -> list[tuple[str, str, str | None]]:
    """What a run says on standard error about paths it could not read: a missing file, a pipe, a folder without charters."""
    import os

    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "empty").mkdir()
    _, _, err = cli("check", str(tmp_path / "absent.yaml"), str(tmp_path / "pipe.yaml"), str(tmp_path / "empty"), "--isolated", *lang)
    lines = [line.split(": ", 2)[2] for line in err.splitlines() if line.startswith(PREFIXES)]
    assert len(lines) == 3, err
    return [("", line, None) for line in lines + _usage_errors(cli, tmp_path, *lang)]


#: The prefixes of standard error's lines, English and French (`partnercheck : erreur :`).
ERROR = ("partnercheck: error: ", "partnercheck : erreur : ")
PREFIXES = (*ERROR, "partnercheck: warning: ", "partnercheck : avertissement : ")

#: Usage and configuration errors a user may well make, each as (configuration file text or None, command line).
USAGE_ERRORS = [
    (None, ("check", "{charter}", "--select", "XYZ99")),
    (None, ("check", "{charter}", "--select", "PIL1")),
    ("langue: fr\n", ("check", "{charter}")),
    ("zzzzzz: 1\n", ("check", "{charter}")),
    ("lang: de\n", ("check", "{charter}")),
    (None, ("rule", "XYZ01")),
    (None, ("rule", "pilot")),
    (None, ("rules", "--pack", "nope")),
    (None, ("rule", "PIL1")),
    (None, ("check", "{charter}", "--baseline", "{folder}/absent.json")),
]


def _usage_errors(cli, tmp_path: Path, *lang: str) -> list[str]:
    """The one-line error of each usage or configuration mistake in USAGE_ERRORS, in English."""
    folder = tmp_path / "usage"
    folder.mkdir()
    charter = folder / "c.yaml"
    charter.write_text(HEAD + PARTNERS, encoding="utf-8")
    found = []
    for config, argv in USAGE_ERRORS:
        (folder / ".partnercheck.yaml").unlink(missing_ok=True)
        if config:
            (folder / ".partnercheck.yaml").write_text(config, encoding="utf-8")
        code, _, err = cli(*(a.format(charter=charter, folder=folder) for a in argv), *lang)
        assert code == 2 and err.startswith(ERROR[bool(lang)]), (argv, err)
        found.append(err.splitlines()[-1].removeprefix(ERROR[bool(lang)]))
    return found


@pytest.fixture(scope="module")
def registry():
    return default_registry()


@pytest.fixture(scope="module")
def corpus(registry) -> list[tuple[str, str, str | None]]:
    return _engine_texts(registry)


def _ids(text: Text | None) -> set[str]:
    """A message's id and those of the phrases inside it."""
    if text is None:
        return set()
    found = {text.id}
    for value in text.params.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, Text):
                found |= _ids(item)
    return found


#: Core ids only the command line reaches (suppressions, waivers, the baseline's reasons, failing plugins, standard error): checked by
#: `test_what_the_command_line_says_reads_in_french` (DOC10 by tests/hostile/test_hostile_output_caps.py); and ids the built-in checks never make (kept for API callers).
THROUGH_THE_CLI = ("SUP", "INT", "DOC10.", "run.", "usage.", "config.", "suppression.")
#: REF01.hint-partner-none: partners missing or empty is the schema's finding, and references to them are its consequence (checks/cascade.py).
NEVER_IN_A_RUN = {"DOC01.unreadable", "REF01.hint-partner-none", "DOC03.other-kind", "SCH01.other", *(f"REF02.{k}-at" for k in ("partner", "body", "objective", "measure", "beneficiary", "responsibility"))}


@pytest.mark.slow
def test_every_finding_of_the_corpus_reads_in_french(registry, corpus) -> None:
    tr = Translator("fr", registry.rules.values())
    for code, message, hint in corpus:
        assert tr.render(message) is not None, message
        if hint is not None:
            tr.render(hint)
    assert not tr.missing, "no French for:\n" + "\n".join(sorted(tr.missing)[:40])
    reached = set().union(*(_ids(m) | _ids(h) for _, m, h in corpus))
    unreached = {i for i in CORE if i not in reached and not i.startswith(THROUGH_THE_CLI)} - NEVER_IN_A_RUN
    assert not unreached, f"core ids no corpus finding uses (stale?): {sorted(unreached)}"


def test_what_the_command_line_says_reads_in_french(cli, tmp_path) -> None:
    english = _cli_texts(cli, tmp_path)
    french = _cli_texts(cli, tmp_path / "fr", "--lang", "fr")
    assert {"INT01", "INT02", "SUP01", "SUP02", "SUP03"} <= {code for code, _, _ in english}
    assert len(english) == len(french)
    same = [(code, en) for (code, en, _), (_, fr, _) in zip(english, french) if en == fr]
    assert not same, f"left in English: {same}"


def test_the_catalog_holds_exactly_the_core_messages_in_french() -> None:
    """Each core id once, with its current English (a reworded message needs new French), and no entry left over."""
    entries = {(m.context, m.id): m.string for m in _po() if m.id and m.context and m.context not in (PARAMETER_CONTEXT, GROUNDING_CONTEXT, SCHEMA_CONTEXT, ARGPARSE_CONTEXT, HELP_CONTEXT)}
    assert set(entries) == {(i, en) for i, en in CORE.items()}
    for (_, english), french in entries.items():
        assert PLACEHOLDER.findall(english) and set(PLACEHOLDER.findall(english)) == set(PLACEHOLDER.findall(french)) or not PLACEHOLDER.findall(french), english
        assert french and french != english, f"not translated: {english}"


def test_catalog_templates_keep_their_parameters() -> None:
    for message in _po():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        wanted = set().union(*(set(PLACEHOLDER.findall(i)) for i in ids))
        for string in strings:
            assert string, f"no French for {ids[0]!r}"
            assert set(PLACEHOLDER.findall(string)) <= wanted and (set(PLACEHOLDER.findall(string)) >= wanted - {"n"}), ids[0]


def _po():
    from babel.messages.pofile import read_po as babel_read_po

    with po_path("fr").open("rb") as handle:
        return list(babel_read_po(handle, locale="fr"))


def test_the_po_file_is_valid_for_babel_and_msgfmt(tmp_path: Path) -> None:
    import shutil
    import subprocess

    assert len(_po()) > 300
    msgfmt = shutil.which("msgfmt")
    if msgfmt is not None:  # gettext's own checker, where installed (CI installs it)
        done = subprocess.run([msgfmt, "--check", "-o", str(tmp_path / "fr.mo"), str(po_path("fr"))], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert read_mo("fr", (tmp_path / "fr.mo").read_bytes()).entries == read_po("fr", po_path("fr").read_text(encoding="utf-8")).entries


def test_the_compiled_catalog_reads_as_the_po() -> None:
    from io import BytesIO

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po as babel_read_po

    with po_path("fr").open("rb") as handle:
        compiled = BytesIO()
        write_mo(compiled, babel_read_po(handle))
    from_mo = read_mo("fr", compiled.getvalue())
    from_po = read_po("fr", po_path("fr").read_text(encoding="utf-8"))
    assert from_mo.entries == from_po.entries
    assert [from_mo.plural(n) for n in (0, 1, 2, 10)] == [from_po.plural(n) for n in (0, 1, 2, 10)] == [0, 0, 1, 1]


def test_a_po_read_once_is_kept_compiled_until_it_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A checkout without a `.mo` reads its `.po` through Babel once; later runs read the compiled entries from
    the user's cache folder, which a changed `.po` (other bytes) does not match."""
    from partnercheck.report import catalogs

    monkeypatch.setenv("PARTNERCHECK_PACK_CACHE", str(tmp_path / "cache"))
    parsed: list[str] = []
    original = catalogs.read_po
    monkeypatch.setattr(catalogs, "read_po", lambda lang, text: parsed.append(lang) or original(lang, text))
    raw = po_path("fr").read_bytes()
    fresh = original("fr", raw.decode("utf-8"))
    first, second = catalogs._compiled("fr", raw), catalogs._compiled("fr", raw)
    assert parsed == ["fr"]
    assert first.entries == second.entries == fresh.entries and second.header == fresh.header
    assert [second.plural(n) for n in (0, 1, 2)] == [0, 0, 1]
    changed = raw.replace('msgstr[0] "Pas prête à signer'.encode(), 'msgstr[0] "Pas encore prête à signer'.encode(), 1)
    assert changed != raw
    assert catalogs._compiled("fr", changed).entries != fresh.entries and parsed == ["fr", "fr"]
    for entry in (tmp_path / "cache").glob("*.json"):
        entry.write_text('[{"x": 1}, ""]', encoding="utf-8")  # the wrong shape: read from the .po again
    assert catalogs._compiled("fr", raw).entries == fresh.entries and parsed == ["fr", "fr", "fr"]


def test_plural_forms_follow_the_language() -> None:
    fr, en = Translator("fr"), Translator("en")
    assert [fr.ngettext("{n} error", "{n} errors", n) for n in (0, 1, 2)] == ["0 erreur", "1 erreur", "2 erreurs"]
    assert [en.ngettext("{n} error", "{n} errors", n) for n in (0, 1, 2)] == ["0 errors", "1 error", "2 errors"]
    assert not fr.missing_words


def test_a_message_is_never_parsed_back() -> None:
    """Translation renders ids; nothing in i18n matches a rendered text with a regular expression."""
    from paths import ROOT

    for name in ("i18n.py", "catalogs.py", "messages.py"):
        source = (ROOT / "src" / "partnercheck" / "report" / name).read_text(encoding="utf-8")
        assert "fullmatch" not in source and ".match(" not in source and "compile_pattern" not in source, name
    source = (ROOT / "src" / "partnercheck" / "report" / "i18n.py").read_text(encoding="utf-8")
    assert not re.search(r"^import re$|^from re import", source, re.M)


def test_the_charters_own_words_are_never_translated(registry) -> None:
    tr = Translator("fr", registry.rules.values())
    assert tr.render(Text("REF01.partner", {"id": "text"})) == "Partenaire inconnu « text »"
    got = Text("SCH01.kind", {"field": "`partners`", "kinds": Text("SCH01.a-list"), "got": Text("SCH01.got-text", {"value": '"a list"'})})
    assert tr.render(got) == '`partners` doit être une liste ; la valeur est le texte "a list"'


def test_english_renders_what_the_engine_stamped(registry) -> None:
    tr = Translator("en", registry.rules.values())
    findings = [f for path in sorted(EXAMPLES.rglob("*.yaml")) for f in Engine(registry, Settings(today=date(2026, 1, 15))).lint_bytes(str(path), path.read_bytes()).findings]
    assert len(findings) > 20
    assert all((tr.finding(f).message, tr.finding(f).hint) == (f.message, f.hint) for f in findings)


def test_check_speaks_french_on_request(cli) -> None:
    broken = str(EXAMPLES / "broken" / "sans-pilote.yaml")
    code_en, out_en, _ = cli("check", broken, "--format", "json", "--today", "2026-01-15", "--isolated")
    code_fr, out_fr, _ = cli("check", broken, "--format", "json", "--today", "2026-01-15", "--isolated", "--lang", "fr")
    en, fr = json.loads(out_en)["findings"], json.loads(out_fr)["findings"]
    assert code_en == code_fr == 1
    assert [(f["code"], f["pointer"], f["line"]) for f in en] == [(f["code"], f["pointer"], f["line"]) for f in fr]
    pil01 = next(f for f in fr if f["code"] == "PIL01")
    assert pil01["message"] == "Aucun pilote n'est désigné : la charte n'indique pas `pilot`."


@pytest.mark.usefixtures("unpinned_lang")
def test_lang_comes_from_the_configuration_and_the_flag_wins(cli, tmp_path: Path) -> None:
    charter = tmp_path / "c.yaml"
    charter.write_text(HEAD + "partners: 3\n", encoding="utf-8")
    (tmp_path / ".partnercheck.yaml").write_text("lang: fr\n", encoding="utf-8")
    _, out, _ = cli("check", str(charter), "--format", "json", "--select", "SCH01")
    assert json.loads(out)["findings"][0]["message"] == "`partners` doit être une liste ; la valeur est le nombre 3"
    _, out, _ = cli("check", str(charter), "--format", "json", "--select", "SCH01", "--lang", "en")
    assert json.loads(out)["findings"][0]["message"] == "`partners` must be a list; got a number 3"
    _, out, _ = cli("config", str(charter))
    assert re.search(r"lang\s.*fr", out)


@pytest.mark.parametrize(("flag", "config"), [(("--lang", "de"), None), ((), "lang: de\n")])
def test_an_unknown_language_is_refused(cli, tmp_path: Path, flag: tuple[str, ...], config: str | None) -> None:
    charter = tmp_path / "c.yaml"
    charter.write_text(HEAD + PARTNERS, encoding="utf-8")
    if config:
        (tmp_path / ".partnercheck.yaml").write_text(config, encoding="utf-8")
    code, _, err = cli("check", str(charter), *flag)
    assert code == 2
    assert "de" in err and "fr" in err and "Traceback" not in err


def test_the_results_cache_serves_both_languages(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("PARTNERCHECK_NO_CACHE")
    charter = tmp_path / "c.yaml"
    charter.write_text(HEAD + "partners: 3\n", encoding="utf-8")
    argv = ("check", str(charter), "--format", "json", "--select", "SCH01", "--isolated", "--cache-dir", str(tmp_path / "cache"))
    _, en, _ = cli(*argv)
    _, fr, _ = cli(*argv, "--lang", "fr")
    _, en_again, _ = cli(*argv)
    assert json.loads(fr)["findings"][0]["message"].startswith("`partners` doit être")
    assert json.loads(en_again) == json.loads(en)


def test_the_plugin_guide_translation_example_keeps_its_parameters() -> None:
    from paths import ROOT
    from ruamel.yaml import YAML

    guide = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    block = guide.split("**Translations.**", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    rule = YAML(typ="safe").load(block)
    french = rule["translations"]["fr"]
    assert set(french["messages"]) == set(rule["messages"])
    for key, english in rule["messages"].items():
        assert set(PLACEHOLDER.findall(english)) == set(PLACEHOLDER.findall(french["messages"][key]))
    assert set(PLACEHOLDER.findall(rule["hint"])) == set(PLACEHOLDER.findall(french["hint"]))


def test_an_empty_aside_leaves_no_empty_brackets_in_either_language(registry) -> None:
    from partnercheck.testing import lint_text

    # signed: a partner that commits to nothing gives MEM06, which stands for its MEM01
    findings = lint_text("partnercheck: 1\ncharter: {id: c, title: T}\npartners:\n  - {id: a, name: '', type: funder, signed: true}\n", today=date(2026, 1, 15))
    mem01 = next(f for f in findings if f.code == "MEM01")
    assert mem01.message.startswith("Partner `a` names no `representative`")
    tr = Translator("fr", registry.rules.values())
    assert tr.finding(mem01).message.startswith("Le partenaire `a` ne nomme pas")
    named = next(f for f in lint_text(HEAD + PARTNERS.replace("type: funder}", "type: funder, signed: true}"), today=date(2026, 1, 15)) if f.code == "MEM01")
    assert named.message.startswith("Partner `a` (A) names no")
    assert tr.finding(named).message.startswith("Le partenaire `a` (A) ne nomme pas")


@pytest.mark.usefixtures("unpinned_lang")
def test_without_lang_the_locale_decides_and_the_configuration_wins(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    charter = tmp_path / "c.yaml"
    charter.write_text(HEAD + "partners: 3\n", encoding="utf-8")
    argv = ("check", str(charter), "--format", "json", "--select", "SCH01")
    for key in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert json.loads(cli(*argv)[1])["findings"][0]["message"].startswith("`partners` doit être")
    (tmp_path / ".partnercheck.yaml").write_text("lang: en\n", encoding="utf-8")
    assert json.loads(cli(*argv)[1])["findings"][0]["message"].startswith("`partners` must be")
    monkeypatch.setenv("LC_ALL", "C.UTF-8")  # LC_ALL first: English
    (tmp_path / ".partnercheck.yaml").unlink()
    assert json.loads(cli(*argv)[1])["findings"][0]["message"].startswith("`partners` must be")


def test_paths_that_cannot_be_read_are_explained_in_french(cli, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, _, err = cli("check", str(tmp_path / "absent.yaml"), str(tmp_path / "empty"), "--isolated", "--lang", "fr")
    assert code == 2
    assert f"partnercheck : erreur : {tmp_path / 'absent.yaml'} : fichier ou dossier introuvable" in err
    assert "partnercheck : avertissement : aucune charte trouvée sous" in err


def test_init_speaks_the_language_of_the_starter(cli, tmp_path: Path) -> None:
    target = tmp_path / "charte.yaml"
    _, out, _ = cli("init", str(target), "--lang", "fr")
    assert out == f"Charte écrite dans {target}. Complétez-la, puis lancez : partnercheck check {target}\n"
    code, _, err = cli("init", str(target), "--lang", "fr")
    assert code == 2 and "existe déjà" in err


@pytest.mark.usefixtures("unpinned_lang")
def test_config_shows_where_the_language_comes_from(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    charter = tmp_path / "c.yaml"
    charter.write_text(HEAD + PARTNERS, encoding="utf-8")
    monkeypatch.delenv("LC_ALL")
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    rows = {row["key"]: row for row in json.loads(cli("config", str(charter), "--format", "json")[1])["values"]}
    assert (rows["lang"]["value"], rows["lang"]["source"]) == ("fr", "locale LANG=fr_FR.UTF-8")
    rows = {row["key"]: row for row in json.loads(cli("config", str(charter), "--format", "json", "--lang", "en")[1])["values"]}
    assert (rows["lang"]["value"], rows["lang"]["source"]) == ("en", "flag --lang")


def test_sarif_describes_the_rules_in_the_run_language(cli) -> None:
    broken = str(EXAMPLES / "broken" / "sans-pilote.yaml")
    _, out, _ = cli("check", broken, "--format", "sarif", "--today", "2026-01-15", "--isolated", "--lang", "fr")
    driver = json.loads(out)["runs"][0]["tool"]["driver"]
    pil01 = next(r for r in driver["rules"] if r["id"] == "PIL01")
    assert pil01["shortDescription"]["text"].startswith("`pilot.partners` est absent ou vide")
    assert pil01["help"]["text"].startswith("Nommez le pilote")
    _, out, _ = cli("check", broken, "--format", "sarif", "--today", "2026-01-15", "--isolated", "--lang", "en")
    pil01 = next(r for r in json.loads(out)["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "PIL01")
    assert pil01["shortDescription"]["text"].startswith("`pilot.partners` is missing or empty")


def test_the_harness_checks_a_rules_translation(registry) -> None:
    import inspect
    from dataclasses import replace

    from partnercheck.testing import assert_translated, translation_problems

    for code in ("PIL01", "PIL02", "ACC02", "SCH01"):
        assert_translated(code, "fr", registry)
    rule = registry.rules["PIL02"]
    french = dict(rule.translations["fr"])
    french["messages"] = {**french["messages"], "self_granted": "Le pilote s'est mandaté lui-même."}
    problems = translation_problems(replace(rule, translations={"fr": french}), "fr")
    assert problems == [
        "PIL02: message `self_granted`: parameters [] differ from the English ['granters']",
        "PIL02: message `self_granted`: field names ['granted_by'] are missing from the translation (field names are never translated)",
    ]
    with pytest.raises(AssertionError, match="no rule 'NOPE99'"):
        assert_translated("NOPE99", "fr", registry)
    guide = (Path(__file__).parents[1] / "docs" / "plugins.md").read_text(encoding="utf-8")
    params = inspect.signature(assert_translated).parameters.values()
    written = ", ".join(p.name if p.default is inspect.Parameter.empty else f"{p.name}={p.default!r}" for p in params).replace("'", '"')
    assert f"`assert_translated({written})`" in guide


def test_machine_formats_carry_the_language_where_people_read_them(cli, tmp_path: Path) -> None:
    broken = str(EXAMPLES / "broken" / "sans-pilote.yaml")
    _, out, _ = cli("check", broken, "--format", "github", "--today", "2026-01-15", "--isolated", "--lang", "fr")
    assert out.splitlines()[-1] == "partnercheck : 3 erreurs, 1 avertissement, 0 information dans 1 fichier."  # EVA03 on 3 objectives: one finding
    _, out, _ = cli("check", str(tmp_path / "absent.yaml"), broken, "--format", "json", "--isolated", "--lang", "fr")
    assert json.loads(out)["errors"] == [f"{tmp_path / 'absent.yaml'} : fichier ou dossier introuvable"]


def test_french_scores_use_the_decimal_comma(cli) -> None:
    broken = str(EXAMPLES / "broken" / "beneficiaires-sans-voix.yaml")
    _, en, _ = cli("check", broken, "--today", "2026-01-15", "--isolated", "--color", "never")
    _, fr, _ = cli("check", broken, "--today", "2026-01-15", "--isolated", "--color", "never", "--lang", "fr")
    english = re.search(r"health score (\d+\.\d)/100", en)
    assert english is not None, en
    assert f"score de santé {english.group(1).replace('.', ',')}/100" in fr


def test_every_built_in_rule_passes_the_harness_translation_check(registry) -> None:
    from partnercheck.testing import translation_problems

    problems = [p for rule in registry.rules.values() if rule.plugin == "core" for p in translation_problems(rule, "fr")]
    assert problems == []


def test_rule_shows_option_descriptions_in_french(cli) -> None:
    _, out, _ = cli("rule", "GOV03", "--lang", "fr")
    assert "Le délai minimal de convocation avant une réunion, en jours." in out


@pytest.mark.parametrize(
    ("lang", "written", "shown"),
    [("fr", "2026-09-01", "1er septembre 2026"), ("fr", "2028-08-31", "31 août 2028"), ("fr", "2026-13-45", "2026-13-45"), ("fr", "soon", "soon"), ("en", "2026-09-01", "2026-09-01")],
)
def test_report_dates_read_as_people_write_them(lang: str, written: str, shown: str) -> None:
    assert Translator(lang).date(written) == shown


def test_the_french_report_writes_its_dates_in_words(cli) -> None:
    _, html, _ = cli("report", str(EXAMPLES / "plateforme-aide-a-la-personne.yaml"), "-o", "-", "--today", "2026-01-15", "--lang", "fr", "--isolated")
    assert "du 1er septembre 2026 au 31 août 2028" in html and "15 janvier 2026" in html


@pytest.mark.usefixtures("unpinned_lang")
def test_a_run_speaks_the_language_of_its_first_path(cli, tmp_path: Path) -> None:
    for name, lang in (("fr", "fr"), ("en", "en")):
        folder = tmp_path / name
        folder.mkdir()
        (folder / ".partnercheck.yaml").write_text(f"lang: {lang}\n", encoding="utf-8")
        (folder / "c.yaml").write_text(HEAD + "partners: 3\n", encoding="utf-8")
    argv = ("--format", "json", "--select", "SCH01")
    messages = {f["message"] for f in json.loads(cli("check", str(tmp_path / "fr"), str(tmp_path / "en"), *argv)[1])["findings"]}
    assert messages == {"`partners` doit être une liste ; la valeur est le nombre 3"}
    messages = {f["message"] for f in json.loads(cli("check", str(tmp_path / "en"), str(tmp_path / "fr"), *argv)[1])["findings"]}
    assert messages == {"`partners` must be a list; got a number 3"}


def test_every_parameter_a_reader_may_see_has_a_french_label(registry, cli) -> None:
    shown = set()
    for rule in registry.rules.values():
        french = rule.translations.get("fr", {})
        for template in [*(french.get("messages") or {}).values(), french.get("hint", "")]:
            shown |= set(PLACEHOLDER.findall(template))
    labels = {m.id: m.string for m in _po() if m.context == PARAMETER_CONTEXT}
    assert set(labels) == shown
    assert all(label and label != name or name in ("participation", "suggestion", "type", "types", "version") for name, label in labels.items())
    assert all(catalog("fr").get(name, PARAMETER_CONTEXT) == label for name, label in labels.items() if label)
    _, out, _ = cli("rule", "PIL01", "--lang", "fr")
    assert "Aucun pilote n'est désigné : <problème>." in out


def test_every_verdict_state_speaks_french() -> None:
    from partnercheck.findings import Finding, Severity
    from partnercheck.report.verdict import Verdict

    error = Finding(code="PIL01", name="p", severity=Severity.ERROR, message="m", path="c.yaml")
    warning = Finding(code="GOV02", name="g", severity=Severity.WARNING, message="m", path="c.yaml")
    states = [
        Verdict(),
        Verdict(improve=1),
        Verdict(improve=5),
        Verdict(checked=False),
        Verdict(blocking=(error,)),
        Verdict(blocking=(error, warning), fail_on=Severity.WARNING, max_warnings=1),
        Verdict(blocking=(error, warning), fail_on=Severity.WARNING, max_warnings=3),
        Verdict(score=61.6, below=80),
        Verdict(score=None, below=80, checked=False),
        Verdict(below=80, below_files=2),
        Verdict(blocking=(error,), below=80, score=50, exit_zero=True),
    ]
    tr = Translator("fr")
    french = [v.label_in(tr) for v in states]
    assert not tr.missing_words, tr.missing_words
    assert all(f != v.label for f, v in zip(french, states))
    assert french[2] == "Prête à signer, avec 5 points à améliorer"
    assert french[5] == "Pas prête à signer : 2 problèmes bloquants (--fail-on warning, au-delà de --max-warnings 1)"


def test_every_french_verdict_agrees_with_la_charte_or_les_chartes() -> None:
    """« Pas prêt à signer » said of « la charte » (new-user trial): a file's verdict is feminine singular, a run's
    of several files feminine plural, in every state."""
    from partnercheck.findings import Finding
    from partnercheck.report.verdict import Verdict

    error = Finding(code="PIL01", name="x", severity=Severity.ERROR, message="m", path="c.yaml")
    states = [Verdict(), Verdict(improve=3), Verdict(checked=False), Verdict(blocking=(error,)), Verdict(score=50, below=80)]
    tr = Translator("fr")
    one = [v.label_in(tr).split(" :")[0].split(",")[0] for v in states]
    assert one == ["Prête à signer", "Prête à signer", "Non vérifiée", "Pas prête à signer", "Pas prête à signer"]
    many = [v.replace(files=3).label_in(tr).split(" :")[0].split(",")[0] for v in states]
    assert many == ["Prêtes à signer", "Prêtes à signer", "Non vérifiées", "Pas prêtes à signer", "Pas prêtes à signer"]
    assert [v.replace(files=3).label for v in states] == [v.label for v in states]  # English has no agreement to make


def test_a_board_reads_the_verdict_in_plain_words_and_the_options_in_the_appendix() -> None:
    """`--fail-on warning` means nothing to a board: the summary says "warnings included", the technical appendix
    keeps the command line's sentence."""
    from partnercheck.findings import Finding
    from partnercheck.report.verdict import Verdict

    warning = Finding(code="PUR03", name="x", severity=Severity.WARNING, message="m", path="c.yaml")
    gated = Verdict(blocking=(warning,), fail_on=Severity.WARNING, max_warnings=0, score=61.6, below=80, exit_zero=True)
    for lang, words in (("en", "warnings included"), ("fr", "avertissements compris")):
        tr = Translator(lang)
        plain, technical = gated.label_in(tr, plain=True), gated.label_in(tr)
        assert "--" not in plain and words in plain, plain
        assert "--fail-on warning" in technical and "--min-score 80" in technical and "--exit-zero" in technical
        assert not tr.missing_words, tr.missing_words


def test_usage_and_configuration_errors_follow_the_language(cli, tmp_path: Path) -> None:
    charter = tmp_path / "c.yaml"
    charter.write_text(HEAD + PARTNERS, encoding="utf-8")
    _, _, err = cli("check", str(charter), "--select", "XYZ99", "--lang", "fr")
    assert err.startswith("partnercheck : erreur : --select : « XYZ99 » n'est ni un code de règle")
    (tmp_path / ".partnercheck.yaml").write_text("langue: fr\n", encoding="utf-8")
    _, _, err = cli("check", str(charter), "--lang", "fr")
    assert err.endswith(".partnercheck.yaml:1 : langue : clé inconnue (vouliez-vous dire `lang` ?)\n")
    _, _, err = cli("rule", "XYZ01", "--lang", "fr")
    assert err == "partnercheck : erreur : aucune règle 'XYZ01' ; `partnercheck rules` les liste toutes\n"


def test_version_and_english_runs_never_import_babel(tmp_path: Path) -> None:
    """Babel reads a `.po` only when no up-to-date `.mo` is there, and only for another language than English."""
    import subprocess
    import sys

    charter = tmp_path / "c.yaml"
    charter.write_text(HEAD + PARTNERS, encoding="utf-8")
    for argv in (["--version"], ["check", str(charter), "--isolated", "--lang", "en"]):
        done = subprocess.run([sys.executable, "-X", "importtime", "-m", "partnercheck", *argv], capture_output=True, text=True)
        assert " babel" not in done.stderr, argv


def test_check_answers_in_the_charter_s_own_language_when_nothing_else_sets_one(cli, tmp_path, monkeypatch) -> None:
    """`init --lang fr` writes `language: fr`; `check` then answers in French with no `--lang` (locale pinned to C)."""
    monkeypatch.delenv("PARTNERCHECK_LANG", raising=False)
    target = tmp_path / "charte.yaml"
    assert cli("init", str(target), "--lang", "fr")[0] == 0
    _, out, _ = cli("check", str(target), "--isolated", "--today", "2026-01-15")
    assert "Pas prête à signer" in out and "Not ready" not in out
    _, out, _ = cli("check", str(target), "--isolated", "--today", "2026-01-15", "--lang", "en")
    assert "Not ready to sign" in out  # the flag wins
    (tmp_path / ".partnercheck.yaml").write_text("lang: en\n", encoding="utf-8")
    _, out, _ = cli("check", str(target), "--today", "2026-01-15")
    assert "Not ready to sign" in out  # so does the configuration
    english = tmp_path / "other" / "charter.yaml"
    english.parent.mkdir()
    english.write_text(target.read_text(encoding="utf-8").replace("language: fr", "language: en"), encoding="utf-8")
    _, out, _ = cli("check", str(target), str(english), "--isolated", "--today", "2026-01-15")
    assert "Not ready to sign" in out  # charters that disagree: the locale decides


def test_partnercheck_lang_sets_the_language_like_the_flag(cli, tmp_path, monkeypatch) -> None:
    target = tmp_path / "charte.yaml"
    assert cli("init", str(target), "--lang", "fr")[0] == 0
    monkeypatch.setenv("PARTNERCHECK_LANG", "en")
    assert "Not ready to sign" in cli("check", str(target), "--isolated")[1]  # over the charter's own language
    assert "Pas prête à signer" in cli("check", str(target), "--isolated", "--lang", "fr")[1]  # the flag still wins
    monkeypatch.setenv("PARTNERCHECK_LANG", "de")
    code, _, err = cli("check", str(target), "--isolated")
    assert code == 2 and "PARTNERCHECK_LANG=de: choose en or fr" in err


def test_config_names_the_environment_variable_as_the_source_of_the_language(cli, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PARTNERCHECK_LANG", "fr")
    _, out, _ = cli("config", str(tmp_path), "--isolated")
    assert re.search(r"^\s*lang\s+fr\s+\(variable d'environnement PARTNERCHECK_LANG\)", out, re.M)  # in French, the language it sets
    _, out, _ = cli("config", str(tmp_path), "--isolated", "--lang", "en")
    assert re.search(r"^\s*lang\s+en\s+\(flag --lang\)", out, re.M)


def test_a_text_rendered_again_reads_as_when_first_rendered() -> None:
    """The translator keeps what it rendered: equal-looking parameters of other types, nested phrases and lists
    still render as a fresh translator renders them, and each in its own language."""

    texts = [Text("DOC07.size", {"limit": value}) for value in (1, True, 1.0, "1", None, [1, 2], ["a", "b"], ("a", "b"), "a", Text("DOC03.empty"))]
    for lang in ("en", "fr"):
        reused = Translator(lang)
        first = [reused.render(t) for t in texts]
        assert [reused.render(t) for t in texts] == first == [Translator(lang).render(t) for t in texts]
        assert len(set(first)) >= 6
