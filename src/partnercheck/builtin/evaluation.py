"""Checks of the evaluation pack (S6, shared measurement)."""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from partnercheck.builtin.timing import months_of, review_due
from partnercheck.findings import BareFinding, Text
from partnercheck.printable import visible
from partnercheck.rules.context import Item, RuleContext, refs


#: Words that write a monitoring or evaluation duty, in English and French.
_MONITORING = re.compile(r"\b(monitor\w*|evaluat\w*|assess\w*|suivi|suivre|évalu\w*|evalu\w*|indicat\w*)", re.IGNORECASE)
#: Where a duty is written: (collection, the fields that say what the item does, the phrase naming the item).
_DUTIES = (("objectives", ("statement",), "rule.duty-objective"), ("responsibilities", ("activity",), "rule.duty-responsibility"), ("governance/bodies", ("name", "id"), "rule.duty-body"))


def shared_measures(ctx: RuleContext) -> Iterator[BareFinding]:
    """EVA01: no shared measure; said apart when monitoring or evaluation duties are written without one."""
    evaluation = ctx.data.get("evaluation")
    measures = evaluation.get("measures") if isinstance(evaluation, dict) else None
    if isinstance(measures, list) and measures:
        return
    if not isinstance(evaluation, dict):
        pointer, problem = "", Text("rule.not-stated-in-charter", {"key": "evaluation"})
    elif measures is None:
        pointer, problem = "/evaluation", Text("rule.not-stated", {"field": "`evaluation`", "key": "measures"})
    else:
        pointer, problem = "/evaluation/measures", Text("SCH01.min-one", {"field": "`evaluation.measures`"})
    duties = monitoring_duties(ctx.data)
    if duties:
        yield BareFinding(pointer, {"problem": problem, "duties": duties[:3] + (["…"] if len(duties) > 3 else [])}, message="duties")
    else:
        yield BareFinding(pointer, {"problem": problem})


def monitoring_duties(data: Mapping[str, Any]) -> list[Text]:
    """Where the charter writes a monitoring or evaluation duty: `evaluation.partnership_review`, and objectives,
    RACI activities or bodies whose words say they monitor or evaluate (`objective commissioned-services`)."""
    found = []
    evaluation = data.get("evaluation")
    if isinstance(evaluation, dict) and isinstance(evaluation.get("partnership_review"), dict):
        found.append(Text("rule.duty-review"))
    for path, fields, phrase in _DUTIES:
        items: Any = data
        for key in path.split("/"):
            items = items.get(key) if isinstance(items, dict) else None
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and any(isinstance(item.get(f), str) and _MONITORING.search(item[f]) for f in fields):
                found.append(Text(phrase, {"id": visible(str(item.get("id", "")), 60)}))
    return found


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


FUNCTIONS = {"shared_measures": shared_measures, "measure_co_owned": measure_co_owned, "partnership_review": partnership_review}
