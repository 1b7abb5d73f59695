"""Checks of the time pack (S4, S5): review cycles and the change log.

Named `timing` rather than `time` so that it can never shadow the standard
library's `time` module; its functions are registered as `timing.<name>`.
The date helpers here are shared with the evaluation pack (EVA04).
"""

from __future__ import annotations

import calendar
import math
import re
from datetime import date
from typing import Any, Iterator, Mapping

from partnercheck.findings import BareFinding
from partnercheck.rules.context import RuleContext


def parse_date(value: Any) -> date | None:
    """A charter date (kept as a `YYYY-MM-DD` string by the loader), or None when absent or malformed."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


def add_months(start: date, months: int) -> date | None:
    """`start` moved `months` calendar months later, the day clamped to the month's last day.

    None when that lands beyond the last representable date (year 9999): such a
    date is never reached, so nothing computed from it is ever due.
    """
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    if year > date.max.year:
        return None
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def months_of(value: Any) -> int | None:
    """A positive whole number of months, or None (absent, zero, negative or not a number).

    An endless cycle (`.inf`) counts as a cycle too long to ever fall due.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value) or value <= 0:
        return None
    return int(value) if math.isfinite(value) else _NEVER


_NEVER = 12 * (date.max.year + 1)  # more months than any date can be moved by


def review_due(review: Mapping[str, Any]) -> date | None:
    """When a review `{every_months, last_done}` is next due; None when it cannot be computed (or never falls due)."""
    months, last = months_of(review.get("every_months")), parse_date(review.get("last_done"))
    if months is None or last is None:
        return None
    return add_months(last, months)


_VERSION = re.compile(r"\s*[vV]?(\d+(?:\.\d+)*)")


def dotted(value: Any) -> tuple[int, ...] | None:
    """A version such as `"1.10"` as numbers `(1, 10)`, trailing zeros dropped (`"1"` equals `"1.0"`)."""
    if isinstance(value, bool) or value is None:
        return None
    match = _VERSION.match(str(value))
    if match is None:
        return None
    parts = [int(p) for p in match.group(1).split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def charter_review_cycle(ctx: RuleContext) -> Iterator[BareFinding]:
    """TIM02: no `charter.review.every_months`, or the charter review is overdue."""
    charter = ctx.section("charter")
    if "review" not in charter:
        yield BareFinding("/charter", {"charter": charter.get("id", "")}, message="missing")
        return
    review = ctx.section("charter", "review")
    if months_of(review.get("every_months")) is None:
        pointer = "/charter/review/every_months" if "every_months" in review else "/charter/review"
        yield BareFinding(pointer, {"charter": charter.get("id", "")}, message="no_cycle")
        return
    due = review_due(review)
    if due is not None and due < ctx.today:
        params = {"last_done": review["last_done"], "every_months": review["every_months"], "due": due.isoformat(), "today": ctx.today.isoformat()}
        yield BareFinding("/charter/review/last_done", params, message="overdue")


def change_log(ctx: RuleContext) -> Iterator[BareFinding]:
    """TIM03: no change log while the charter has already changed (version above the first, or reviewed)."""
    evolution = ctx.data.get("evolution")
    log = evolution.get("change_log") if isinstance(evolution, dict) else None
    if isinstance(log, list) and log:
        return
    reason = _has_changed(ctx)
    if reason is None:
        return
    pointer = "" if not isinstance(evolution, dict) else ("/evolution" if log is None else "/evolution/change_log")
    yield BareFinding(pointer, reason[1], message=reason[0])


def _has_changed(ctx: RuleContext) -> tuple[str, dict[str, Any]] | None:
    charter = ctx.section("charter")
    first = str(ctx.options["first_version"])
    version, baseline = dotted(charter.get("version")), dotted(first)
    if version is not None and baseline is not None and version > baseline:
        return "version", {"version": charter["version"], "first_version": first}
    last_done = ctx.section("charter", "review").get("last_done")
    if last_done is not None:
        return "reviewed", {"last_done": last_done}
    return None


FUNCTIONS = {"charter_review_cycle": charter_review_cycle, "change_log": change_log}
