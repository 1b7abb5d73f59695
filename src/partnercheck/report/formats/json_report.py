"""The JSON report: a versioned object described by `schemas/report.schema.json`."""

from __future__ import annotations

import json
from typing import Any, Mapping

from partnercheck import __version__
from partnercheck.report.formats.common import summary
from partnercheck.report.i18n import of
from partnercheck.report.inputs import input_of

REPORT_VERSION = 1


def report(run: Any, options: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The report as plain data (also the base of other machine formats); `options["statistics"]`
    adds the count of findings per rule (`--statistics`)."""
    options = options or {}
    prepared = input_of(run, options)
    data: dict[str, Any] = {
        "version": REPORT_VERSION,
        "tool": {"name": "partnercheck", "version": __version__},
        "today": run.settings.today.isoformat(),
        "fail_on": run.settings.fail_on.value,
        "summary": summary(run, prepared.outcome),
        "files": [file.path for file in run.files],
        "findings": [f.to_dict() for f in run.findings],
        "errors": list(run.errors),
        "scores": prepared.scores.to_dict(of(options)),
    }
    if options.get("statistics"):
        from partnercheck.report.statistics import statistics  # only with --statistics

        data["statistics"] = [row.to_dict() for row in statistics(run.findings)]
    return data


def render(run: Any, options: Mapping[str, Any]) -> str:
    return json.dumps(report(run, options), ensure_ascii=False, indent=2) + "\n"
