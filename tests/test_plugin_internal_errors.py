"""Internal errors are never hidden (issue 18, item 1): a crashed rule is reported and the run
exits 2 whatever the selection (`--select`, `--ignore`, `ignore:`, per-file ignores), a
suppression comment, a waiver or a baseline says, as a syntax error is in ruff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from test_plugins import CHARTER, CRASH_PACK, CRASHING, charter, codes_of, findings_of, no_installed_plugins, plugin  # noqa: F401  (fixtures)


@pytest.mark.parametrize(
    "selection",
    [("--select", "CRA01"), ("--select", "acme"), ("--ignore", "INT"), ("--ignore", "INT01"), ("--select", "CRA", "--ignore", "rule-crashed")],
)
def test_a_crash_is_reported_whatever_the_command_line_selects(cli, plugin, charter, selection) -> None:
    plugin("acme_crash", CRASHING, crash_yaml=CRASH_PACK)
    code, out, err = cli("check", charter, "--format", "json", "--no-cache", *selection)
    assert code == 2, err
    assert [f["message"] for f in findings_of(out) if f["code"] == "INT01"] == ["Rule CRA01 (budget-stated) from plugin 'acme_crash' failed: KeyError: 'budget'"]


def test_a_crash_is_reported_whatever_the_configuration_ignores(cli, plugin, tmp_path: Path, monkeypatch) -> None:
    plugin("acme_crash", CRASHING, crash_yaml=CRASH_PACK)
    (tmp_path / ".partnercheck.yaml").write_text("select: [acme]\nignore: [INT]\nper-file-ignores:\n  '*.yaml': [INT01]\n", encoding="utf-8")
    (tmp_path / "charte.yaml").write_text(CHARTER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli("check", "charte.yaml", "--format", "json", "--no-cache")
    assert code == 2
    assert "INT01" in codes_of(out)


def test_a_crash_cannot_be_suppressed_waived_or_baselined(cli, plugin, tmp_path: Path, monkeypatch) -> None:
    plugin("acme_crash", CRASHING, crash_yaml=CRASH_PACK)
    text = CHARTER.replace("partnercheck: 1\n", "partnercheck: 1  # partnercheck: disable-file=INT01,rule-crashed -- known\n")
    text += "waivers:\n  - {rule: INT01, reason: known, expires_on: 2999-01-01}\n"
    (tmp_path / "charte.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = cli("baseline", "charte.yaml", "--output", "base.json")
    assert code == 2 and "charte.yaml: Rule CRA01 (budget-stated) from plugin 'acme_crash' failed: KeyError: 'budget'; base.json was not written" in err
    entry = {"path": "charte.yaml", "code": "INT01", "pointer": "", "count": 1}
    (tmp_path / "base.json").write_text(json.dumps({"partnercheck-baseline": 1, "findings": [entry]}), encoding="utf-8")
    code, out, _ = cli("check", "charte.yaml", "--format", "json", "--no-cache", "--baseline", "base.json")
    crashed = [f for f in findings_of(out) if f["code"] == "INT01"]
    assert code == 2
    assert crashed and not any(f.get("suppressed") or f.get("suppression") for f in crashed), crashed
