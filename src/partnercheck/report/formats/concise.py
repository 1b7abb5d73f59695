"""One line per finding, `path:line:col: CODE [severity] message`, for grep and editors' problem matchers."""

from __future__ import annotations

from typing import Any, Mapping

from partnercheck.findings import Finding
from partnercheck.report.formats.locations import cwd_of, report_path


def render(run: Any, options: Mapping[str, Any]) -> str:
    cwd = cwd_of(options)
    return "".join(line(f, cwd) + "\n" for f in run.active)


def line(f: Finding, cwd: Any = None) -> str:
    message = " ".join(f.message.split())
    return f"{report_path(f.path, cwd)}:{f.line}:{f.column}: {f.code} [{f.severity.value}] {message}"
