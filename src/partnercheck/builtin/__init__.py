"""The built-in plugin ("core"): the rule packs in `rules/`, their functions,
the output formats and the profiles, registered through the same hooks as any
third-party plugin."""

from __future__ import annotations

import importlib
import pkgutil
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
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for name, func in getattr(module, "FUNCTIONS", {}).items():
            register(f"{info.name}.{name}", func)


@hookimpl
def register_reporters(register: Callable[[str, Callable[..., Any]], None]) -> None:
    from partnercheck.report.formats import BUILTIN

    for name, render in BUILTIN.items():
        register(name, render)


@hookimpl
def register_profiles(register: Callable[..., None]) -> None:
    for name, (description, expects) in PROFILES.items():
        register(name, expects, description=description)
