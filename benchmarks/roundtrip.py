"""The round-trip loader, kept as the benchmark's reference point.

partnercheck reads charters with the C event parser
(`partnercheck.document.parsing`), building data and positions in one walk.
This module does the same job the slow way, with ruamel.yaml's round-trip
loader (`CommentedMap` and its `.lc` line and column records), to measure what
the fast path buys. Production code never imports it: run as a script, it
swaps it in for the parser and runs the `partnercheck` command line
(`python benchmarks/roundtrip.py check …`, see docs/benchmarks.md); positions
here have no end, and the first parser error is reported as is.
"""

from __future__ import annotations

import datetime
from typing import Any

from partnercheck.document.builder import Limits, Parsed
from partnercheck.findings import Span
from partnercheck.pointers import escape


def use_roundtrip() -> None:
    """Make every charter read in this process (and the workers it forks) go through the round-trip loader."""
    from partnercheck.document import load

    load.parse = lambda text, limits, *_: parse_roundtrip(text, limits)


def parse_roundtrip(text: str, limits: Limits) -> Parsed:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    from partnercheck.document.parsing import syntax_problem

    parsed = Parsed()
    try:
        data = YAML(typ="rt").load(text)
    except YAMLError as exc:
        parsed.problems.append(syntax_problem(exc, text))
        return parsed
    parsed.document_starts.append(Span(1, 1, 1, 1))
    parsed.documents.append(_plain(data, parsed, limits))
    return parsed


def _plain(root: Any, parsed: Parsed, limits: Limits) -> Any:
    """Plain data and positions from the round-trip objects, iteratively."""
    out: dict[str, Any] = {}
    stack: list[tuple[Any, Any, Any, str, int]] = [(root, out, "root", "", 0)]
    while stack:
        node, parent, slot, pointer, depth = stack.pop()
        value = _copy(node)
        parent[slot] = value
        if depth > limits.max_depth:
            continue
        if isinstance(node, dict):
            for key, child in node.items():
                child_pointer = f"{pointer}/{escape(str(key))}"
                _record(parsed, child_pointer, node.lc.value(key) if hasattr(node, "lc") else None)
                _record_key(parsed, child_pointer, node.lc.key(key) if hasattr(node, "lc") else None)
                stack.append((child, value, str(key), child_pointer, depth + 1))
        elif isinstance(node, list):
            value.extend([None] * len(node))
            for i, child in enumerate(node):
                child_pointer = f"{pointer}/{i}"
                _record(parsed, child_pointer, node.lc.item(i) if hasattr(node, "lc") else None)
                stack.append((child, value, i, child_pointer, depth + 1))
    first = next(iter(parsed.index.keys.values()), Span(1, 1, 1, 1))
    parsed.index.values.setdefault("", first)
    return out["root"]


def _copy(node: Any) -> Any:
    if isinstance(node, dict):
        return {}
    if isinstance(node, list):
        return []
    if isinstance(node, (datetime.date, datetime.datetime)):
        return node.isoformat()
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return str(node)


def _record(parsed: Parsed, pointer: str, at: Any) -> None:
    if at is not None:
        line, column = at[0] + 1, at[1] + 1
        parsed.index.values[pointer] = Span(line, column, line, column)


def _record_key(parsed: Parsed, pointer: str, at: Any) -> None:
    if at is not None:
        line, column = at[0] + 1, at[1] + 1
        parsed.index.keys[pointer] = Span(line, column, line, column)


if __name__ == "__main__":
    from partnercheck.cli import main

    use_roundtrip()
    main()
