"""The settings one run uses: rule selection, severities, options, gates, limits."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable, Mapping

from partnercheck.document.builder import Limits
from partnercheck.findings import Severity
from partnercheck.rules.budget import DEFAULT_FILE_TIMEOUT, DEFAULT_RULE_TIMEOUT
from partnercheck.rules.context import Profile
from partnercheck.rules.model import Rule


@dataclass
class Settings:
    today: date = field(default_factory=date.today)
    fail_on: Severity = Severity.WARNING
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    limits: Limits = field(default_factory=Limits)
    #: Seconds one rule may run on one file before INT02 stops it; None: no budget (budget.py).
    rule_timeout: float | None = DEFAULT_RULE_TIMEOUT
    #: Seconds all the work on one file may take before INT03 stops it; None: no budget (budget.py).
    file_timeout: float | None = DEFAULT_FILE_TIMEOUT
    debug: bool = False
    min_score: float | None = None
    #: Overrides of the score weights by severity name (`error`, `warning`, `info`); see docs/score.md.
    score_weights: Mapping[str, float] = field(default_factory=dict)
    #: Gates and per-file extras from configuration (docs/configuration.md).
    max_warnings: int | None = None
    exit_zero: bool = False
    profiles: Mapping[str, Profile] = field(default_factory=dict)
    disabled_plugins: frozenset[str] = frozenset()
    #: The language of messages and reports (i18n.py); findings are produced, cached and baselined as ids, rendered in it at output.
    lang: str = "en"

    def enabled(self, rule: Rule) -> bool:
        if rule.plugin in self.disabled_plugins:
            return False
        if not rule.on_by_default:  # left off by its plugin's defaults (rules/defaults.py): only a selection naming it (not ALL) turns it on
            selected = named(rule, self.select or ()) or named(rule, self.extend_select)
        else:
            selected = self.select is None or matches(rule, self.select) or matches(rule, self.extend_select)
        return selected and not matches(rule, self.ignore)

    def severity_of(self, rule: Rule) -> Severity:
        for key in (rule.code, rule.name, rule.pack):
            if key in self.severity:
                return self.severity[key]
        return rule.severity

    def options_of(self, rule: Rule) -> dict[str, Any]:
        merged = rule.defaults()
        for key in (rule.pack, rule.name, rule.code):
            merged.update(self.options.get(key, {}))
        return merged


def named(rule: Rule, selectors: Iterable[str]) -> bool:
    """A selector other than `ALL` designates the rule."""
    return matches(rule, [s for s in selectors if s.upper() != "ALL"])


def matches(rule: Rule, selectors: Iterable[str]) -> bool:
    """A selector is a code, a code prefix (`PIL`, `PIL0`), a rule name, a pack name or `ALL`."""
    for selector in selectors:
        upper = selector.upper()
        if upper == "ALL" or rule.code.startswith(upper) or selector in (rule.name, rule.pack):
            return True
    return False
