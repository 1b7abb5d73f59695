"""`partnercheck init`: a starter charter that parses cleanly and lets the rules say what is left."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from paths import ROOT

from partnercheck.catalog.starter import LANGUAGES, TYPE_LABELS, starter
from partnercheck.report.i18n import default_language

ENGINE_CODES = ("DOC", "SCH", "REF", "INT")
SECTIONS = list(json.loads((ROOT / "schemas" / "charter.schema.json").read_text(encoding="utf-8"))["properties"])


def check_json(cli, path: Path) -> dict:
    code, out, err = cli("check", str(path), "--format", "json", "--today", "2026-01-15")
    assert code in (0, 1), err
    return json.loads(out)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("profile", [None, "training-platform"])
def test_the_starter_parses_with_no_document_schema_or_reference_finding(cli, tmp_path: Path, lang: str, profile: str | None) -> None:
    target = tmp_path / "charter.yaml"
    args = ["init", str(target), "--lang", lang] + (["--profile", profile] if profile else [])
    code, out, err = cli(*args)
    assert code == 0, err
    assert str(target) in out and out.startswith(("Wrote ", "Charte écrite dans "))
    report = check_json(cli, target)
    codes = [f["code"] for f in report["findings"]]
    assert not [c for c in codes if c.startswith(ENGINE_CODES) and c != "DOC08"], report["findings"]
    # the rules then tell the author what is left: a shared vision, a pilot, measures, beneficiaries
    assert {"PUR01", "PIL01", "EVA01", "BEN01"} <= set(codes)
    # and every value marked "to fill in" (the title, each partner's name) is placeholder text: not ready to sign
    values = [line.split("  #")[0] for line in target.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#")]
    marked = [value for value in values if "to fill in" in value or "à compléter" in value]
    placeholders = [place for f in report["findings"] if f["code"] == "DOC08" for place in [f, *f.get("related", [])]]  # grouped, each at its place
    assert len(placeholders) == len(marked) >= 2
    code, out, _ = cli("check", str(target), "--isolated")
    assert code == 1 and "Not ready" in out


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_section_of_the_format_is_present_and_commented(lang: str) -> None:
    text = starter(lang)
    for section in SECTIONS:
        line = next((l for l in text.splitlines() if re.match(rf"^(# )?{section}:", l)), None)
        assert line is not None, f"section {section!r} is missing from the {lang} starter"
        index = text.splitlines().index(line)
        assert text.splitlines()[index - 1].startswith("#") or section == "partnercheck", f"section {section!r} has no comment above it"


def test_the_profile_adds_one_partner_per_expected_type(cli, tmp_path: Path) -> None:
    target = tmp_path / "platform.yaml"
    cli("init", str(target), "--lang", "en", "--profile", "training-platform")
    report = check_json(cli, target)
    assert "MEM02" not in {f["code"] for f in report["findings"]}  # every expected type is there
    text = target.read_text(encoding="utf-8")
    assert "profile: training-platform" in text
    for kind in ("institution", "local_authority", "funder", "employer", "training_body", "public_employment_service", "beneficiary_representative"):
        assert f"type: {kind}\n" in text
        assert f"{TYPE_LABELS[kind]['en']} (to fill in)" in text


def test_french_starter_speaks_french(cli, tmp_path: Path) -> None:
    target = tmp_path / "charte.yaml"
    cli("init", str(target), "--lang", "fr", "--profile", "training-platform")
    text = target.read_text(encoding="utf-8")
    assert "language: fr" in text
    assert "(à compléter)" in text and "to fill in" not in text
    assert "Qui pilote, et avec quelle légitimité" in text


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LC_ALL": "fr_CA.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
        ({"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_default_language_comes_from_the_environment(environ: dict, expected: str) -> None:
    assert default_language(environ) == expected


def test_the_cli_takes_its_default_language_from_lang(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for key in ("LC_ALL", "LC_MESSAGES", "PARTNERCHECK_LANG"):  # nothing else sets the language (the tests pin PARTNERCHECK_LANG)
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    cli("init", str(tmp_path / "a.yaml"))
    assert "language: fr" in (tmp_path / "a.yaml").read_text(encoding="utf-8")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    cli("init", str(tmp_path / "b.yaml"))
    assert "language: en" in (tmp_path / "b.yaml").read_text(encoding="utf-8")


def test_it_never_overwrites_without_force(cli, tmp_path: Path) -> None:
    target = tmp_path / "charter.yaml"
    target.write_text("mine\n", encoding="utf-8")
    code, _, err = cli("init", str(target), "--lang", "en")
    assert code == 2
    assert "already exists" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "mine\n"
    code, _, _ = cli("init", str(target), "--lang", "en", "--force")
    assert code == 0
    assert target.read_text(encoding="utf-8").startswith("# Partnership charter")


def test_default_file_name_and_standard_output(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, _ = cli("init", "--lang", "en")
    assert code == 0 and (tmp_path / "charter.yaml").is_file()
    code, out, _ = cli("init", "-", "--lang", "fr")
    assert code == 0 and out.startswith("# Charte de partenariat")


def test_an_unknown_profile_is_a_clear_error(cli, tmp_path: Path) -> None:
    code, _, err = cli("init", str(tmp_path / "x.yaml"), "--profile", "space-station")
    assert code == 2
    assert "unknown profile 'space-station'" in err and "training-platform" in err
    assert not (tmp_path / "x.yaml").exists()


def test_an_unknown_profile_is_told_in_the_starter_s_language(cli, tmp_path: Path) -> None:
    code, _, err = cli("init", str(tmp_path / "x.yaml"), "--profile", "space-station", "--lang", "fr")
    assert code == 2
    assert err == "partnercheck : erreur : profil inconnu : 'space-station' ; profils : training-platform\n"


def test_an_unknown_language_is_refused(cli, tmp_path: Path) -> None:
    code, _, err = cli("init", str(tmp_path / "x.yaml"), "--lang", "de")
    assert code == 2 and "--lang" in err
    with pytest.raises(ValueError):
        starter("de")


def uncomment(text: str) -> str:
    """What an author does: fill the empty sections with their commented lines, uncommented."""
    out = []
    for line in text.splitlines():
        m = re.match(r"^(\s*)# (.*)$", line)
        if m and (m.group(1) or re.match(r"[a-z_]+: ", m.group(2))):
            line = m.group(1) + m.group(2)
        else:
            line = re.sub(r"^([a-z_]+): (\{\}|\[\])$", r"\1:", line)
        out.append(line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_commented_examples_have_the_right_shape_once_uncommented(cli, tmp_path: Path, lang: str) -> None:
    filled = uncomment(starter(lang, ("institution", "funder"), "training-platform"))
    assert "\n# vision:" not in filled and "context:\n  problem_statement:" in filled
    target = tmp_path / "filled.yaml"
    target.write_text(filled, encoding="utf-8")
    report = check_json(cli, target)
    shape = [f for f in report["findings"] if f["code"].startswith(("DOC", "SCH", "INT")) and f["code"] not in ("DOC08", "DOC09")]
    assert shape == []
    # each <…> an author uncomments without writing their own text is placeholder text, at its line
    angled = {n for n, line in enumerate(filled.splitlines(), 1) if "<" in line and not line.lstrip().startswith("#")}
    placeholders = {place["line"] for f in report["findings"] if f["code"] == "DOC08" for place in [f, *f.get("related", [])]}
    assert angled and angled <= placeholders
    # the examples name partners and bodies by made-up ids: only reference findings remain to fix
    assert "PUR01" not in {f["code"] for f in report["findings"]}


def test_a_folder_is_refused_as_a_folder_even_though_it_exists(cli, tmp_path: Path) -> None:
    code, _, err = cli("init", str(tmp_path), "--lang", "en")
    assert code == 2 and "is a folder; give a file name" in err


@pytest.mark.parametrize(("lang", "word"), [("en", "to fill in"), ("fr", "à compléter")])
def test_init_writes_the_vision_as_a_value_to_fill_in(cli, tmp_path, lang: str, word: str) -> None:
    import json

    import yaml

    target = tmp_path / "charter.yaml"
    code, _, err = cli("init", str(target), "--lang", lang)
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    line = next(l for l in text.splitlines() if l.startswith("vision:"))
    assert word in line
    assert yaml.safe_load(text)["vision"] == ""
    code, out, err = cli("check", str(target), "--format", "json", "--isolated")
    codes = {f["code"] for f in json.loads(out)["findings"]}
    assert {c for c in codes if c.startswith(("DOC", "SCH", "REF"))} == {"DOC08"}  # only the title and names left to fill in
    assert "PUR01" in codes  # a blank vision is still reported as missing


#: A commented or written key whose comment lists values: `participation: partnership   # consultation | partnership`.
ENUM_COMMENT = re.compile(r"^[ #]*(?P<key>[a-z_]+): (?P<example>.*?)\s+# (?P<values>[a-z_]+(?: \| [a-z_]+)+)$")


SCHEMA = json.loads((ROOT / "schemas" / "charter.schema.json").read_text(encoding="utf-8"))


def _enums_in(node: object) -> list[list[str]]:
    """Every enum inside a schema node: its own, its items' and their keys', through `$ref`s."""
    if isinstance(node, list):
        return [enum for child in node for enum in _enums_in(child)]
    if not isinstance(node, dict):
        return []
    found = [node["enum"]] if "enum" in node else []
    if "$ref" in node:
        found += _enums_in(SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[1]])
    return found + [enum for name, child in node.items() if name not in ("enum", "$ref") for enum in _enums_in(child)]


def _properties_named(key: str) -> list[list[str]]:
    """The enums of every property named `key` in the schema's definitions."""
    return [enum for definition in SCHEMA["$defs"].values() if key in definition.get("properties", {}) for enum in _enums_in(definition["properties"][key])]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_list_of_allowed_values_in_the_starter_is_the_schema_enum(lang: str) -> None:
    text = starter(lang, ["other", "funder"])
    listed = [m for m in map(ENUM_COMMENT.match, text.splitlines()) if m]
    assert {m["key"] for m in listed} >= {"status", "participation", "level", "decision_rule", "sector", "contributions"}
    for m in listed:
        values = m["values"].split(" | ")
        assert values in _properties_named(m["key"]), f"{m['key']}: {values} is not the schema's list"
        example = m["example"].strip("{[").split(",")[0].split(": ")[-1]
        assert example in values, f"{m['key']}: the example {example!r} is not an allowed value"
    assert "informing" in next(m["values"] for m in listed if m["key"] == "participation")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_starter_names_every_partner_type_of_the_schema(lang: str) -> None:
    comments = " ".join(line.lstrip("# ") for line in starter(lang).splitlines() if line.startswith("#"))
    types = SCHEMA["$defs"]["partner"]["properties"]["type"]["enum"]
    assert ", ".join(types) + "." in comments


def test_the_templates_write_no_list_of_allowed_values_by_hand() -> None:
    for template in (ROOT / "src" / "partnercheck" / "locale").glob("*/starter/*.tmpl"):
        for line in template.read_text(encoding="utf-8").splitlines():
            assert not re.search(r"#\s*[a-z_]+(?: \([^)]*\))? \| [a-z_]+", line), f"{template.name}: {line.strip()}"
