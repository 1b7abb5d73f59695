"""Issue 14: the suite passes from a fresh clone and in a venv where a third-party plugin is installed (say the
template plugin, `pip install -e examples/partnercheck-plugin-example`): no entry-point plugin is loaded unless a
test installs one on purpose."""

from __future__ import annotations

from importlib.metadata import EntryPoint

import pytest

from partnercheck.plugins import manager
from partnercheck.plugins.manager import PluginSelection, load_registry


def test_an_installed_plugin_is_not_loaded_by_the_suite(monkeypatch: pytest.MonkeyPatch) -> None:
    installed = [EntryPoint("org-example", "partnercheck_plugin_example", "partnercheck")]
    monkeypatch.setattr(manager, "entry_points", lambda group: installed if group == "partnercheck" else [])
    registry = load_registry(PluginSelection())
    assert [info.name for info in registry.plugins] == ["core"]
    assert registry.errors == []


def test_a_test_that_installs_one_on_purpose_still_loads_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PARTNERCHECK_DISABLE_PLUGIN_AUTOLOAD")
    installed = [EntryPoint("acme", "acme_not_installed_anywhere", "partnercheck")]
    monkeypatch.setattr(manager, "entry_points", lambda group: installed if group == "partnercheck" else [])
    registry = load_registry(PluginSelection())
    assert any("acme" in error for error in registry.errors)
