"""The server's converter: pygls's, with `initialize`'s parameters and result read and written field by field.

cattrs turns each LSP class into JSON and back by generating, then compiling,
a function for the class the first time it meets it: the right trade for the
messages that come at every keystroke, the wrong one for `initialize`, which
comes once per session and holds about 120 classes of capabilities (the
client's, about 80, then the server's). Those classes are walked here instead,
with the same keys (camelCase), the same hooks for their fields' types and the
same omissions (a field left at its default is not written unless lsprotocol
says it must be): about 40 ms less from an editor's start to its first
diagnostics.
"""

from __future__ import annotations

import typing
from typing import Any, Callable

import attrs
import cattrs
from cattrs.errors import ClassValidationError
from lsprotocol import types
from pygls.protocol import default_converter

#: The classes only `initialize` carries, each way: read from the client, written to it.
READ_ONCE = types.InitializeParams
WRITTEN_ONCE = types.InitializeResult


def converter() -> cattrs.Converter:
    """pygls's converter, reading and writing `initialize`'s classes without generating code for them."""
    made = default_converter()
    read, written = reachable(READ_ONCE), reachable(WRITTEN_ONCE)
    made.register_structure_hook_factory(lambda cls: cls in read, lambda cls: _reader(made, cls))
    made.register_unstructure_hook_factory(lambda cls: cls in written, lambda cls: _writer(made, cls))
    return made


def reachable(root: type) -> set[type]:
    """The attrs classes `root` holds, itself included, through its fields' types (optional, union, list…)."""
    seen: set[type] = set()
    todo: list[Any] = [root]
    while todo:
        kind = todo.pop()
        if isinstance(kind, type) and attrs.has(kind):
            if kind not in seen:
                seen.add(kind)
                todo.extend(field.type for field in attrs.fields(kind))
        else:
            todo.extend(typing.get_args(kind))
    return seen


def key_of(name: str) -> str:
    """A field's JSON key, as lsprotocol's hooks name it: `text_document` is `textDocument`, `from_` is `from`."""
    parts = name.removesuffix("_").split("_")
    return parts[0] + "".join(part.title() for part in parts[1:])


def _reader(made: cattrs.Converter, cls: type) -> Callable[[Any, Any], Any]:
    fields = [(key_of(field.name), field.alias, field.type) for field in attrs.fields(cls) if field.init]
    structure = made.structure

    def read(value: Any, _: Any) -> Any:
        try:
            return cls(**{alias: structure(value[key], kind) for key, alias, kind in fields if key in value})
        except Exception as exc:  # as cattrs's own functions report a field that does not fit
            raise ClassValidationError(f"While structuring {cls.__name__}", [exc], cls) from exc

    return read


def _writer(made: cattrs.Converter, cls: type) -> Callable[[Any], dict[str, Any]]:
    fields = []
    for field in attrs.fields(cls):
        factory = getattr(field.default, "factory", None)  # an attrs Factory: its value is the default
        default = factory() if callable(factory) else field.default
        omitted = field.default is not attrs.NOTHING and not types.is_special_property(cls, field.name)
        fields.append((field.name, key_of(field.name), field.type, omitted, default))
    unstructure = made.unstructure

    def write(value: Any) -> dict[str, Any]:
        out = {}
        for name, key, kind, omitted, default in fields:
            item = getattr(value, name)
            if not (omitted and item == default):
                out[key] = unstructure(item, kind)
        return out

    return write
