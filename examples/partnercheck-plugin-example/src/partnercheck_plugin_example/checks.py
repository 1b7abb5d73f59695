"""The plugin's Python checks. Each takes a `RuleContext` and yields `BareFinding`s.

A check never computes positions, codes or severities: it says *where*
(a JSON Pointer) and gives the message *parameters*; partnercheck stamps
the rest from the rule in the YAML pack.
"""

from __future__ import annotations

from typing import Any, Iterator

from partnercheck import BareFinding, RuleContext


def funding_amount_unstated(ctx: RuleContext) -> Iterator[BareFinding]:
    """ORG01: an active funder with no funding contribution, or one without an amount."""
    funder_types = set(ctx.options["funder_types"])
    for partner in ctx.active_partners:
        kind = partner.value.get("type")
        if kind not in funder_types:
            continue
        params = {"id": partner.id or partner.pointer, "name": partner.value.get("name", ""), "type": kind}
        contributions = partner.value.get("contributions")
        listed = contributions if isinstance(contributions, list) else []
        funding = [(i, c) for i, c in enumerate(listed) if isinstance(c, dict) and c.get("kind") == "funding"]
        if not funding:
            where = f"{partner.pointer}/contributions" if isinstance(contributions, list) else partner.pointer
            yield BareFinding(where, params)
        for i, contribution in funding:
            if _blank(contribution.get("amount")):
                yield BareFinding(f"{partner.pointer}/contributions/{i}", params, message="no_amount")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


#: Registered by the plugin under these names; the pack's `check: {function: ...}` refers to them.
#: Prefix the names with your plugin's name: function names are shared by every plugin.
FUNCTIONS = {"org_example.funding_amount_unstated": funding_amount_unstated}
