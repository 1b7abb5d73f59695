"""DOC09: sections the charter leaves to a companion document (format 1.1 `related_documents`)."""

from __future__ import annotations

from typing import Iterator

from partnercheck.findings import BareFinding
from partnercheck.rules.context import RuleContext


def section_in_companion(ctx: RuleContext) -> Iterator[BareFinding]:
    """DOC09: one information per companion document that covers sections, naming them."""
    for item in ctx.items("related_documents"):
        covers = [c for c in item.value.get("covers") or () if isinstance(c, str)]
        if covers:
            sections = ", ".join(f"`{c}`" for c in covers)
            yield BareFinding(item.pointer, {"document": item.value.get("title", ""), "sections": sections})


FUNCTIONS = {"section_in_companion": section_in_companion}
