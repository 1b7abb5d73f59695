"""JUnit XML for CI test dashboards: one testsuite per file, one testcase per rule.

A rule's testcase fails when the rule found something that fails the run in
that file (at or above `--fail-on`; warnings only past `--max-warnings`, as
the exit code decides: gates.py); the failure carries every such finding.
Other findings, and waived ones, are listed in the testcase's `system-out` so
the case still passes, as the exit code does. With `--min-score`, each file
has a `min-score` testcase that fails when the file scores below it. On a file that
could not be read as a charter only the engine's own checks ran: the other
rules are marked skipped. Errors of the run itself (a path that does not
exist) form a last testsuite named `partnercheck`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any, Iterable, Mapping

from partnercheck.findings import Finding
from partnercheck.report.formats.common import plural
from partnercheck.report.formats.locations import cwd_of, report_path
from partnercheck.report.inputs import input_of
from partnercheck.rules.model import EngineCheck, Rule
from partnercheck.run.gates import LowScore, RunOutcome

NOT_CHECKED = "not checked: the file could not be read as a charter"


def render(run: Any, options: Mapping[str, Any]) -> str:
    cwd = cwd_of(options)
    outcome = input_of(run, options).outcome
    failing_ids = outcome.failing_ids()
    root = ET.Element("testsuites", name="partnercheck")
    for file in run.files:
        root.append(_suite(run, file, report_path(file.path, cwd), outcome, failing_ids))
    if run.errors:
        root.append(_errors_suite(run.errors))
    _totals(root, root.findall("testsuite"))
    _escape_all(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(run: Any, file: Any, path: str, outcome: RunOutcome, failing_ids: set[int]) -> ET.Element:
    suite = ET.Element("testsuite", name=path)
    by_code: dict[str, list[Finding]] = {}
    for f in file.findings:
        by_code.setdefault(f.code, []).append(f)
    readable = file.data is not None
    for code, name, rule in _cases(run.rules, by_code):
        findings = by_code.get(code, [])
        skipped = not readable and rule is not None and not isinstance(rule.check, EngineCheck) and not findings
        suite.append(_case(failing_ids, path, code, name, findings, skipped))
    if outcome.min_score is not None:
        suite.append(_score_case(path, outcome.low_score_of(file.path), outcome.min_score))
    _totals(suite, suite.findall("testcase"))
    return suite


def _cases(rules: Iterable[Rule], by_code: Mapping[str, list[Finding]]) -> list[tuple[str, str, Rule | None]]:
    cases: list[tuple[str, str, Rule | None]] = [(r.code, r.name, r) for r in rules]
    known = {code for code, _, _ in cases}
    cases += [(code, found[0].name, None) for code, found in by_code.items() if code not in known]
    return sorted(cases, key=lambda case: case[0])


def _case(failing_ids: set[int], path: str, code: str, name: str, findings: list[Finding], skipped: bool) -> ET.Element:
    case = ET.Element("testcase", classname=path, name=f"{code} {name}", file=path)
    if skipped:
        ET.SubElement(case, "skipped", message=NOT_CHECKED)
        return case
    failing = [f for f in findings if id(f) in failing_ids]
    passing = [f for f in findings if f not in failing]
    if failing:
        message = failing[0].message if len(failing) == 1 else f"{plural(len(failing), 'finding')}: {failing[0].message}"
        failure = ET.SubElement(case, "failure", message=message, type=f"{code} {failing[0].severity.value}")
        failure.text = "\n".join(_describe(f, path) for f in failing)
    if passing:
        ET.SubElement(case, "system-out").text = "\n".join(_describe(f, path) for f in passing)
    return case


def _score_case(path: str, low: LowScore | None, minimum: float) -> ET.Element:
    """The file's health score against `--min-score`: fails when below it (or when nothing was scored)."""
    case = ET.Element("testcase", classname=path, name="min-score", file=path)
    if low is not None:
        score = "no health score" if low.score is None else f"health score {low.score:g}"
        ET.SubElement(case, "failure", message=f"{score} is below the minimum {minimum:g}", type="min-score")
    return case


def _describe(f: Finding, path: str) -> str:
    head = f"{path}:{f.line}:{f.column}: {f.code} {f.severity.value} {f.message} [{f.name}]"
    if f.suppression is not None:
        head += f" (suppressed by {f.suppression.kind}: {f.suppression.reason})"
    if f.hint:
        head += "\n  hint: " + f.hint.strip().replace("\n", "\n        ")
    return head


def _errors_suite(errors: list[str]) -> ET.Element:
    suite = ET.Element("testsuite", name="partnercheck")
    for number, message in enumerate(errors, 1):
        case = ET.SubElement(suite, "testcase", classname="partnercheck", name=f"run error {number}")
        ET.SubElement(case, "error", message=message, type="error").text = message
    _totals(suite, suite.findall("testcase"))
    return suite


def _escape_all(root: ET.Element) -> None:
    """Every attribute and text with control characters escaped, line by line: the XML stays well-formed."""
    from partnercheck.printable import visible

    for element in root.iter():
        element.attrib = {key: visible(value) for key, value in element.attrib.items()}
        if element.text:
            element.text = "\n".join(visible(line) for line in element.text.split("\n"))


def _totals(element: ET.Element, children: list[ET.Element]) -> None:
    """Set tests/failures/errors/skipped from the children (testcases or testsuites)."""
    if children and children[0].tag == "testsuite":
        keys = ("tests", "failures", "errors", "skipped")
        totals = {k: sum(int(child.get(k, "0")) for child in children) for k in keys}
    else:
        totals = {
            "tests": len(children),
            "failures": sum(1 for c in children if c.find("failure") is not None),
            "errors": sum(1 for c in children if c.find("error") is not None),
            "skipped": sum(1 for c in children if c.find("skipped") is not None),
        }
    for key, value in totals.items():
        element.set(key, str(value))
