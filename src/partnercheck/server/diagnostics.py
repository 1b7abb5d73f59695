"""Findings as LSP diagnostics: code, severity, range, the rule's documentation, related locations.

A finding that fails the run at the fail level (`failLevel`, else the
configuration's `fail-on`) keeps its severity; one that does not is shown as
a hint. A configuration that cannot be read is one diagnostic: on the line
it names in the configuration file, at the top of a charter it governs.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lsprotocol import types

from partnercheck.document.load import Document
from partnercheck.findings import Finding, Severity, Span
from partnercheck.report.formats.sarif import help_uri
from partnercheck.run.discovery import display_path
from partnercheck.server.checking import Checked
from partnercheck.server.documents import lsp_range

SOURCE = "partnercheck"
CONFIG_CODE = "config"
SEVERITIES = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning, Severity.INFO: types.DiagnosticSeverity.Information}
_LOCATED = re.compile(r"^(?P<label>.+?):(?P<line>[0-9]+): (?P<message>.*)$", re.DOTALL)


def diagnostics(checked: Checked, uri: str, path: Path | None) -> list[types.Diagnostic]:
    if checked.config_error is not None:
        return [config_diagnostic(checked.config_error, path)]
    return [diagnostic(f, checked, uri) for f in checked.findings]


def diagnostic(finding: Finding, checked: Checked, uri: str) -> types.Diagnostic:
    rule = checked.registry.rules.get(finding.code) if checked.registry is not None else None
    href = help_uri(rule) if rule is not None else None
    failing = id(finding) in checked.failing
    return types.Diagnostic(
        range=lsp_range(checked.document, _span(finding)),
        message=finding.message,
        severity=SEVERITIES[finding.severity] if failing else types.DiagnosticSeverity.Hint,
        code=finding.code,
        code_description=types.CodeDescription(href=href) if href else None,
        source=SOURCE,
        related_information=_related(finding, checked.document, uri) or None,
        data={"pointer": finding.pointer, "name": finding.name, "hint": finding.hint},
    )


def config_diagnostic(message: str, path: Path | None) -> types.Diagnostic:
    """A configuration error: at its line when it is about this very file (`LABEL:LINE: …`), else at the top."""
    line, shown = 0, message
    found = _LOCATED.match(message)
    if found is not None and path is not None and found["label"] == display_path(path):
        line, shown = int(found["line"]) - 1, found["message"]
    start = types.Position(line=line, character=0)
    return types.Diagnostic(
        range=types.Range(start=start, end=types.Position(line=line + 1, character=0)),
        message=shown,
        severity=types.DiagnosticSeverity.Error,
        code=CONFIG_CODE,
        source=SOURCE,
    )


def _span(finding: Finding) -> Span:
    return Span(finding.line, finding.column, finding.end_line, finding.end_column)


def _related(finding: Finding, doc: Document | None, uri: str) -> list[types.DiagnosticRelatedInformation]:
    """A grouped finding's other places (`Finding.related`, when the model has it), each with its message."""
    out = []
    for item in getattr(finding, "related", None) or ():
        span = Span(*(int(getattr(item, name, 1) or 1) for name in ("line", "column", "end_line", "end_column")))
        where = getattr(item, "path", None)
        target = uri if not where or where == finding.path else Path(where).absolute().as_uri()
        out.append(types.DiagnosticRelatedInformation(location=types.Location(uri=target, range=lsp_range(doc if target == uri else None, span)), message=_said(finding, item)))
    return out


def _said(finding: Finding, item: Any) -> str:
    """The place's line in the editor's list: the rule's code and the id of the item there (`MEM03: region`)."""
    label = getattr(item, "label", "")
    return f"{finding.code}: {label}" if label else finding.code
