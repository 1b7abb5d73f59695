"""The JSON report is documented by schemas/report.schema.json; real output must validate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from paths import EXAMPLES, ROOT

SCHEMA = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)

WAIVED = """\
partnercheck: 1
charter: {id: x, title: X}
partners: [{id: a, name: A, type: funder}]
waivers:
  - {rule: PIL01, reason: the pilot is chosen in March, approved_by: comité, expires_on: 2027-01-01}
"""


def _report(cli, *paths: str) -> dict:
    code, out, err = cli("check", *paths, "--format", "json", "--today", "2026-01-15")
    assert code in (0, 1, 2), err
    return json.loads(out)


def test_schema_is_valid() -> None:
    Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("target", ["plateforme-aide-a-la-personne.yaml", "broken"])
def test_report_on_examples_validates(cli, target: str) -> None:
    report = _report(cli, str(EXAMPLES / target))
    errors = sorted(VALIDATOR.iter_errors(report), key=str)
    assert not errors, errors[0].message if errors else ""


def test_report_with_waiver_unreadable_file_and_missing_path_validates(cli, tmp_path: Path) -> None:
    waived = tmp_path / "waived.yaml"
    waived.write_text(WAIVED, encoding="utf-8")
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\x00\xff\xfe binary")
    report = _report(cli, str(waived), str(binary), str(tmp_path / "absent.yaml"))
    assert not list(VALIDATOR.iter_errors(report))
    assert any(f["suppressed"] and f["suppression"]["kind"] == "waiver" for f in report["findings"])
    assert report["errors"] and report["summary"]["suppressed"] >= 1


def test_schema_rejects_a_finding_without_position() -> None:
    finding = {"code": "PIL01", "name": "no-pilot-designated", "severity": "error", "message": "m", "hint": None, "path": "c.yaml", "pointer": "", "pack": "pilot", "plugin": "core", "suppressed": False}
    report = {"version": 1, "tool": {"name": "partnercheck", "version": "0"}, "today": "2026-01-01", "fail_on": "warning", "summary": {"files": 1, "errors": 1, "warnings": 0, "infos": 0, "suppressed": 0, "failing": 1}, "files": ["c.yaml"], "findings": [finding], "errors": []}
    assert not VALIDATOR.is_valid(report)
