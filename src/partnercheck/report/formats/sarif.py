"""SARIF 2.1.0, for GitHub code scanning and other static-analysis viewers.

The log has one run. Its driver lists every rule that ran (plus any code a
finding carries that no rule describes), with its help as text and Markdown
(the hint's `{placeholders}` filled as `partnercheck rule` shows them), a
`helpUri` into docs/rules.md, `precision` and `problem.severity`. Results point
into the files with a physical location (a URI relative to the working
directory, or an absolute `file://` URI for a file outside it; a 1-based region
with an exclusive end column, as SARIF counts) and a logical one (the JSON
Pointer), and carry `partialFingerprints` built from file, code and pointer.
GitHub code scanning ignores that fingerprint (it computes its own
`primaryLocationLineHash` when the file is uploaded) and ignores
`suppressions`: suppressed findings are therefore left out unless the options
say `sarif_suppressed: include` (`--sarif-suppressed include`), when they are
listed with `suppressions` for viewers that honour them. The run's
`properties` bag comes from `run_properties(prepared, tr)`: extend that function to
publish more run-level data.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import quote

from partnercheck import __version__
from partnercheck.findings import Finding, Related, Severity, Suppression
from partnercheck.report.formats.common import summary
from partnercheck.report.formats.locations import cwd_of, fingerprints, report_path
from partnercheck.report.conditions import named
from partnercheck.report.i18n import Translator, of
from partnercheck.report.inputs import ReportInput, input_of, prepare
from partnercheck.rules.model import EngineCheck, Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "partnercheck/v1"
SRCROOT = "%SRCROOT%"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SUPPRESSION_KINDS = {"comment": "inSource", "waiver": "inSource", "baseline": "external"}
PROBLEM_SEVERITIES = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "recommendation"}
RULES_DOC = "https://github.com/partnercheck/partnercheck/blob/main/docs/rules.md"


def render(run: Any, options: Mapping[str, Any]) -> str:
    include = options.get("sarif_suppressed") == "include"
    return json.dumps(log(run, cwd_of(options), of(options), input_of(run, options), include_suppressed=include), ensure_ascii=False, indent=2) + "\n"


def log(run: Any, cwd: Path, tr: Translator | None = None, prepared: ReportInput | None = None, include_suppressed: bool = False) -> dict[str, Any]:
    """The whole SARIF log as plain data; rule descriptions in the translator's language (English without one)."""
    tr = tr or Translator()
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [sarif_run(run, cwd, tr, prepared or prepare(run, tr), include_suppressed)]}


def sarif_run(run: Any, cwd: Path, tr: Translator, prepared: ReportInput, include_suppressed: bool = False) -> dict[str, Any]:
    rules = _descriptors(run, tr)
    index = {descriptor["id"]: i for i, descriptor in enumerate(rules)}
    artifacts = {report_path(file.path, cwd): i for i, file in enumerate(run.files)}
    shown = [(f, fp) for f, fp in fingerprints(run.findings, cwd) if include_suppressed or f.suppression is None]
    return {
        "tool": {"driver": _driver(rules)},
        "invocations": [_invocation(run)],
        "originalUriBaseIds": {SRCROOT: {"uri": cwd.absolute().as_uri().rstrip("/") + "/"}},
        "artifacts": [{"location": _artifact_location(path, i, cwd)} for path, i in artifacts.items()],
        "results": [_result(f, fp, index, artifacts, cwd) for f, fp in shown],
        "columnKind": "unicodeCodePoints",
        "properties": run_properties(prepared, tr),
    }


def run_properties(prepared: ReportInput, tr: Translator | None = None) -> dict[str, Any]:
    """Run-level data for the `properties` bag: the date and gate used, the counts, the health scores (sentences in `tr`'s language)."""
    run = prepared.run
    return {
        "today": run.settings.today.isoformat(),
        "failOn": run.settings.fail_on.value,
        "summary": summary(run, prepared.outcome),
        "scores": prepared.scores.to_dict(tr),
    }


def _driver(rules: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "name": "partnercheck",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": rules,
    }


def _descriptors(run: Any, tr: Translator) -> list[dict[str, Any]]:
    rules = [descriptor(rule, run.settings.severity_of(rule), tr) for rule in run.rules]
    known = {d["id"] for d in rules}
    for f in run.findings:  # a code no rule of the run describes (an engine problem, a plugin's)
        if f.code not in known:
            known.add(f.code)
            rules.append({"id": f.code, "name": f.name, "shortDescription": {"text": f.name}, "defaultConfiguration": {"level": LEVELS[f.severity]}, "properties": _quality(f.severity, "high")})
    return rules


