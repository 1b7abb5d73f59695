"""`partnercheck rule CODE`: every explanation reads without raw parameters; a pack name points to `rules --pack`."""

from __future__ import annotations

import re

import pytest

from partnercheck.plugins.manager import PluginSelection, load_registry


@pytest.mark.slow
def test_rule_explanations_show_no_raw_parameters(cli) -> None:
    registry = load_registry(PluginSelection(autoload=False))
    for code in sorted(registry.rules):
        status, out, _ = cli("rule", code, "--no-plugins")
        assert status == 0, code
        assert not re.search(r"\{[A-Za-z_][A-Za-z0-9_]*\}", out), (code, out)
    assert "notice_days: 10" in cli("rule", "GOV03", "--no-plugins")[1]  # an option shows its default
    assert "accountable: <first>" in cli("rule", "ACC02", "--no-plugins")[1]  # a finding's own value, named


def test_a_pack_name_given_as_a_rule_points_to_the_pack(cli) -> None:
    status, _, err = cli("rule", "pilot", "--no-plugins")
    assert status == 2
    assert "'pilot' is a pack" in err and "partnercheck rules --pack pilot" in err
