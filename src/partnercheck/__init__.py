"""partnercheck: a linter for multi-actor partnership charters.

The public API is small: load and lint charters, and the types a rule or
plugin author needs. Everything else is private and may change.
"""

from __future__ import annotations

__version__ = "0.1.0"

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: `--version` imports nothing it does not need
if TYPE_CHECKING:  # what type checkers see; at run time `__getattr__` imports each name on first use
    from partnercheck.findings import BareFinding, Finding, Severity
    from partnercheck.plugins.hookspecs import hookimpl
    from partnercheck.rules.context import RuleContext

__all__ = [
    "__version__",
    "BareFinding",
    "Finding",
    "RuleContext",
    "Severity",
    "hookimpl",
]


def __getattr__(name: str) -> object:
    # Lazy exports keep `partnercheck --version` free of heavy imports.
    if name in {"BareFinding", "Finding", "Severity"}:
        from partnercheck import findings

        return getattr(findings, name)
    if name == "RuleContext":
        from partnercheck.rules.context import RuleContext

        return RuleContext
    if name == "hookimpl":
        from partnercheck.plugins.hookspecs import hookimpl

        return hookimpl
    raise AttributeError(name)
