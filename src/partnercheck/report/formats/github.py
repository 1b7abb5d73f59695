"""GitHub Actions workflow commands: one annotation per finding on the pull request.

`::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=CODE name::message`,
escaped as GitHub's workflow-command rules say: `%`, CR and LF in the message;
also `:` and `,` in property values. Warnings become `::warning`, infos
`::notice`.
"""

from __future__ import annotations

from typing import Any, Mapping

from partnercheck.findings import Finding, Severity
from partnercheck.report.formats.common import counts, files_count, severity_counts
from partnercheck.report.formats.locations import cwd_of, report_path
from partnercheck.report.i18n import Translator, of

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(run: Any, options: Mapping[str, Any]) -> str:
    cwd = cwd_of(options)
    lines = [annotation(f, cwd) for f in run.active]
    lines += [command("error", {"title": "partnercheck"}, message) for message in run.errors]
    lines.append(_summary(run, of(options)))
    return "\n".join(lines) + "\n"


def annotation(f: Finding, cwd: Any = None) -> str:
    properties = {
        "file": report_path(f.path, cwd),
        "line": f.line,
        "col": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
        "title": f"{f.code} {f.name}",
    }
    message = f.message if not f.hint else f"{f.message}\n{f.hint.strip()}"
    return command(COMMANDS[f.severity], properties, message)


def command(name: str, properties: Mapping[str, Any], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {props}::{escape_data(message)}" if props else f"::{name}::{escape_data(message)}"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _summary(run: Any, tr: Translator) -> str:
    """A plain log line (not a command), so the log says how the run ended, in the run's language."""
    c = counts(run)
    files = files_count(tr, c["files"])
    if not run.active:
        return tr.ngettext("partnercheck: {n} file checked, no findings.", "partnercheck: {n} files checked, no findings.", c["files"])
    errors, warnings, infos = severity_counts(tr, c)
    return tr.words("partnercheck: {errors}, {warnings}, {infos} in {files}.", errors=errors, warnings=warnings, infos=infos, files=files)