def descriptor(rule: Rule, severity: Severity, tr: Translator | None = None) -> dict[str, Any]:
    """A reportingDescriptor: what the rule checks, why, and how to fix what it finds, in the translator's language."""
    from partnercheck.catalog.explain import hint_text  # the hint as `partnercheck rule` shows it (imports rich: only here)

    tr = tr or Translator()
    summary, why = tr.rule_field(rule, "summary"), named(tr.rule_field(rule, "why"), tr)
    hint = hint_text(rule, tr).strip() if rule.hint else ""
    precision = "very-high" if isinstance(rule.check, EngineCheck) else "high"
    out: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary or rule.name},
        "fullDescription": {"text": (why or summary or rule.name).strip()},
        "defaultConfiguration": {"level": LEVELS[severity]},
        "properties": {"tags": [rule.pack], "pack": rule.pack, "plugin": rule.plugin, **_quality(severity, precision)},
    }
    uri = help_uri(rule)
    if uri is not None:
        out["helpUri"] = uri
    help_text = "\n\n".join(part for part in (hint, (why or "").strip()) if part)
    if help_text:
        out["help"] = {"text": help_text, "markdown": _help_markdown(summary, hint, why, out.get("helpUri"))}
    return out


def help_uri(rule: Rule) -> str | None:
    """The rule's documentation: its heading in docs/rules.md, which documents the core rules (SARIF `helpUri`, LSP `codeDescription`)."""
    return f"{RULES_DOC}#{rule.code.lower()}-{rule.name}" if rule.plugin == "core" else None


def _quality(severity: Severity, precision: str) -> dict[str, str]:
    """What GitHub code scanning reads to rank an alert: how sure the rule is, and how bad the problem."""
    return {"precision": precision, "problem.severity": PROBLEM_SEVERITIES[severity]}


def _help_markdown(summary: str, hint: str, why: str, uri: str | None) -> str:
    parts = [summary.strip()] if summary and summary.strip() else []
    if hint:
        fence = "````" if "```" in hint else "```"
        parts += [f"**What to write:**\n\n{fence}\n{hint}\n{fence}"]
    if why and why.strip():
        parts += [f"**Why it matters.** {why.strip()}"]
    if uri:
        parts += [f"[Rule documentation]({uri})"]
    return "\n\n".join(parts)


def _invocation(run: Any) -> dict[str, Any]:
    notes = [{"level": "error", "message": {"text": message}} for message in run.errors]
    return {"executionSuccessful": not run.has_internal_error(), "toolExecutionNotifications": notes}


def _result(f: Finding, fp: str, index: Mapping[str, int], artifacts: Mapping[str, int], cwd: Path) -> dict[str, Any]:
    path = report_path(f.path, cwd)
    # every result has its logical location, the document root's (pointer "") included
    location = {"physicalLocation": _physical(f, path, artifacts, cwd), "logicalLocations": [{"fullyQualifiedName": f.pointer}]}
    out: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": index[f.code],
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: fp},
        "properties": {"name": f.name, "pack": f.pack, "plugin": f.plugin, **({"hint": f.hint} if f.hint else {})},
    }
    if f.related:  # the same finding at other places (run/grouping.py): each reachable from the result
        out["relatedLocations"] = [_related(f, i, place, path, artifacts, cwd) for i, place in enumerate(f.related, start=1)]
    if f.suppression is not None:
        out["suppressions"] = [_suppression(f.suppression)]
    return out


def _related(f: Finding, i: int, place: Related, path: str, artifacts: Mapping[str, int], cwd: Path) -> dict[str, Any]:
    at = replace(f, line=place.line, column=place.column, end_line=place.end_line, end_column=place.end_column, related=())
    out: dict[str, Any] = {"id": i, "physicalLocation": _physical(at, path, artifacts, cwd), "logicalLocations": [{"fullyQualifiedName": place.pointer}]}
    if place.label:
        out["message"] = {"text": place.label}
    return out


def _physical(f: Finding, path: str, artifacts: Mapping[str, int], cwd: Path) -> dict[str, Any]:
    artifact = _artifact_location(path, artifacts.get(path), cwd)
    region = {"startLine": f.line, "startColumn": f.column, "endLine": max(f.end_line, f.line), "endColumn": _end_column(f)}
    return {"artifactLocation": artifact, "region": region}


def _end_column(f: Finding) -> int:
    """SARIF's end column is exclusive; ours is the column of the last character."""
    if f.end_line <= f.line:
        return max(f.end_column, f.column) + 1
    return max(f.end_column, 1) + 1


def _artifact_location(path: str, index: int | None, cwd: Path) -> dict[str, Any]:
    """Relative to %SRCROOT% inside the working directory; an absolute `file://` URI outside it
    (a `../` URI is one neither GitHub nor GitLab can map to a file of the repository)."""
    resolved = (cwd / path).resolve()
    if not resolved.is_relative_to(cwd.resolve()):
        out: dict[str, Any] = {"uri": resolved.as_uri()}
    else:
        out = {"uri": quote(resolved.relative_to(cwd.resolve()).as_posix(), safe="/"), "uriBaseId": SRCROOT}
    if index is not None:
        out["index"] = index
    return out


def _suppression(s: Suppression) -> dict[str, Any]:
    properties = {key: value for key, value in (("partnercheckKind", s.kind), ("approvedBy", s.approved_by), ("expiresOn", s.expires_on)) if value}
    return {"kind": SUPPRESSION_KINDS.get(s.kind, "external"), "status": "accepted", "justification": s.reason, "properties": properties}
