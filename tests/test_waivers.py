"""Waivers in the charter: they hide a finding until `expires_on`, then the finding returns with SUP03."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from partnercheck.testing import lint_text

# PIL02 (pilot without mandate) is reported at /pilot.
BASE = """partnercheck: 1
charter: {id: x, title: X}
partners: [{id: a, name: A, type: funder}]
pilot: {partners: [a]}
waivers:
"""

WAIVER = "  - {rule: PIL02, at: /pilot, reason: mandate voted at the next committee, approved_by: comite, expires_on: 2026-03-31}\n"


def run(cli, tmp_path: Path, text: str, today: str, select: str = "PIL02,SUP") -> tuple[int, dict[str, list[dict]]]:
    path = tmp_path / "charte.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, err = cli("check", str(path), "--isolated", "--format", "json", "--select", select, "--today", today)
    assert code in (0, 1), err
    by_code: dict[str, list[dict]] = {}
    for finding in json.loads(out)["findings"]:
        by_code.setdefault(finding["code"], []).append(finding)
    return code, by_code


def test_waiver_hides_its_finding_until_expiry_then_sup03(cli, tmp_path: Path) -> None:
    text = BASE + WAIVER
    code, found = run(cli, tmp_path, text, "2026-03-31")  # the last day it holds
    assert code == 0
    [pil02] = found["PIL02"]
    assert pil02["suppressed"] is True
    assert pil02["suppression"] == {"kind": "waiver", "reason": "mandate voted at the next committee", "approved_by": "comite", "expires_on": "2026-03-31"}
    assert "SUP03" not in found

    code, found = run(cli, tmp_path, text, "2026-04-01")
    assert code == 1
    assert found["PIL02"][0]["suppressed"] is False
    [sup03] = found["SUP03"]
    assert sup03["pointer"] == "/waivers/0/expires_on" and sup03["line"] == 6
    assert "expired on 2026-03-31" in sup03["message"]
    assert "SUP02" not in found  # an expired waiver is reported once, as expired


def test_waived_findings_are_counted_in_the_text_summary(cli, tmp_path: Path) -> None:
    path = tmp_path / "charte.yaml"
    path.write_text(BASE + WAIVER, encoding="utf-8")
    code, out, _ = cli("check", str(path), "--isolated", "--select", "PIL02", "--today", "2026-01-10", "--color", "never")
    assert code == 0 and "1 waived or suppressed" in out


def test_waiver_at_covers_only_that_pointer_and_below() -> None:
    text = BASE + "  - {rule: MEM01, at: /partners/1, reason: other partner}\n  - {rule: representative-not-mandated, at: /partners, reason: all partners}\n"
    text = text.replace("[{id: a, name: A, type: funder}]", "[{id: a, name: A, type: funder}, {id: b, name: B, type: funder}]")
    found = lint_text(text, select=["MEM01", "SUP"], today="2026-01-10")
    mem01 = {f.pointer: f.suppression.reason for f in found if f.code == "MEM01" and f.suppression}
    assert mem01 == {"/partners/0": "all partners", "/partners/1": "other partner"}
    assert not [f for f in found if f.code.startswith("SUP")]


def test_unused_waiver_is_sup02() -> None:
    text = BASE + "  - {rule: PIL02, at: /objectives, reason: nothing there}\n"
    found = lint_text(text, select=["PIL02", "SUP"], today=date(2026, 1, 10))
    assert [(f.code, f.pointer, f.suppressed) for f in found] == [("PIL02", "/pilot", False), ("SUP02", "/waivers/0", False)]
    assert "waives nothing" in found[1].message


def test_waiver_of_a_deselected_rule_is_not_reported_unused() -> None:
    text = BASE + "  - {rule: GOV01, reason: the rule does not run in this case}\n"
    found = lint_text(text, select=["PIL02", "SUP"], today=date(2026, 1, 10))
    assert [f.code for f in found] == ["PIL02"]


def test_waiver_without_at_covers_the_whole_document() -> None:
    text = BASE + "  - {rule: PIL02, reason: whole charter}\n"
    found = lint_text(text, select=["PIL02", "SUP"], today=date(2026, 1, 10))
    assert [(f.code, f.suppression.kind if f.suppression else None) for f in found] == [("PIL02", "waiver")]


def test_waived_finding_stays_in_sarif_with_a_suppression_when_asked(cli, tmp_path: Path) -> None:
    path = tmp_path / "charte.yaml"
    path.write_text(BASE + WAIVER, encoding="utf-8")
    code, out, err = cli("check", str(path), "--isolated", "--select", "PIL02", "--today", "2026-01-10", "--format", "sarif")
    assert code == 0, err
    assert json.loads(out)["runs"][0]["results"] == []  # by default: GitHub would open an alert for it
    code, out, err = cli("check", str(path), "--isolated", "--select", "PIL02", "--today", "2026-01-10", "--format", "sarif", "--sarif-suppressed", "include")
    assert code == 0, err
    [result] = json.loads(out)["runs"][0]["results"]
    assert result["ruleId"] == "PIL02"
    [suppression] = result["suppressions"]
    assert "mandate voted at the next committee" in json.dumps(suppression)
