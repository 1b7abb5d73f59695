"""What a plugin registers, checked when it loads: its hooks' names and markers, each `register` argument's type.

A problem is a `PluginError` naming what the plugin registered, in one line;
the manager skips the plugin and names it. Nothing a plugin registers can
fail later, in the middle of a run, as an internal error.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, Iterable, Mapping

from partnercheck.errors import PluginError

#: In the order they are called: `register_defaults` last, once the plugin's rules are known.
HOOKS = ("register_rule_packs", "register_functions", "register_reporters", "register_profiles", "register_schema_extensions", "register_defaults")


def hook_problem(module: Any, is_hookimpl: Any) -> str | None:
    """A hook that would silently never run: one defined without `@hookimpl`, or a misspelt one.

    `is_hookimpl(module, name)` says whether the attribute carries the marker.
    """
    for name in sorted(n for n in dir(module) if n.startswith("register_")):
        if not callable(getattr(module, name, None)):
            continue
        marked = is_hookimpl(module, name)
        if name in HOOKS:
            if marked:
                continue  # a hook, marked: nothing to guess
            return f"defines {name} without @hookimpl, so partnercheck would never call it"
        close = difflib.get_close_matches(name, HOOKS, n=1, cutoff=0.9 if not marked else 0.6)
        if marked or close:
            guess = f" (did you mean {close[0]}?)" if close else f"; the hooks are: {', '.join(HOOKS)}"
            return f"defines {name}, which is no partnercheck hook{guess}"
    return None


def one_line(text: str) -> str:
    """A message on one line (pluggy's validation errors span several)."""
    return " ".join(text.split())


def name(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise PluginError(f"a {what} named {value!r}: a name is a non-empty string")
    return value


def pack_source(path: Any) -> Any:
    if isinstance(path, (str, Path)) or callable(getattr(path, "read_bytes", None)):
        return path
    raise PluginError(f"the rule pack {path!r} ({type(path).__name__}): give a pathlib.Path, a str or an object with read_bytes()")


def function(label: str, func: Any, what: str) -> Any:
    if not callable(func):
        raise PluginError(f"{what} {label!r} is not callable")
    return func


def profile_groups(label: str, expects: Any) -> tuple[tuple[str, ...], ...]:
    """`expects`: a list whose items are a partner type or a list of types (any one satisfies it)."""
    if isinstance(expects, (str, bytes, Mapping)) or not isinstance(expects, Iterable):
        example = f" (write [{expects!r}])" if isinstance(expects, str) else ""
        raise PluginError(f"the profile {label!r} expects {expects!r}, not a list of partner types{example}")
    groups = tuple((e,) if isinstance(e, str) else tuple(e) if isinstance(e, (list, tuple)) else (e,) for e in expects)
    for group in groups:
        if not group or not all(isinstance(t, str) and t for t in group):
            raise PluginError(f"the profile {label!r} expects {list(group)!r}: each expectation is a partner type or a list of partner types")
    return groups


def text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise PluginError(f"{what} {value!r} ({type(value).__name__}) is not a string")
    return value


def extension_schema(key: str, schema: Any) -> Any:
    """The schema of a charter's `x-…` key: a valid, offline Draft 2020-12 schema (safe_schema.py)."""
    from partnercheck.checks.safe_schema import schema_defect

    defect = schema_defect(schema)
    if defect is not None:
        where, problem = defect
        raise PluginError(f"the schema extension {key!r} at {where or '/'}: {problem}")
    return schema
