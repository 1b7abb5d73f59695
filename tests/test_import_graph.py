"""The import graph of `src/partnercheck`, built from the source with `ast`, imports inside functions included.

No cycle, no import of the benchmarks, no private CPython module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from paths import ROOT

SRC = ROOT / "src"
PACKAGE = "partnercheck"
#: CPython's private modules, which may change in any release.
PRIVATE = ("re._parser", "re._compiler", "re._constants", "re._casefix", "sre_parse", "sre_compile", "sre_constants")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> set[str]:
    """Every module `path` imports, anywhere in the file (`from a import b` counts `a.b` when that is a module)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, package)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and _is_import_call(node):
            found.add(node.args[0].value)  # type: ignore[attr-defined]
    return found


def _absolute(node: ast.ImportFrom, package: str) -> str:
    if not node.level:
        return node.module or ""
    parts = package.split(".")
    base = ".".join(parts[: len(parts) - node.level + 1])
    return f"{base}.{node.module}" if node.module else base


def _is_import_call(node: ast.Call) -> bool:
    """`importlib.import_module("partnercheck.x")` with a constant name."""
    func = node.func
    named = isinstance(func, ast.Attribute) and func.attr == "import_module" or isinstance(func, ast.Name) and func.id in ("import_module", "__import__")
    return bool(named and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str))


def graph() -> dict[str, set[str]]:
    files = {module_name(p): p for p in (SRC / PACKAGE).rglob("*.py")}
    return {name: {m for m in imported(path) if m in files and m != name} for name, path in files.items()}


def all_imports() -> dict[str, set[str]]:
    return {module_name(p): imported(p) for p in (SRC / PACKAGE).rglob("*.py")}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each a cycle to break."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_the_graph_is_read_from_the_source() -> None:
    edges = graph()
    assert "partnercheck.run.engine" in edges["partnercheck.run.lint"]
    assert "partnercheck.report.formats.scorecard" in edges["partnercheck.report.formats.text"]  # imported inside a function
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle() -> None:
    assert cycles(graph()) == []


def test_no_module_imports_the_benchmarks() -> None:
    offenders = {name: sorted(m for m in found if m.split(".")[0] == "benchmarks") for name, found in all_imports().items()}
    assert {name: found for name, found in offenders.items() if found} == {}


def _private_imports() -> dict[str, list[str]]:
    offenders = {name: sorted(m for m in found if m in PRIVATE) for name, found in all_imports().items()}
    return {name: found for name, found in offenders.items() if found}


def test_no_private_cpython_module() -> None:
    assert _private_imports() == {}
