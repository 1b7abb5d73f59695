"""Parametrised declarative rules (issue 18, item 7): a rule's options reach its schema
(`{$option: NAME}`) and its message and hint; a parameter no check gives, or an option the
schema names and the rule does not declare, is a load error naming the pack's line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from partnercheck.errors import PackError
from partnercheck.rules.pack import load_pack_text

RULE = """\
pack: acme
rules:
  - code: ACM01
    name: charter-too-long
    severity: warning
    summary: The charter runs too long.
    why: Long charters drift.
    options:
      max_months: {default: 36, schema: {type: integer, minimum: 1}}
    check:
      select: /charter
      schema: {properties: {duration_months: {maximum: {$option: max_months}}}}
    message: "The charter `{id}` runs longer than {max_months} months."
    hint: "Keep it under {max_months} months."
    translations:
      fr: {message: "La charte dure plus de {max_months} mois.", hint: "Restez sous {max_months} mois."}
    examples:
      fail: "partnercheck: 1\\ncharter: {id: x, title: X, duration_months: 48}"
      pass: "partnercheck: 1\\ncharter: {id: x, title: X, duration_months: 24}"
"""
CHARTER = "partnercheck: 1\ncharter: {id: x, title: X, duration_months: 30}\npartners: [{id: a, name: A, type: funder}]\n"


@pytest.fixture
def registry(tmp_path: Path, monkeypatch):  # type: ignore[no-untyped-def]
    from partnercheck.testing import default_registry

    monkeypatch.setenv("PARTNERCHECK_DISABLE_PLUGIN_AUTOLOAD", "1")
    (tmp_path / "acme.yaml").write_text(RULE, encoding="utf-8")
    return default_registry(packs=[tmp_path / "acme.yaml"])


def test_the_option_default_reaches_the_schema_message_and_hint(registry) -> None:
    from partnercheck.testing import lint_text

    assert lint_text(CHARTER, select=["ACM01"], registry=registry) == []
    [finding] = lint_text(CHARTER.replace("30", "40"), select=["ACM01"], registry=registry)
    assert (finding.message, finding.hint) == ("The charter `x` runs longer than 36 months.", "Keep it under 36 months.")


def test_a_configured_option_reaches_the_schema_message_and_hint(registry) -> None:
    from partnercheck.testing import lint_text

    [finding] = lint_text(CHARTER, select=["ACM01"], options={"ACM01": {"max_months": 24}}, registry=registry)
    assert (finding.message, finding.hint, finding.pointer) == ("The charter `x` runs longer than 24 months.", "Keep it under 24 months.", "/charter/duration_months")


def test_the_option_reaches_the_translation(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PARTNERCHECK_DISABLE_PLUGIN_AUTOLOAD", "1")
    (tmp_path / "acme.yaml").write_text(RULE, encoding="utf-8")
    (tmp_path / "c.yaml").write_text(CHARTER, encoding="utf-8")
    (tmp_path / ".partnercheck.yaml").write_text("options:\n  ACM01: {max_months: 12}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("check", "c.yaml", "--rules", "acme.yaml", "--select", "ACM01", "--lang", "fr", "--quiet", "--no-cache")
    assert code == 1, err
    assert "La charte dure plus de 12 mois." in out and "{max_months}" not in out


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("runs longer than {max_months} months", "runs longer than {max_month} months"), "ACM01: message uses {max_month}, which the check does not give (it gives: at, id, max_months, name, pointer, problem)"),
        (('hint: "Keep it under {max_months} months."', 'hint: "Keep it under {limit} months."'), "ACM01: hint uses {limit}, which the check does not give"),
        (("La charte dure plus de {max_months} mois", "La charte {partner} dure"), "ACM01: message uses {partner}, which the check does not give"),
        (("{$option: max_months}", "{$option: max_monts}"), "ACM01: the check uses the option 'max_monts', which the rule does not declare (its options: max_months)"),
    ],
    ids=["message", "hint", "translation", "undeclared-option"],
)
def test_a_parameter_no_check_gives_is_a_load_error(change: tuple[str, str], problem: str) -> None:
    text = RULE.replace(*change)
    assert text != RULE
    with pytest.raises(PackError) as caught:
        load_pack_text(text.encode(), "acme.yaml", "acme")
    assert problem in str(caught.value) and str(caught.value).startswith("acme.yaml:1")


def test_the_schema_with_its_default_must_be_valid() -> None:
    text = RULE.replace("maximum: {$option: max_months}", "maxItems: {$option: max_months}").replace("default: 36", "default: -1").replace("minimum: 1", "maximum: 99")
    with pytest.raises(PackError, match="ACM01: invalid schema: -1 is less than the minimum of 0"):
        load_pack_text(text.encode(), "acme.yaml", "acme")


def test_an_unknown_key_in_a_pack_is_named_whole() -> None:
    """A description with a comma in a flow mapping splits into a key: the error names it rather than cutting jsonschema's sentence."""
    text = RULE.replace("max_months: {default: 36, schema: {type: integer, minimum: 1}}", "max_months: {default: 36, schema: {type: integer, minimum: 1}, description: The longest run, in months.}")
    with pytest.raises(PackError) as caught:
        load_pack_text(text.encode(), "acme.yaml", "acme")
    assert str(caught.value) == "acme.yaml:9: `rules[0].options.max_months`: unknown key 'in months.'; allowed: default, description, schema"
