"""The errors partnercheck reports to a user (exit code 2), each with an actionable message."""

from __future__ import annotations


class PartnercheckError(Exception):
    """Base: a problem with how partnercheck was run, not with a charter.

    `load_errors` are the plugin and rule-pack load errors of the run, when
    they were known before this error: they are reported first, since a
    plugin that did not load often explains it (an unknown rule code, format
    or option).
    """

    load_errors: tuple[str, ...] = ()


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
