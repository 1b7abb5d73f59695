"""The errors partnercheck reports to a user (exit code 2), each with an actionable message."""

from __future__ import annotations


class PartnercheckError(Exception):
    """Base: a problem with how partnercheck was run, not with a charter."""


class UsageError(PartnercheckError):
    """A bad command line: unknown option, missing path, bad value."""


class ConfigError(PartnercheckError):
    """An invalid configuration file or value."""


class PluginError(PartnercheckError):
    """A plugin that could not be loaded, or registered something invalid."""


class PackError(PluginError):
    """A rule pack that is not valid; the message names file, line and problem."""

    def __init__(self, source: str, line: int, problem: str) -> None:
        super().__init__(f"{source}:{line}: {problem}")
        self.source, self.line, self.problem = source, line, problem
