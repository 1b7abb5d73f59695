"""Run one rule safely: a crash or a malformed result becomes INT01, a rule past its time budget INT02, never a traceback."""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from partnercheck.findings import BareFinding, Text
from partnercheck.plugins.registry import Registry
from partnercheck.rules.budget import FileTimeout, RuleTimeout, time_budget
from partnercheck.rules.companions import covered_by
from partnercheck.rules.context import RuleContext
from partnercheck.rules.declarative import run_declarative
from partnercheck.rules.model import Declarative, Function, Rule


@dataclass
class Outcome:
    findings: list[BareFinding] = field(default_factory=list)
    crash: str | None = None
    traceback: str | None = None
    timed_out: float | None = None  # the budget, in seconds, when the rule was stopped


def run_rule(rule: Rule, ctx: RuleContext, registry: Registry, timeout: float | None = None) -> Outcome:
    """The rule's findings, or why it has none: a crash, or `timeout` seconds spent (see budget.py).

    A rule whose every `reads` lies in sections a companion document covers
    (`related_documents`, see companions.py) does not run: what it looks for
    is written elsewhere.
    """
    if isinstance(ctx, RuleContext) and covered_by(rule.reads, ctx.data) is not None:
        return Outcome()
    try:
        with time_budget(timeout) as deadline:
            produced = _produce(rule, ctx, registry)
        if deadline is not None and deadline.fired:  # stopped, but it swallowed the interruption and returned
            return Outcome(crash=RuleTimeout.describe(deadline.seconds), timed_out=deadline.seconds)
        return _checked(produced, rule)
    except FileTimeout:
        raise  # the whole file's budget: the engine stops the file
    except RuleTimeout as stop:
        return Outcome(crash=str(stop), timed_out=stop.seconds)
    except MemoryError:
        raise  # the process itself is short of memory: the run stops with exit 2 (cli/__init__.py)
    except (Exception, SystemExit) as exc:  # contained: the other rules still run
        return Outcome(crash=f"{type(exc).__name__}: {exc}", traceback=traceback.format_exc())


def _produce(rule: Rule, ctx: RuleContext, registry: Registry) -> list[Any]:
    produced: Iterable[Any] = ()
    if isinstance(rule.check, Declarative):
        produced = run_declarative(rule.check, ctx.data, ctx.options)
    elif isinstance(rule.check, Function):
        produced = registry.functions[rule.check.name][0](ctx) or ()
    return list(produced)


def _checked(produced: list[Any], rule: Rule) -> Outcome:
    bad = [f for f in produced if not _well_formed(f)]
    if bad:
        return Outcome(crash=f"returned {_show(bad[0])} where a BareFinding with a JSON Pointer (\"\" or \"/…\") is expected")
    return Outcome(produced)


def _well_formed(finding: Any) -> bool:
    return (
        isinstance(finding, BareFinding)
        and isinstance(finding.pointer, str)
        and (finding.pointer == "" or finding.pointer.startswith("/"))
        and isinstance(finding.params, Mapping)
        and isinstance(finding.message, str)
        and isinstance(finding.hint, (str, Text, type(None)))
        and isinstance(finding.path, (str, type(None)))
    )


def _show(value: Any) -> str:
    if isinstance(value, BareFinding):
        return f"a malformed BareFinding (pointer {value.pointer!r})"
    return type(value).__name__
