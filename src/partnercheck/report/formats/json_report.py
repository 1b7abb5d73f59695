"""The JSON report: a versioned object described by `schemas/report.schema.json`."""

from __future__ import annotations

import json
from typing import Any, Mapping

from partnercheck import __version__
from partnercheck.report.formats.common import counts

REPORT_VERSION = 1


def report(run: Any) -> dict[str, Any]:
    """The report as plain data (also the base of other machine formats)."""
    from partnercheck.report.score import score_run

    return {
        "version": REPORT_VERSION,
        "tool": {"name": "partnercheck", "version": __version__},
        "today": run.settings.today.isoformat(),
        "fail_on": run.settings.fail_on.value,
        "summary": counts(run),
        "files": [file.path for file in run.files],
        "findings": [f.to_dict() for f in run.findings],
        "errors": list(run.errors),
        "scores": score_run(run).to_dict(),
    }


def render(run: Any, options: Mapping[str, Any]) -> str:
    return json.dumps(report(run), ensure_ascii=False, indent=2) + "\n"
