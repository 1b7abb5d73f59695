"""docs/rules.md is generated from the rule packs; this test fails when it is stale."""

from __future__ import annotations

import pytest
from paths import ROOT

from partnercheck.catalog.explain import MARKDOWN_COMMAND

DOC = ROOT / "docs" / "rules.md"


def test_docs_rules_md_matches_the_packs(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PARTNERCHECK_PLUGINS", raising=False)
    code, generated, err = cli("rules", "--no-plugins", "--format", "markdown")
    assert code == 0, err
    current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    if current != generated:
        pytest.fail(f"docs/rules.md is stale: regenerate it with `{MARKDOWN_COMMAND}` (from the repository root)", pytrace=False)


def test_docs_rules_md_documents_every_health_rule(cli) -> None:
    _, generated, _ = cli("rules", "--no-plugins", "--format", "markdown")
    for code in ("PUR01", "EVA04", "SCA03"):
        assert f"### {code} " in generated
    assert "**Why it matters.**" in generated and "**Example that fails:**" in generated


def test_rules_markdown_escapes_table_cells() -> None:
    from dataclasses import replace

    from partnercheck.catalog.explain import rules_markdown
    from partnercheck.testing import default_registry

    rule = replace(default_registry().rules["EVA01"], summary="a | b")
    assert "| a \\| b |" in rules_markdown([rule])
