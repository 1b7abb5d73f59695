"""Checks of the evaluation pack (S6, shared measurement)."""

from __future__ import annotations

from typing import Any, Iterator

from partnercheck.builtin.timing import months_of, review_due
from partnercheck.findings import BareFinding
from partnercheck.rules.context import Item, RuleContext, refs


def measure_co_owned(ctx: RuleContext) -> Iterator[BareFinding]:
    """EVA02: a measure collected by fewer than `min_collectors` partners, or with no `data_source`."""
    minimum = int(ctx.options["min_collectors"])
    for item in ctx.measures:
        yield from _collectors(item, minimum)
        source = item.value.get("data_source")
        if not (isinstance(source, str) and source.strip()):
            yield BareFinding(item.pointer, _names(item), message="source")


def _collectors(item: Item, minimum: int) -> Iterator[BareFinding]:
    collectors = list(dict.fromkeys(refs(item.value.get("collected_by"))))
    if len(collectors) >= minimum:
        return
    pointer = f"{item.pointer}/collected_by" if "collected_by" in item.value else item.pointer
    params = {**_names(item), "count": len(collectors), "collectors": collectors, "min": minimum}
    yield BareFinding(pointer, params, message={0: "no_collector", 1: "one_collector"}.get(len(collectors), "collectors"))


def _names(item: Item) -> dict[str, Any]:
    ident = item.id or item.pointer
    name = item.value.get("name")
    return {"id": ident, "name": name if isinstance(name, str) else ident}


def partnership_review(ctx: RuleContext) -> Iterator[BareFinding]:
    """EVA04: no `evaluation.partnership_review`, no cycle, or the review is overdue."""
    evaluation = ctx.data.get("evaluation")
    review = evaluation.get("partnership_review") if isinstance(evaluation, dict) else None
    if not isinstance(review, dict):
        yield BareFinding("/evaluation" if isinstance(evaluation, dict) else "", {}, message="missing")
        return
    base = "/evaluation/partnership_review"
    if months_of(review.get("every_months")) is None:
        yield BareFinding(f"{base}/every_months" if "every_months" in review else base, {}, message="no_cycle")
        return
    due = review_due(review)
    if due is not None and due < ctx.today:
        params = {"last_done": review["last_done"], "every_months": review["every_months"], "due": due.isoformat(), "today": ctx.today.isoformat()}
        yield BareFinding(f"{base}/last_done", params, message="overdue")


FUNCTIONS = {"measure_co_owned": measure_co_owned, "partnership_review": partnership_review}
