"""JUnit output is valid against the schema the Jenkins xUnit plugin validates against
(vendored in tests/data/junit/, see SOURCE.md there), on every example and with run errors."""

from __future__ import annotations

from pathlib import Path

import pytest
import xmlschema
from paths import DATA, EXAMPLES

XSD = DATA / "junit" / "junit-10.xsd"


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(XSD))


def test_the_examples_report_is_valid(cli, schema: xmlschema.XMLSchema, tmp_path: Path) -> None:
    out = tmp_path / "junit.xml"
    code, _, err = cli("check", str(EXAMPLES), "--today", "2026-01-15", "--format", f"junit:{out}")
    assert code == 1, err
    errors = [f"{e.path}: {e.reason}" for e in schema.iter_errors(str(out))]
    assert errors == []
    assert schema.to_dict(str(out))["testsuite"][0]["testcase"]  # the charters are there


def test_a_report_with_run_errors_and_suppressions_is_valid(cli, schema: xmlschema.XMLSchema, tmp_path: Path) -> None:
    charter = tmp_path / "c.yaml"
    charter.write_text("# partnercheck: disable-file=PIL01 -- a test\npartnercheck: 1\ncharter: {id: x, title: X}\n", encoding="utf-8")
    out = tmp_path / "junit.xml"
    code, _, _ = cli("check", str(charter), str(tmp_path / "absent.yaml"), "--format", f"junit:{out}")
    assert code == 2
    errors = [f"{e.path}: {e.reason}" for e in schema.iter_errors(str(out))]
    assert errors == []


def test_max_warnings_and_min_score_cases_stay_valid(cli, schema: xmlschema.XMLSchema, tmp_path: Path) -> None:
    """The gates main added (a `min-score` case per charter, failing by `--max-warnings`) keep the report valid."""
    out = tmp_path / "gates.xml"
    cli("check", str(EXAMPLES), "--today", "2026-01-15", "--no-cache", "--max-warnings", "50", "--min-score", "99.9", "-f", f"junit:{out}")
    schema.validate(str(out))
    cases = schema.to_dict(str(out))["testsuite"][0]["testcase"]
    assert any(c["@name"] == "min-score" for c in cases)
