"""JUnit XML for CI test dashboards (Jenkins, GitLab, Azure Pipelines…): one test case per charter.

A charter's test case fails when it has findings that fail the run (at or
above `--fail-on`; warnings only past `--max-warnings`, as the exit code
decides: gates.py); the failure carries every such finding. Other findings, and
suppressed ones, are listed in the case's `system-out` so the case still
passes, as the exit code does. With `--min-score`, each charter also has a
`min-score` case that fails when it scores below it. Errors of the run itself
(a path that does not exist) are error cases of a second suite named
`partnercheck run`.

The output is valid against the JUnit schema the Jenkins xUnit plugin checks
(`tests/data/junit/junit-10.xsd`). Jenkins splits `classname` at its last dot
into package and class, so the class name is the charter's folder path with
dots (`charters.ville.charte` for `charters/ville/charte.yaml`), without the
`.yaml` suffix that would otherwise become every charter's class.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import PurePath
from typing import Any, Mapping

from partnercheck.findings import Finding
from partnercheck.report.formats.common import severity_word
from partnercheck.report.formats.locations import cwd_of, report_path
from partnercheck.report.i18n import Translator, of
from partnercheck.report.inputs import input_of
from partnercheck.run.gates import LowScore

SUITE = "partnercheck"
ERRORS_SUITE = "partnercheck run"


def render(run: Any, options: Mapping[str, Any]) -> str:
    cwd = cwd_of(options)
    tr = of(options)
    outcome = input_of(run, options).outcome
    failing_ids = outcome.failing_ids()
    root = ET.Element("testsuites", name=SUITE)
    suite = ET.SubElement(root, "testsuite", name=SUITE)
    for file in run.files:
        path = report_path(file.path, cwd)
        suite.append(_case(failing_ids, file.findings, path, tr))
        if outcome.min_score is not None:
            suite.append(_score_case(path, outcome.low_score_of(file.path), outcome.min_score, tr))
    _totals(suite)
    if run.errors:
        root.append(_errors_suite(run.errors))
    for key in ("tests", "failures", "errors"):
        root.set(key, str(sum(int(s.get(key, "0")) for s in root.findall("testsuite"))))
    _escape_all(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def class_name(path: str) -> str:
    """`charters/ville/charte.yaml` → `charters.ville.charte`: folders as the package, the file's stem as the class."""
    pure = PurePath(path)
    folders = [part.replace(".", "_") for part in pure.parent.parts if part not in (pure.anchor, ".", "..")]
    return ".".join([*folders, pure.stem.replace(".", "_") or "charter"])


def _case(failing_ids: set[int], findings: list[Finding], path: str, tr: Translator) -> ET.Element:
    case = ET.Element("testcase", classname=class_name(path), name=path)
    failing = [f for f in findings if id(f) in failing_ids]
    passing = [f for f in findings if f not in failing]
    if failing:
        first = failing[0]
        said = f"{first.code} {first.message}"
        message = said if len(failing) == 1 else tr.words("{findings}, first {finding}", findings=tr.ngettext("{n} finding", "{n} findings", len(failing)), finding=said)
        failure = ET.SubElement(case, "failure", message=message, type=" ".join(sorted({f.code for f in failing})))
        failure.text = "\n".join(_describe(f, path, tr) for f in failing)
    if passing:
        ET.SubElement(case, "system-out").text = "\n".join(_describe(f, path, tr) for f in passing)
    return case


def _score_case(path: str, low: LowScore | None, minimum: float, tr: Translator) -> ET.Element:
    """The charter's health score against `--min-score`: fails when below it (or when nothing was scored)."""
    case = ET.Element("testcase", classname=class_name(path), name="min-score")
    if low is not None:
        if low.score is None:
            message = tr.words("no health score to meet the minimum {minimum}", minimum=tr.number(minimum))
        else:
            message = tr.words("health score {score} is below the minimum {minimum}", score=tr.number(low.score), minimum=tr.number(minimum))
        ET.SubElement(case, "failure", message=message, type="min-score")
    return case


def _describe(f: Finding, path: str, tr: Translator) -> str:
    head = f"{path}:{f.line}:{f.column}: {f.code} {severity_word(tr, f.severity)} {f.message} [{f.name}]"
    if f.suppression is not None:
        head += " (" + tr.words("suppressed by {kind}: {reason}", kind=tr.words(f.suppression.kind), reason=f.suppression.reason) + ")"
    if f.hint:
        head += "\n  " + tr.words("hint:") + " " + f.hint.strip().replace("\n", "\n        ")
    return head


def _errors_suite(errors: list[str]) -> ET.Element:
    suite = ET.Element("testsuite", name=ERRORS_SUITE)
    for number, message in enumerate(errors, 1):
        case = ET.SubElement(suite, "testcase", classname="partnercheck.run", name=f"run error {number}")
        ET.SubElement(case, "error", message=message, type="error").text = message
    _totals(suite)
    return suite


def _escape_all(root: ET.Element) -> None:
    """Every attribute and text with control characters escaped, line by line: the XML stays well-formed."""
    from partnercheck.printable import visible

    for element in root.iter():
        element.attrib = {key: visible(value) for key, value in element.attrib.items()}
        if element.text:
            element.text = "\n".join(visible(line) for line in element.text.split("\n"))


def _totals(suite: ET.Element) -> None:
    cases = suite.findall("testcase")
    suite.set("tests", str(len(cases)))
    suite.set("failures", str(sum(1 for c in cases if c.find("failure") is not None)))
    suite.set("errors", str(sum(1 for c in cases if c.find("error") is not None)))
    suite.set("skipped", "0")
