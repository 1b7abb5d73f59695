"""The settings one run uses: rule selection, severities, options, gates, limits."""

from __future__ import annotations

from datetime import date
from typing import Any, Iterable, Mapping

from partnercheck.document.builder import Limits
from partnercheck.findings import Severity
from partnercheck.records import Record
from partnercheck.rules.budget import DEFAULT_FILE_TIMEOUT, DEFAULT_RULE_TIMEOUT
from partnercheck.rules.context import Profile
from partnercheck.rules.model import Rule


class Settings(Record):
    """What one file's check uses: the date, the rules selected and their severities and options, limits, gates."""

    __slots__ = ("today", "fail_on", "select", "extend_select", "ignore", "severity", "options", "limits", "rule_timeout", "file_timeout", "debug", "min_score", "score_weights", "max_warnings", "exit_zero", "profiles", "disabled_plugins", "lang")

    today: date
    fail_on: Severity
    select: tuple[str, ...] | None
    extend_select: tuple[str, ...]
    ignore: tuple[str, ...]
    severity: Mapping[str, Severity]
    options: Mapping[str, Mapping[str, Any]]
    limits: Limits
    #: Seconds one rule may run on one file before INT02 stops it; None: no budget (budget.py).
    rule_timeout: float | None
    #: Seconds all the work on one file may take before INT03 stops it; None: no budget (budget.py).
    file_timeout: float | None
    debug: bool
    min_score: float | None
    #: Overrides of the score weights by severity name (`error`, `warning`, `info`); see docs/score.md.
    score_weights: Mapping[str, float]
    #: Gates and per-file extras from configuration (docs/configuration.md).
    max_warnings: int | None
    exit_zero: bool
    profiles: Mapping[str, Profile]
    disabled_plugins: frozenset[str]
    #: The language of messages and reports (i18n.py); findings are produced, cached and baselined as ids, rendered in it at output.
    lang: str

    def __init__(self, today: date | None = None, fail_on: Severity = Severity.WARNING, select: tuple[str, ...] | None = None, extend_select: tuple[str, ...] = (), ignore: tuple[str, ...] = (), severity: Mapping[str, Severity] | None = None, options: Mapping[str, Mapping[str, Any]] | None = None, limits: Limits | None = None, rule_timeout: float | None = DEFAULT_RULE_TIMEOUT, file_timeout: float | None = DEFAULT_FILE_TIMEOUT, debug: bool = False, min_score: float | None = None, score_weights: Mapping[str, float] | None = None, max_warnings: int | None = None, exit_zero: bool = False, profiles: Mapping[str, Profile] | None = None, disabled_plugins: frozenset[str] = frozenset(), lang: str = "en") -> None:
        self.today, self.fail_on = (date.today() if today is None else today), fail_on  # the date itself: only the run plan copies --today in
        self.select = select
        self.extend_select = extend_select
        self.ignore = ignore
        self.severity = {} if severity is None else severity
        self.options = {} if options is None else options
        self.limits = Limits() if limits is None else limits
        self.rule_timeout = rule_timeout
        self.file_timeout = file_timeout
        self.debug = debug
        self.min_score = min_score
        self.score_weights = {} if score_weights is None else score_weights
        self.max_warnings = max_warnings
        self.exit_zero = exit_zero
        self.profiles = {} if profiles is None else profiles
        self.disabled_plugins = disabled_plugins
        self.lang = lang

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
