"""The built-in plugin ("core"): the rule packs in `rules/`, their functions,
the output formats and the profiles, registered through the same hooks as any
third-party plugin."""

from __future__ import annotations

import importlib
import os
from importlib.machinery import all_suffixes
from typing import Any, Callable

from partnercheck.plugins.hookspecs import hookimpl
from partnercheck.resources import builtin_pack_paths

PROFILES: dict[str, tuple[str, list[Any]]] = {
    "training-platform": (
        "A territorial training platform, as in the founding trial (S3).",
        [
            "institution",
            "local_authority",
            "funder",
            ["employer", "employer_federation"],
            "training_body",
            "public_employment_service",
            "beneficiary_representative",
        ],
    ),
}


@hookimpl
def register_rule_packs(register: Callable[[Any], None]) -> None:
    for path in builtin_pack_paths():
        register(path)


@hookimpl
def register_functions(register: Callable[[str, Callable[..., Any]], None]) -> None:
    """Each module `builtin/<pack>.py` exports its checks in `FUNCTIONS`, registered as `<pack>.<name>`."""
    for pack in _modules():
        module = importlib.import_module(f"{__name__}.{pack}")
        for name, func in getattr(module, "FUNCTIONS", {}).items():
            register(f"{pack}.{name}", func)


@hookimpl
def register_reporters(register: Callable[[str, Callable[..., Any]], None]) -> None:
    from partnercheck.report.formats import BUILTIN

    for name, render in BUILTIN.items():
        register(name, render)


@hookimpl
def register_profiles(register: Callable[..., None]) -> None:
    for name, (description, expects) in PROFILES.items():
        register(name, expects, description=description)


def _modules() -> list[str]:
    """The modules of this package, by name, as `pkgutil.iter_modules` lists them (a source, compiled or
    extension file, or a folder holding an `__init__`), without importing pkgutil and what it imports."""
    found: set[str] = set()
    for folder in __path__:
        for name in _listed(folder):
            module = _module_name(name)
            if module is None and "." not in name and any(_module_name(inner) == "__init__" for inner in _listed(os.path.join(folder, name))):
                module = name
            if module and module != "__init__" and "." not in module:
                found.add(module)
    return sorted(found)


def _listed(folder: str) -> list[str]:
    try:
        return os.listdir(folder) if os.path.isdir(folder) else []
    except OSError:
        return []


def _module_name(file: str) -> str | None:
    """The module a file name holds (`inspect.getmodulename`): its name without the longest import suffix."""
    for suffix in sorted(all_suffixes(), key=len, reverse=True):
        if file.endswith(suffix):
            return file[: -len(suffix)]
    return None
