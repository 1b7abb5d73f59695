"""partnercheck: a linter for multi-actor partnership charters.

The public API is what a rule or plugin author needs, importable from here
(and seen by type checkers): the hook marker and the type of each hook's
`register` callback, what a rule reads (`RuleContext`, `RepositoryContext`,
`Charter`, `Item`, `refs`) and returns (`BareFinding`), what a format
receives (`RunResult` of `Finding`s with a `Severity`), and, in
`partnercheck.testing`, the test harness. Every other module is private and
may change.
"""

from __future__ import annotations

__version__ = "0.1.0"

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: `--version` imports nothing it does not need
if TYPE_CHECKING:  # what type checkers see; at run time `__getattr__` imports each name on first use
    from partnercheck.findings import BareFinding, Finding, Severity
    from partnercheck.plugins.hookspecs import (
        CharterCheck,
        Defaults,
        PackFile,
        RegisterDefaults,
        RegisterFunction,
        RegisterProfile,
        RegisterReporter,
        RegisterRulePack,
        RegisterSchemaExtension,
        Render,
        RepositoryCheck,
        hookimpl,
    )
    from partnercheck.rules.context import Charter, Item, RepositoryContext, RuleContext, refs
    from partnercheck.run.engine import RunResult

#: Each public name and the module it lives in, imported on first use (`partnercheck --version` stays fast).
_WHERE = {
    "BareFinding": "findings",
    "Finding": "findings",
    "Severity": "findings",
    "CharterCheck": "plugins.hookspecs",
    "Defaults": "plugins.hookspecs",
    "PackFile": "plugins.hookspecs",
    "RegisterDefaults": "plugins.hookspecs",
    "RegisterFunction": "plugins.hookspecs",
    "RegisterProfile": "plugins.hookspecs",
    "RegisterReporter": "plugins.hookspecs",
    "RegisterRulePack": "plugins.hookspecs",
    "RegisterSchemaExtension": "plugins.hookspecs",
    "Render": "plugins.hookspecs",
    "RepositoryCheck": "plugins.hookspecs",
    "hookimpl": "plugins.hookspecs",
    "Charter": "rules.context",
    "Item": "rules.context",
    "RepositoryContext": "rules.context",
    "RuleContext": "rules.context",
    "refs": "rules.context",
    "RunResult": "run.engine",
}

__all__ = [
    "__version__",
    "BareFinding",
    "Charter",
    "CharterCheck",
    "Defaults",
    "Finding",
    "Item",
    "PackFile",
    "RegisterDefaults",
    "RegisterFunction",
    "RegisterProfile",
    "RegisterReporter",
    "RegisterRulePack",
    "RegisterSchemaExtension",
    "Render",
    "RepositoryCheck",
    "RepositoryContext",
    "RuleContext",
    "RunResult",
    "Severity",
    "hookimpl",
    "refs",
]


def __getattr__(name: str) -> object:
    # Lazy exports keep `partnercheck --version` free of heavy imports.
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'partnercheck' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"partnercheck.{module}"), name)
    globals()[name] = value  # the next access skips this function
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
