"""The rule model: what a rule is, whatever pack or plugin it comes from."""

from __future__ import annotations

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
    """A registered Python function, per charter, over the whole run (`repository`), or per charter and its previous version (`change`)."""

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
    #: When the rule runs, if not on every charter (the rules about change), in words for its documentation.
    runs: str = ""
    grounding: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()
    #: The section the rule judges (`/pilot`): when the charter does not write it, the rule reports nothing
    #: (another rule says the section is missing) and, for the score, it found nothing healthy (docs/score.md).
    subject: str = ""
    #: The codes of rules whose findings this rule's finding stands for on the same item (MEM06 for MEM01, MEM04
    #: and ACC04): where it is reported, theirs at or below its pointer are folded into it (checks/cascade.py).
    supersedes: tuple[str, ...] = ()
    options: Mapping[str, Option] = field(default_factory=dict)
    examples: Mapping[str, Any] = field(default_factory=dict)
    tests: tuple[Mapping[str, Any], ...] = ()
    #: Texts in other languages by language code: `summary`, `why`, `messages`, `hint` (i18n.py).
    translations: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    plugin: str = "core"
    plugin_version: str = ""
    source: str = ""
    #: False when its plugin's defaults leave it off (rules/defaults.py): it runs only when a selection names it.
    on_by_default: bool = True
    #: What its plugin's defaults set (`severity`, `ignore`, `select`, `options.NAME`) and from where (`pack acme.yaml`, `register_defaults`).
    defaulted: Mapping[str, str] = field(default_factory=dict)

    def defaults(self) -> dict[str, Any]:
        return {name: opt.default for name, opt in self.options.items()}

    def render(self, key: str, params: Mapping[str, Any]) -> str:
        template = self.messages.get(key) or self.messages.get("default") or self.summary
        return _format(template, params)

    def render_hint(self, params: Mapping[str, Any]) -> str:
        return _format(self.hint, params)

    def unfilled(self, key: str, params: Mapping[str, Any], hint: bool = True) -> list[str]:
        """The `{name}`s of message `key` (and of the hint), in every language, that `params` leaves unfilled."""
        from partnercheck.report.messages import placeholders

        texts = [self.messages, *(t.get("messages") or {} for t in self.translations.values())]
        templates = [m.get(key) or m.get("default") or "" for m in texts]
        if hint:
            templates += [self.hint, *(t.get("hint") or "" for t in self.translations.values())]
        return sorted({name for template in templates for name in placeholders(template)} - set(params))


def _format(template: str, params: Mapping[str, Any]) -> str:
    """Fill `{name}` parameters from `params` (report/messages.py `fill`); phrases in English."""
    from partnercheck.report.messages import english, fill, param_text

    return fill(template, {k: param_text(v, english) for k, v in params.items()})

