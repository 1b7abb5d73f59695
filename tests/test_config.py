"""Configuration files through the CLI: discovery, inheritance, flags, and what each key does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

# PIL02 (warning) at /pilot line 4; MEM01 (warning) at /partners/0 line 3.
CHARTER = """partnercheck: 1
charter: {id: x, title: X}
partners: [{id: a, name: A, type: funder}]
pilot: {partners: [a]}
"""


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository: `charters/region/c.yaml`, run from the repository's root."""
    folder = tmp_path / "charters" / "region"
    folder.mkdir(parents=True)
    (folder / "c.yaml").write_text(CHARTER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def codes(cli, *argv: str) -> tuple[int, list[str]]:
    code, out, err = cli("check", *argv, "--format", "json")
    assert code in (0, 1), err
    return code, sorted(f["code"] for f in json.loads(out)["findings"] if not f["suppressed"])


def test_ignore_in_a_config_two_folders_up_applies(cli, tree: Path) -> None:
    assert codes(cli, "charters/region/c.yaml", "--select", "PIL02,MEM01") == (1, ["MEM01", "PIL02"])
    (tree / ".partnercheck.yaml").write_text("ignore: [PIL02]\n")
    assert codes(cli, "charters/region/c.yaml", "--select", "PIL02,MEM01") == (1, ["MEM01"])
    assert codes(cli, "charters", "--select", "PIL02,MEM01") == (1, ["MEM01"])


def test_the_closest_config_wins(cli, tree: Path) -> None:
    (tree / ".partnercheck.yaml").write_text("ignore: [PIL02]\n")
    (tree / "charters" / ".partnercheck.yml").write_text("ignore: [MEM01]\n")
    assert codes(cli, "charters", "--select", "PIL02,MEM01") == (1, ["PIL02"])


def test_extends_a_parent_file_and_merges_mappings(cli, tree: Path) -> None:
    (tree / ".partnercheck.yaml").write_text("select: [PIL02, MEM01]\nseverity: {PIL02: info, MEM01: info}\n")
    (tree / "charters" / ".partnercheck.yaml").write_text("extends: ../.partnercheck.yaml\nseverity: {MEM01: error}\n")
    code, out, _ = cli("check", "charters", "--format", "json")
    severities = {f["code"]: f["severity"] for f in json.loads(out)["findings"]}
    assert severities == {"PIL02": "info", "MEM01": "error"}
    assert code == 1


def test_extends_a_preset(cli, tree: Path) -> None:
    (tree / ".partnercheck.yaml").write_text("extends: errors-only\nselect: [PIL02]\n")
    assert codes(cli, "charters") == (0, ["PIL02"])  # a warning, and the preset fails only on errors
    code, _ = codes(cli, "charters", "--fail-on", "warning")
    assert code == 1  # the flag wins over the preset


def test_pyproject_tool_table(cli, tree: Path) -> None:
    (tree / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.partnercheck]\nselect = ["PIL02", "MEM01"]\nignore = ["MEM01"]\n')
    assert codes(cli, "charters") == (1, ["PIL02"])


def test_pyproject_without_the_table_is_not_a_config(cli, tree: Path) -> None:
    (tree / ".partnercheck.yaml").write_text("select: [MEM01]\n")
    (tree / "charters" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert codes(cli, "charters") == (1, ["MEM01"])


def test_flags_override_files(cli, tree: Path) -> None:
    (tree / ".partnercheck.yaml").write_text("select: [MEM01]\nfail-on: error\n")
    assert codes(cli, "charters") == (0, ["MEM01"])
    assert codes(cli, "charters", "--select", "PIL02") == (0, ["PIL02"])
    assert codes(cli, "charters", "--fail-on", "warning") == (1, ["MEM01"])


def test_config_flag_forces_one_file_and_isolated_ignores_all(cli, tree: Path) -> None:
    (tree / ".partnercheck.yaml").write_text("select: [MEM01]\n")
    (tree / "other.yaml").write_text("select: [PIL02]\n")
    assert codes(cli, "charters", "--config", "other.yaml") == (1, ["PIL02"])
    code, found = codes(cli, "charters", "--isolated")
    assert {"PIL02", "MEM01"} <= set(found)
    code, _, err = cli("check", "charters", "--config", "other.yaml", "--isolated")
    assert code == 2 and "cannot be used together" in err


def test_per_file_ignores(cli, tree: Path) -> None:
    (tree / "charters" / "other.yaml").write_text(CHARTER)
    (tree / ".partnercheck.yaml").write_text("select: [PIL02]\nper-file-ignores:\n  'charters/region/*.yaml': [PIL02]\n")
    code, out, _ = cli("check", "charters", "--format", "json")
    assert [(f["path"], f["code"]) for f in json.loads(out)["findings"]] == [("charters/other.yaml", "PIL02")]


def test_exclude_skips_walked_files_but_not_named_ones(cli, tree: Path) -> None:
    (tree / ".partnercheck.yaml").write_text("select: [PIL02]\nexclude: [charters/region]\n")
    code, out, _ = cli("check", ".", "--format", "json")
    assert json.loads(out)["files"] == [] and code == 0
    code, out, _ = cli("check", "charters/region/c.yaml", "--format", "json")
    assert json.loads(out)["files"] == ["charters/region/c.yaml"] and code == 1


def test_rule_options_apply_and_are_validated(cli, tree: Path) -> None:
    charter = CHARTER + "evaluation:\n  measures: [{id: m, name: M, collected_by: [a], data_source: Registre}]\n"
    (tree / "charters" / "region" / "c.yaml").write_text(charter)
    assert codes(cli, "charters", "--select", "EVA02") == (1, ["EVA02"])
    (tree / ".partnercheck.yaml").write_text("options:\n  measure-not-co-owned: {min_collectors: 1}\n")
    assert codes(cli, "charters", "--select", "EVA02") == (0, [])
    (tree / ".partnercheck.yaml").write_text("options:\n  EVA02:\n    min_collectors: none\n")
    code, _, err = cli("check", "charters")
    assert code == 2
    assert err.strip() == "partnercheck: error: .partnercheck.yaml:3: options.EVA02.min_collectors: invalid value for EVA02: must be a whole number; got text \"none\""


def test_profiles_as_data(cli, tree: Path) -> None:
    charter = CHARTER.replace("{id: x, title: X}", "{id: x, title: X, profile: reseau-associatif}")
    (tree / "charters" / "region" / "c.yaml").write_text(charter)
    code, out, _ = cli("check", "charters", "--select", "MEM02", "--format", "json")
    assert "reseau-associatif" in json.loads(out)["findings"][0]["message"]  # unknown profile
    (tree / ".partnercheck.yaml").write_text("profiles:\n  reseau-associatif:\n    description: Associations of a territory\n    expects: [association, [funder, local_authority]]\n")
    code, out, _ = cli("check", "charters", "--select", "MEM02", "--format", "json")
    [finding] = json.loads(out)["findings"]
    assert finding["pointer"] == "/partners" and "association" in finding["message"]


def test_extra_rule_pack_applies_under_its_config_only(cli, tree: Path) -> None:
    pack = "pack: local\nrules:\n  - code: LOC01\n    name: no-website\n    severity: warning\n    summary: The charter gives no website.\n    why: Partners and the public look for it.\n    message: No website.\n    check: {select: /charter, schema: {required: [website]}}\n    examples: {fail: 'charter: {}', pass: 'charter: {website: x}'}\n"
    (tree / "charters" / "region" / "rules.yaml").write_text(pack)
    (tree / "charters" / "region" / ".partnercheck.yaml").write_text("rules: [rules.yaml]\nselect: [LOC01]\n")
    (tree / "elsewhere").mkdir()
    (tree / "elsewhere" / "d.yaml").write_text(CHARTER)
    code, out, err = cli("check", "charters", "elsewhere", "--format", "json")
    found = [(f["path"], f["code"]) for f in json.loads(out)["findings"] if f["code"] == "LOC01"]
    assert found == [("charters/region/c.yaml", "LOC01")], err


def test_a_broken_pack_listed_in_config_is_a_config_error(cli, tree: Path) -> None:
    (tree / "rules.yaml").write_text("pack: local\nrules: []\n")
    (tree / ".partnercheck.yaml").write_text("rules: [rules.yaml]\n")
    code, _, err = cli("check", "charters")
    assert code == 2 and err.startswith("partnercheck: error: rule pack ") and "rules.yaml:2" in err
    (tree / ".partnercheck.yaml").write_text("rules: [absent.yaml]\n")
    code, _, err = cli("check", "charters")
    assert code == 2 and err.startswith("partnercheck: error: .partnercheck.yaml:1: rules: no rule pack file 'absent.yaml'")


def test_plugins_named_in_config_are_never_imported(cli, tree: Path) -> None:
    (tree / "evil.py").write_text("import pathlib\npathlib.Path('imported').write_text('yes')\n")
    (tree / ".partnercheck.yaml").write_text("plugins: {evil: true}\n")
    code, _, err = cli("check", "charters")
    assert code == 2 and 'no installed plugin named "evil"' in err
    assert not (tree / "imported").exists()


def test_local_plugins_in_config_run_only_with_allow_local_plugins(cli, tree: Path) -> None:
    (tree / "own.py").write_text("import pathlib\npathlib.Path('imported').write_text('yes')\n")
    (tree / ".partnercheck.yaml").write_text("local-plugins: [own.py]\nselect: [PIL02]\n")
    code, out, err = cli("check", "charters", "--format", "concise")
    assert code == 2 and "runs only with --allow-local-plugins" in err
    assert " PIL02 " in out  # the other rules still ran (docs/configuration.md, `local-plugins`)
    assert not (tree / "imported").exists()
    code, _, err = cli("check", "charters", "--allow-local-plugins")
    assert code == 1, err
    assert (tree / "imported").read_text() == "yes"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ignore: [PIL02]\nselct: [PIL02]\n", '.partnercheck.yaml:2: selct: unknown key (did you mean "select"?)'),
        ("fail-on: fatal\n", ".partnercheck.yaml:1: fail-on: must be one of: error, warning, info; got \"fatal\""),
        ("select: PIL02\n", ".partnercheck.yaml:1: select: must be a list; got text \"PIL02\""),
        ("severity:\n  PIL02: loud\n", '.partnercheck.yaml:2: severity.PIL02: must be one of: error, warning, info; got "loud"'),
        ("ignore: [PIL02, ZZZ99]\n", '.partnercheck.yaml:1: ignore[1]: "ZZZ99" is no rule code, code prefix, rule name or pack; `partnercheck rules` lists them'),
        ("options:\n  PIL02: {depth: 2}\n", '.partnercheck.yaml:2: options.PIL02.depth: PIL02 has no option "depth" (it has no options)'),
        ("select: [PIL02\n", ".partnercheck.yaml:1: This list opened with `[` on line 1 is never closed"),  # at its cause
        ("extends: strictest\n", '.partnercheck.yaml:1: extends: no preset named "strictest"'),
        ("extends: ./missing.yaml\n", '.partnercheck.yaml:1: extends: no configuration file "./missing.yaml"'),
        ("extends: .partnercheck.yaml\n", ".partnercheck.yaml:1: extends: \".partnercheck.yaml\" leads back to a file already in the chain"),
        ("plugins: {core: false}\n", ".partnercheck.yaml:1: plugins.core: the built-in rules (core) cannot be disabled"),
        ("- select\n", ".partnercheck.yaml:1: a configuration file is a mapping"),
    ],
)
def test_invalid_config_is_one_line_exit_2(cli, tree: Path, text: str, expected: str) -> None:
    (tree / ".partnercheck.yaml").write_text(text)
    code, out, err = cli("check", "charters")
    assert code == 2
    assert out == ""
    assert err.startswith(f"partnercheck: error: {expected}"), err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_invalid_pyproject_names_file_and_line(cli, tree: Path) -> None:
    (tree / "pyproject.toml").write_text('[tool.partnercheck]\nselect = ["PIL02"]\nfail-on = "loud"\n')
    code, _, err = cli("check", "charters")
    assert code == 2
    assert err.startswith('partnercheck: error: pyproject.toml:3: fail-on: must be one of: error, warning, info; got "loud"')
    (tree / "pyproject.toml").write_text("[tool.partnercheck\n")
    code, _, err = cli("check", "charters")
    assert code == 2 and err.startswith("partnercheck: error: pyproject.toml: invalid TOML") and len(err.splitlines()) == 1


