"""Run one rule safely: a crash or a malformed result becomes INT01, never a traceback."""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from typing import Any, Iterable

from .context import RuleContext
from .declarative import run_declarative
from .findings import BareFinding
from .registry import Registry
from .rules import Declarative, Function, Rule


@dataclass
class Outcome:
    findings: list[BareFinding] = field(default_factory=list)
    crash: str | None = None
    traceback: str | None = None


def run_rule(rule: Rule, ctx: RuleContext, registry: Registry) -> Outcome:
    try:
        if isinstance(rule.check, Declarative):
            produced: Iterable[Any] = run_declarative(rule.check, ctx.data)
        elif isinstance(rule.check, Function):
            produced = registry.functions[rule.check.name][0](ctx) or ()
        else:
            return Outcome()
        return _checked(list(produced), rule)
    except Exception as exc:  # contained: the other rules still run
        return Outcome(crash=f"{type(exc).__name__}: {exc}", traceback=traceback.format_exc())


def _checked(produced: list[Any], rule: Rule) -> Outcome:
    bad = [f for f in produced if not isinstance(f, BareFinding) or not isinstance(f.pointer, str)]
    if bad:
        return Outcome(crash=f"returned {type(bad[0]).__name__} where a BareFinding with a string pointer is expected")
    return Outcome(produced)
