"""An example partnercheck plugin: the rules one organisation adds to the catalog.

partnercheck finds this module through the ``partnercheck`` entry point in
``pyproject.toml`` and calls the hooks below, each with a ``register`` callback:

- ``register_rule_packs``: the YAML pack shipped inside the package
  (``rules/org-example.yaml``): ORG01 (a Python check) and ORG02 (declarative);
- ``register_functions``: the Python check ORG01 names;
- ``register_schema_extensions``: the schema of this organisation's own
  top-level ``x-org-example`` key, so charters are checked there too.
"""

from __future__ import annotations

from importlib.resources import files

from partnercheck import RegisterFunction, RegisterRulePack, RegisterSchemaExtension, hookimpl

from .checks import FUNCTIONS
from .extension import KEY, SCHEMA

__version__ = "0.1.0"


@hookimpl
def register_rule_packs(register: RegisterRulePack) -> None:
    for pack in sorted(files(__name__).joinpath("rules").iterdir(), key=lambda p: p.name):
        if pack.name.endswith(".yaml"):
            register(pack)


@hookimpl
def register_functions(register: RegisterFunction) -> None:
    for name, function in FUNCTIONS.items():
        register(name, function)


@hookimpl
def register_schema_extensions(register: RegisterSchemaExtension) -> None:
    register(KEY, SCHEMA)
