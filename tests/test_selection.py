"""Selection flags are checked like configuration values: a value that designates no rule is a usage error."""

from __future__ import annotations

import pytest
from paths import EXAMPLES

HEALTHY = str(EXAMPLES / "plateforme-aide-a-la-personne.yaml")


@pytest.mark.parametrize(
    ("flag", "value", "close"),
    [
        ("--select", "NOPE", None),
        ("--ignore", "PILOT01", "PIL01"),
        ("--extend-select", "PIL1", "PIL01"),
    ],
)
def test_a_selector_flag_that_designates_no_rule_stops_the_run(cli, flag: str, value: str, close: str | None) -> None:
    code, out, err = cli("check", HEALTHY, flag, value, "--color", "never")
    assert code == 2
    assert "Ready to sign" not in out
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f'partnercheck: error: {flag}: "{value}" is no rule code, code prefix')
    if close:
        assert f'did you mean "{close}"?' in lines[0]
    else:
        assert "`partnercheck rules` lists them" in lines[0]


def test_one_bad_value_among_good_ones_is_named(cli) -> None:
    code, _, err = cli("check", HEALTHY, "--select", "PIL01,ACCOUNTABILTY", "--color", "never")
    assert code == 2
    assert '"ACCOUNTABILTY"' in err and '"PIL01"' not in err


@pytest.mark.parametrize("value", ["PIL", "pil01", "pilot", "ALL", "no-pilot-designated"])
def test_codes_prefixes_packs_and_names_are_accepted(cli, value: str) -> None:
    code, _, err = cli("check", HEALTHY, "--select", value, "--today", "2026-01-15", "--color", "never")
    assert code == 0, err
    assert err == ""


def test_report_checks_its_selection_flags_too(cli, tmp_path) -> None:
    out_file = tmp_path / "r.html"
    code, _, err = cli("report", HEALTHY, "-o", str(out_file), "--ignore", "PILOT01")
    assert code == 2
    assert "--ignore" in err and "PIL01" in err
    assert not out_file.exists()