def test_config_command_shows_values_and_sources(cli, tree: Path) -> None:
    (tree / ".partnercheck.yaml").write_text("extends: errors-only\nignore: [PIL02]\nseverity:\n  MEM01: info\n")
    code, out, _ = cli("config", "charters/region/c.yaml", "--format", "json", "--select", "PIL,MEM")
    assert code == 0
    data = json.loads(out)
    assert data["configuration_files"] == ["preset errors-only", ".partnercheck.yaml"]
    values = {row["key"]: (row["value"], row["source"]) for row in data["values"]}
    assert values["ignore"] == (["PIL02"], ".partnercheck.yaml:2")
    assert values["severity.MEM01"] == ("info", ".partnercheck.yaml:4")
    assert values["fail-on"] == ("error", "preset errors-only")
    assert values["select"] == (["PIL", "MEM"], "flag --select")
    assert values["max-warnings"] == (None, "default")


def test_config_command_tells_which_per_file_ignores_apply(cli, tree: Path) -> None:
    (tree / ".partnercheck.yaml").write_text("per-file-ignores:\n  'charters/region/*': [PIL02]\n  'drafts/*': [MEM01]\n")
    code, out, _ = cli("config", "charters/region/c.yaml", "--format", "json")
    sources = {row["key"]: row["source"] for row in json.loads(out)["values"]}
    assert sources["per-file-ignores.charters/region/*"] == ".partnercheck.yaml:2; applies to this file"
    assert sources["per-file-ignores.drafts/*"] == ".partnercheck.yaml:3; does not match this file"


