"""SCA03 (partner-overcommitted) end to end: several charter files checked in one CLI run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from paths import EXAMPLES

from partnercheck.testing import Case, lint_text, run_case


def _charter(ident: str, partners: list[tuple[str, str]], pilots: list[str] = ()) -> str:
    lines = ["partnercheck: 1", f"charter: {{id: {ident}, title: {ident}}}", "partners:"]
    lines += [f"  - {{id: {pid}, name: {pid}, type: institution, status: {status}}}" for pid, status in partners]
    if pilots:
        lines.append(f"pilot: {{partners: [{', '.join(pilots)}]}}")
    return "\n".join(lines) + "\n"


def _sca03(cli, *args: str) -> list[dict]:
    code, out, err = cli("check", *args, "--select", "SCA03", "--format", "json", "--today", "2026-01-15")
    assert code in (0, 1), err
    return [f for f in json.loads(out)["findings"] if f["code"] == "SCA03"]


def test_one_finding_per_charter_where_the_partner_appears(cli, tmp_path: Path) -> None:
    # rectorat is active in p0..p5 (six partnerships, more than 5), observer in p6;
    # region is in p0 and p1 only; p7 does not include rectorat.
    for i in range(6):
        partners = [("region", "active"), ("rectorat", "active")] if i < 2 else [("rectorat", "active")]
        (tmp_path / f"p{i}.yaml").write_text(_charter(f"p{i}", partners))
    (tmp_path / "p6.yaml").write_text(_charter("p6", [("rectorat", "observer"), ("region", "active")]))
    (tmp_path / "p7.yaml").write_text(_charter("p7", [("region", "active")]))
    found = _sca03(cli, str(tmp_path))
    flagged = sorted((Path(f["path"]).name, f["pointer"]) for f in found)
    assert flagged == [("p0.yaml", "/partners/1"), ("p1.yaml", "/partners/1"), *((f"p{i}.yaml", "/partners/0") for i in range(2, 6))]
    assert all("Partner `rectorat` is an active partner of 6 partnerships" in f["message"] for f in found)
    assert all(f["line"] > 1 for f in found)


def test_pilotings_are_counted_across_files(cli, tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"p{i}.yaml").write_text(_charter(f"p{i}", [("rectorat", "active"), ("region", "active")], pilots=["rectorat"]))
    found = _sca03(cli, str(tmp_path))
    assert sorted(Path(f["path"]).name for f in found) == ["p0.yaml", "p1.yaml", "p2.yaml"]
    assert {f["pointer"] for f in found} == {"/partners/0"}
    assert all("pilots 3 partnerships checked together, more than 2" in f["message"] for f in found)


def test_a_single_charter_never_triggers_it(cli) -> None:
    assert _sca03(cli, str(EXAMPLES / "plateforme-aide-a-la-personne.yaml")) == []


def test_the_harness_checks_alongside_charters_too() -> None:
    valid = _charter("p0", [("rectorat", "active")])
    broken = "partnercheck: 1\ncharter: {id: p1, title: P1}\npartners: [{id: rectorat, name: R, type: firm}]\n"
    with pytest.raises(AssertionError, match="an alongside charter is invalid: alongside-1.yaml: SCH01"):
        run_case(Case("SCA03", valid, expect=[], alongside=(broken,)))
    # lint_text returns the findings of the first charter only, with the others in the same run.
    together = lint_text(valid, select=["SCA03"], options={"SCA03": {"max_partnerships": 1}}, alongside=[_charter("p1", [("rectorat", "active")])])
    assert [(f.code, f.path, f.pointer) for f in together] == [("SCA03", "case.yaml", "/partners/0")]
