"""Load errors come before selection errors (issue 18, item 2): a rule pack, a plugin or a
local plugin that did not load is reported first, whatever `--select`, `--ignore`, a
configuration file's `select:` or `--format` then refuses.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_support import error_lines
from test_plugins import CHARTER, charter, no_installed_plugins, pack, plugin, rule  # noqa: F401  (fixtures)

BAD_SCHEMA = pack(rule("BAD01", "bad-one", "{select: /partners/*, schema: {type: bogus}}"))


@pytest.fixture
def bad_pack(tmp_path: Path) -> str:
    path = tmp_path / "bad-schema.yaml"
    path.write_text(BAD_SCHEMA, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("selection", [("--select", "acme"), ("--ignore", "acme"), ("--extend-select", "BAD01"), ("--format", "acme-html")])
def test_a_broken_pack_is_reported_before_the_selector_it_would_have_satisfied(cli, charter, bad_pack, selection) -> None:
    code, out, err = cli("check", charter, "--rules", bad_pack, *selection)
    lines = error_lines(err)
    assert code == 2 and out == ""
    assert len(lines) == 2, lines
    assert lines[0].startswith(f"partnercheck: error: rule pack {bad_pack}: {bad_pack}:") and "invalid schema" in lines[0]
    assert "acme" in lines[1] or "BAD01" in lines[1]


def test_a_broken_installed_plugin_is_reported_before_the_selector(cli, plugin, charter) -> None:
    plugin("acme_broken", "raise RuntimeError('the database is not configured')\n")
    code, _, err = cli("check", charter, "--select", "acme")
    assert code == 2
    assert error_lines(err) == [
        "partnercheck: error: plugin 'acme_broken' failed to import: RuntimeError: the database is not configured; it was skipped",
        'partnercheck: error: --select: "acme" is no rule code, code prefix, rule name or pack; `partnercheck rules` lists them',
    ]


def test_a_refused_local_plugin_is_reported_before_the_selector(cli, charter, tmp_path: Path) -> None:
    local = tmp_path / "acme.py"
    local.write_text("", encoding="utf-8")
    code, _, err = cli("check", charter, "--plugin", str(local), "--select", "acme")
    lines = error_lines(err)
    assert code == 2 and len(lines) == 2
    assert "was not loaded: a local plugin runs code, so it runs only with --allow-local-plugins" in lines[0]
    assert '--select: "acme"' in lines[1]


def test_a_broken_plugin_is_reported_before_the_configuration_select_it_explains(cli, plugin, tmp_path: Path, monkeypatch) -> None:
    plugin("acme_broken", "raise RuntimeError('boom')\n")
    (tmp_path / ".partnercheck.yaml").write_text("select: [acme]\n", encoding="utf-8")
    (tmp_path / "charte.yaml").write_text(CHARTER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = cli("check", "charte.yaml")
    lines = error_lines(err)
    assert code == 2 and len(lines) == 2, lines
    assert lines[0] == "partnercheck: error: plugin 'acme_broken' failed to import: RuntimeError: boom; it was skipped"
    assert '"acme" is no rule code' in lines[1] and ".partnercheck.yaml" in lines[1]
