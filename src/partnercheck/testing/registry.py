"""The registry the harness checks with: the installed plugins, loaded once per test session."""

from __future__ import annotations

from functools import lru_cache

from partnercheck.plugins.manager import PluginSelection, load_registry
from partnercheck.plugins.registry import Registry


@lru_cache(maxsize=8)
def default_registry(modules: tuple[str, ...] = (), packs: tuple[str, ...] = ()) -> Registry:
    """The installed plugins (and extra modules or packs), loaded once per test session."""
    registry = load_registry(PluginSelection(modules=modules, extra_packs=packs))
    if registry.errors:
        raise AssertionError("plugins failed to load:\n  " + "\n  ".join(registry.errors))
    return registry
