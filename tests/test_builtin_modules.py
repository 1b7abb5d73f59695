"""The built-in plugin registers the checks of every module of `builtin/`, found as pkgutil finds modules."""

from __future__ import annotations

import pkgutil
from pathlib import Path

import pytest

from partnercheck import builtin
from partnercheck.plugins.manager import PluginSelection, load_registry


def test_every_builtin_module_is_found() -> None:
    assert builtin._modules() == sorted(m.name for m in pkgutil.iter_modules(builtin.__path__))
    assert "timing" in builtin._modules() and "__init__" not in builtin._modules()


def test_every_function_of_every_builtin_module_is_registered() -> None:
    registry = load_registry(PluginSelection(autoload=False))
    expected = {f"{name}.{function}" for name in builtin._modules() for function in getattr(__import__(f"partnercheck.builtin.{name}", fromlist=["FUNCTIONS"]), "FUNCTIONS", {})}
    assert expected and {name for name, (_, plugin) in registry.functions.items() if plugin == "core"} == expected


def test_modules_are_listed_as_pkgutil_lists_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a.py", "b.pyc", "c.cpython-311-x86_64-linux-gnu.so", "d.abi3.so", "e.txt", "f.g.py", "__init__.py", "pkg/__init__.py", "sourceless/__init__.pyc", "plain/x.py", ".hidden.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    monkeypatch.setattr(builtin, "__path__", [str(tmp_path), str(tmp_path / "missing")])
    assert builtin._modules() == sorted(m.name for m in pkgutil.iter_modules([str(tmp_path), str(tmp_path / "missing")]))