def test_config_command_text(cli, tree: Path) -> None:
    (tree / ".partnercheck.yaml").write_text("ignore: [PIL02]\n")
    code, out, _ = cli("config", "charters/region/c.yaml", "--ignore", "MEM01")
    assert code == 0
    assert "files: .partnercheck.yaml" in out
    line = next(l for l in out.splitlines() if l.strip().startswith("ignore"))
    assert "PIL02, MEM01" in line and "(.partnercheck.yaml:1 + flag --ignore)" in line


def test_config_command_text_speaks_the_run_language(cli, tree: Path) -> None:
    """A French coordinator reads `config --lang fr` in French: its words, the defaults said in words, the sources."""
    (tree / ".partnercheck.yaml").write_text("extends: errors-only\nper-file-ignores:\n  'drafts/*': [MEM01]\n")
    code, out, _ = cli("config", "charters/region/c.yaml", "--lang", "fr", "--ignore", "MEM01")
    assert code == 0
    assert out.startswith("Configuration pour charters/region/c.yaml\nfichiers : préréglage errors-only -> .partnercheck.yaml\n")
    rows = {line.split()[0]: line for line in out.splitlines()[2:]}
    assert "celle de chaque règle" in rows["severity"] and rows["severity"].endswith("(par défaut)")
    assert "(option --ignore)" in rows["ignore"] and "(option --lang)" in rows["lang"]
    assert "(préréglage errors-only)" in rows["fail-on"]
    assert "ne correspond pas à ce fichier" in rows["per-file-ignores.drafts/*"]
    assert "néant" in rows["max-warnings"] and "tous les plugins installés" in rows["plugins"]
    for english in ("default", "flag", "files:", "each rule", "every installed", "does not match", "preset", "none"):
        assert english not in out, english


