"""Checks of the accountability pack (S9, RACI)."""

from __future__ import annotations

from typing import Iterator

from ..context import Item, RuleContext, refs
from ..findings import BareFinding


def _accountable_holders(ctx: RuleContext) -> Iterator[tuple[str, Item]]:
    for item in ctx.objectives:
        yield "Objective", item
    for item in ctx.responsibilities:
        yield "RACI entry", item


def multiple_accountables(ctx: RuleContext) -> Iterator[BareFinding]:
    """ACC02: an `accountable` listing more than one distinct partner."""
    for kind, item in _accountable_holders(ctx):
        named = list(dict.fromkeys(refs(item.value.get("accountable"))))
        if len(named) > 1:
            yield BareFinding(
                f"{item.pointer}/accountable",
                {"kind": kind, "id": item.id or item.pointer, "count": len(named), "partners": named, "first": named[0], "others": named[1:]},
            )


FUNCTIONS = {"multiple_accountables": multiple_accountables}
