"""docs/configuration.md stays in step with schemas/config.schema.json and the presets."""

from __future__ import annotations

import re

from paths import ROOT

from partnercheck.config.files import PRESETS
from partnercheck.resources import load_schema

DOC = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
KEYS = list(load_schema("config")["properties"])


def _documented_keys() -> list[str]:
    keys_section = DOC.split("\n## Keys\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^### `([a-z-]+)`$", keys_section, flags=re.MULTILINE)


def test_every_schema_key_is_documented_in_schema_order() -> None:
    assert _documented_keys() == KEYS


def test_every_schema_key_has_a_description() -> None:
    schema = load_schema("config")
    assert [k for k, spec in schema["properties"].items() if not spec.get("description")] == []


def test_presets_table_matches_the_code() -> None:
    rows = re.findall(r"^\| `([a-z-]+)` \|", DOC.split("### `extends`", 1)[1].split("###", 1)[0], flags=re.MULTILINE)
    assert rows == list(PRESETS)


def test_the_example_configuration_is_valid(tmp_path) -> None:
    from partnercheck.config.files import read_config

    example = DOC.split("## An example\n", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / ".partnercheck.yaml"
    path.write_text(example, encoding="utf-8")
    config = read_config(path, ".partnercheck.yaml")
    assert config is not None and set(config.data) <= set(KEYS) and len(config.data) >= 8

    toml = DOC.split("```toml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "pyproject.toml").write_text(toml, encoding="utf-8")
    config = read_config(tmp_path / "pyproject.toml", "pyproject.toml")
    assert config is not None and config.data["per-file-ignores"] == {"drafts/*.yaml": ["PIL02", "GOV05"]}


def test_the_example_configuration_names_real_rules(cli, tmp_path, monkeypatch) -> None:
    example = DOC.split("## An example\n", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / ".partnercheck.yaml").write_text(example, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("config", ".", "--format", "json")
    assert code == 0, err