def test_standard_input_takes_the_config_of_its_stdin_filename(cli, tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    (tree / "charters" / ".partnercheck.yaml").write_text("select: [PIL02, MEM01]\nignore: [PIL02]\n")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(CHARTER.encode())))
    code, out, err = cli("check", "-", "--stdin-filename", "charters/region/new.yaml", "--format", "json")
    assert [(f["path"], f["code"]) for f in json.loads(out)["findings"]] == [("charters/region/new.yaml", "MEM01")], err


def test_extends_a_pyproject_and_paths_are_relative_to_their_file(cli, tree: Path) -> None:
    (tree / "pyproject.toml").write_text('[tool.partnercheck]\nselect = ["PIL02", "MEM01"]\n\n[tool.partnercheck.per-file-ignores]\n"charters/region/*.yaml" = ["MEM01"]\n')
    (tree / "charters" / ".partnercheck.yaml").write_text("extends: ../pyproject.toml\nseverity: {PIL02: info}\n")
    code, out, _ = cli("check", "charters", "--format", "json")
    assert [(f["code"], f["severity"]) for f in json.loads(out)["findings"]] == [("PIL02", "info")]
    code, out, _ = cli("config", "charters/region/c.yaml", "--format", "json")
    sources = {row["key"]: row["source"] for row in json.loads(out)["values"]}
    assert sources["select"] == "pyproject.toml:2"
    assert sources["per-file-ignores.charters/region/*.yaml"] == "pyproject.toml:4; applies to this file"
    assert sources["severity.PIL02"] == "charters/.partnercheck.yaml:2"
