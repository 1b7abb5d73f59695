"""JSON Pointers (RFC 6901): building, splitting and resolving them."""

from __future__ import annotations

from typing import Any, Iterator


def escape(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def join(pointer: str, *tokens: str | int) -> str:
    return pointer + "".join("/" + escape(t) for t in tokens)


def split(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/")]


def parent(pointer: str) -> str:
    return pointer.rsplit("/", 1)[0] if pointer else ""


def ancestors(pointer: str) -> Iterator[str]:
    """The pointer itself, then each parent up to the root ``""``."""
    while True:
        yield pointer
        if not pointer:
            return
        pointer = parent(pointer)


def resolve(data: Any, pointer: str, default: Any = None) -> Any:
    node = data
    for token in split(pointer):
        if isinstance(node, dict):
            if token not in node:
                return default
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return default
    return node


def is_within(pointer: str, prefix: str) -> bool:
    """True when `pointer` is `prefix` or below it."""
    return not prefix or pointer == prefix or pointer.startswith(prefix + "/")


def select(data: Any, pattern: str, mappings: bool = True) -> Iterator[tuple[str, Any]]:
    """(pointer, node) for each node matching `pattern`, a JSON Pointer in which `*` matches every
    list item (and every mapping value, unless `mappings` is False); a missing step selects nothing."""
    tokens = split(pattern)
    stack: list[tuple[Any, int, str]] = [(data, 0, "")]
    while stack:
        node, depth, pointer = stack.pop()
        if depth == len(tokens):
            yield pointer, node
            continue
        token = tokens[depth]
        if token == "*":
            stack.extend(reversed(list(_children(node, depth + 1, pointer, mappings))))
        elif isinstance(node, dict) and token in node:
            stack.append((node[token], depth + 1, join(pointer, token)))
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            stack.append((node[int(token)], depth + 1, f"{pointer}/{token}"))


def _children(node: Any, depth: int, pointer: str, mappings: bool) -> Iterator[tuple[Any, int, str]]:
    if isinstance(node, list):
        for i, item in enumerate(node):
            yield item, depth, f"{pointer}/{i}"
    elif mappings and isinstance(node, dict):
        for key, value in node.items():
            yield value, depth, f"{pointer}/{escape(key)}"

