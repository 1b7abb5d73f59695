"""The rule model: what a rule is, whatever pack or plugin it comes from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from partnercheck.findings import Severity


@dataclass(frozen=True)
class Declarative:
    """Select nodes by pointer pattern; each must satisfy `schema` (when it matches `where`)."""

    select: str
    schema: Mapping[str, Any]
    where: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class Function:
    """A registered Python function, per charter or over the whole run (`repository`)."""

    name: str
    scope: str = "charter"


@dataclass(frozen=True)
class EngineCheck:
    """A finding the engine itself produces (parsing, schema, references, suppressions)."""


Check = Declarative | Function | EngineCheck


@dataclass(frozen=True)
class Option:
    name: str
    default: Any
    schema: Mapping[str, Any]
    description: str = ""


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    pack: str
    severity: Severity
    summary: str
    why: str
    check: Check
    messages: Mapping[str, str]
    hint: str = ""
    grounding: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()
    options: Mapping[str, Option] = field(default_factory=dict)
    examples: Mapping[str, Any] = field(default_factory=dict)
    tests: tuple[Mapping[str, Any], ...] = ()
    #: Texts in other languages by language code: `summary`, `why`, `messages`, `hint` (i18n.py).
    translations: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    plugin: str = "core"
    plugin_version: str = ""
    source: str = ""

    def defaults(self) -> dict[str, Any]:
        return {name: opt.default for name, opt in self.options.items()}

    def render(self, key: str, params: Mapping[str, Any]) -> str:
        template = self.messages.get(key) or self.messages.get("default") or self.summary
        return _format(template, params)

    def render_hint(self, params: Mapping[str, Any]) -> str:
        return _format(self.hint, params)


_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
#: ` ({name})`: an aside in brackets, dropped with its brackets when the parameter is empty.
ASIDE = re.compile(r" \(\{([A-Za-z_][A-Za-z0-9_]*)\}\)")


def _format(template: str, params: Mapping[str, Any]) -> str:
    """Fill `{name}` parameters from `params`; other braces (YAML snippets) are left alone.

    An empty parameter in brackets (`Partner `a` ({name})` for a partner with
    no name) leaves no empty brackets behind.
    """

    def fill(match: re.Match[str]) -> str:
        key = match.group(1)
        return _text(params[key]) if key in params else match.group(0)

    template = ASIDE.sub(lambda m: "" if m.group(1) in params and _text(params[m.group(1)]) == "" else m.group(0), template)
    return _PLACEHOLDER.sub(fill, template)


def _text(value: Any) -> str:
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(str(v) for v in value)
    return str(value)
