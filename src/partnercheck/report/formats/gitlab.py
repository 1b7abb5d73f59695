"""GitLab Code Quality: a JSON array of issues shown in merge requests.

Each active finding becomes `{description, check_name, fingerprint, severity,
location: {path, lines: {begin, end}}}`. Severities: info → `info`, warning →
`minor`, error → `major`, and `critical` for an error that kept the file from
being read as a charter at all (`DOC…`), since nothing else in it was checked.
Waived and suppressed findings are left out: GitLab has no notion of them.
"""

from __future__ import annotations

import json
from typing import Any, Mapping

from partnercheck.findings import Finding, Severity
from partnercheck.report.formats.locations import cwd_of, fingerprints, report_path

SEVERITIES = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}


def render(run: Any, options: Mapping[str, Any]) -> str:
    cwd = cwd_of(options)
    issues = [issue(f, fp, report_path(f.path, cwd)) for f, fp in fingerprints(run.findings, cwd) if not f.suppressed]
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


def issue(f: Finding, fingerprint: str, path: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "issue",
        "description": f"{f.code} {f.message}",
        "check_name": f"{f.code} {f.name}",
        "fingerprint": fingerprint,
        "severity": severity(f),
        "location": {"path": path, "lines": {"begin": f.line, "end": max(f.end_line, f.line)}},
    }
    if f.hint:
        out["content"] = {"body": f.hint.strip()}
    return out


def severity(f: Finding) -> str:
    if f.severity is Severity.ERROR and f.code.startswith("DOC"):
        return "critical"
    return SEVERITIES[f.severity]
