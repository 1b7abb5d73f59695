"""A text cut at its comma in a one-line mapping (checks/comma_cut.py): one SCH01 on the cut text that says to
quote the text, not "unknown key" with the allowed keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from paths import EXAMPLES

HEALTHY = EXAMPLES / "plateforme-aide-a-la-personne.yaml"
TEXT = "Tout partenaire propose un avenant au comité de pilotage, qui l'adopte par consentement."


def with_review(review: str) -> str:
    """The healthy example with its block `review:` replaced by `review` (one line, or several)."""
    lines = HEALTHY.read_text(encoding="utf-8").split("\n")
    start = lines.index("  review:")
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("    "))
    return "\n".join([*lines[:start], review, *lines[end:]])


def schema_findings(cli, tmp_path: Path, text: str, *extra: str) -> list[dict]:
    charter = tmp_path / "c.yaml"
    charter.write_text(text, encoding="utf-8")
    code, out, err = cli("check", str(charter), "--isolated", "--no-cache", "--today", "2026-07-01", "-f", "json", *extra)
    assert code in (0, 1), err
    return [f for f in json.loads(out)["findings"] if f["code"] == "SCH01"]


@pytest.mark.parametrize("rest", ["qui l'adopte par consentement.", "qui l'adopte, par consentement.", "unanime"])
def test_a_text_cut_at_its_comma_is_one_finding_on_the_cut_text_saying_to_quote_it(cli, tmp_path: Path, rest: str) -> None:
    review = f"  review: {{every_months: 12, amendment_procedure: Tout partenaire propose un avenant au comité de pilotage, {rest}}}"
    [found] = schema_findings(cli, tmp_path, with_review(review), "--lang", "fr")  # two commas: still one cause
    line = review.split("\n")[0]
    assert (found["line"], found["column"]) == (45, line.index(rest[:3]) + 1)
    assert found["pointer"] == "/charter/review/" + rest.split(",")[0]
    assert "coupé à sa virgule" in found["message"] and "amendment_procedure" in found["message"]
    assert 'amendment_procedure: "<début du texte>, <suite du texte>"' in found["hint"]
    assert "x-" not in found["hint"] and "Clés permises" not in found["hint"]


def test_the_quoted_text_is_valid_and_a_block_key_with_spaces_stays_an_unknown_key(cli, tmp_path: Path) -> None:
    assert schema_findings(cli, tmp_path, with_review(f'  review: {{every_months: 12, amendment_procedure: "{TEXT}"}}')) == []
    block = with_review(f"  review:\n    every_months: 12\n    amendment_procedure: {TEXT.split(',')[0]}\n    qui l'adopte par consentement.:")
    [found] = schema_findings(cli, tmp_path, block)  # a colon after it: a key the user wrote, not a cut text
    assert found["message"].startswith("Unknown key") and "x-" in found["hint"]
