"""The registry the harness checks with: the installed plugins, loaded once per test session.

A plugin or pack the tests name (`modules`, `packs`) that does not load fails
them; another installed plugin that does not load is only reported (a
`PluginLoadWarning`), so a broken neighbour never breaks a plugin's own tests.
"""

from __future__ import annotations

import warnings
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from partnercheck.plugins.manager import PluginSelection, load_registry
from partnercheck.plugins.registry import Registry


class PluginLoadWarning(UserWarning):
    """An installed plugin the tests did not name failed to load; its rules are absent."""


def default_registry(modules: Iterable[str] | str = (), packs: Iterable[str | Path] | str | Path = ()) -> Registry:
    """The installed plugins, plus `modules` (names) and `packs` (paths), each a list, a tuple or a single one; loaded once per test session."""
    return _loaded(_names(modules), tuple(str(p) for p in _names(packs)))


def _names(given: Iterable[str | Path] | str | Path) -> tuple[str | Path, ...]:
    return (given,) if isinstance(given, (str, Path)) else tuple(given)


@lru_cache(maxsize=8)
def _loaded(modules: tuple[str, ...], packs: tuple[str, ...]) -> Registry:
    registry = load_registry(PluginSelection(modules=modules, extra_packs=packs))
    fatal = [message for message in registry.errors if any(_about(message, name) for name in (*modules, *packs))]
    if fatal:
        raise AssertionError("plugins failed to load:\n  " + "\n  ".join(fatal))
    for message in registry.errors:
        warnings.warn(PluginLoadWarning(message), stacklevel=3)
    return registry


def _about(message: str, name: str) -> bool:
    """Whether a load error concerns the plugin module or pack path `name` (manager.py's wording)."""
    return f"plugin {name!r} " in message or f"(local:{name})" in message or message.startswith(f"rule pack {name}:") or f"({name})" in message
