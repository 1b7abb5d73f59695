"""`check --statistics`: findings counted per rule, alongside the findings, agreeing with the summary and the verdict."""

from __future__ import annotations

import json
import re
from collections import Counter

from jsonschema import Draft202012Validator
from paths import EXAMPLES, ROOT

from partnercheck.findings import Finding, Severity, Suppression
from partnercheck.report.statistics import statistics

BROKEN = str(EXAMPLES / "broken")
TODAY = ("--today", "2026-01-15")
PLAIN = ("--color", "never")
VALIDATOR = Draft202012Validator(json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8")))
ROW = re.compile(r"^  +(\d+)  ([A-Z]{3}\d{2}) +(error|warning|info) +([a-z0-9-]+)$")


def test_counts_are_per_code_most_first_and_ignore_suppressed_findings() -> None:
    def f(code: str, severity: Severity = Severity.WARNING, waived: bool = False) -> Finding:
        return Finding(code=code, name=code.lower(), severity=severity, message="m", path="c.yaml", suppression=Suppression("waiver", "ok") if waived else None)

    rows = statistics([f("PUR03"), f("ACC01", Severity.ERROR), f("PUR03"), f("PUR03", waived=True), f("ACC01", Severity.ERROR), f("GOV02")])
    assert [(r.code, r.count, r.severity) for r in rows] == [("ACC01", 2, Severity.ERROR), ("PUR03", 2, Severity.WARNING), ("GOV02", 1, Severity.WARNING)]
    assert statistics([]) == []


def test_text_statistics_agree_with_the_findings_the_summary_and_the_verdict(cli) -> None:
    code, out, _ = cli("check", BROKEN, *TODAY, *PLAIN, "--statistics")
    lines = out.splitlines()
    start = lines.index("Statistics (findings per rule):")
    rows = []
    for line in lines[start + 1 :]:
        match = ROW.match(line)
        if not match:
            break
        rows.append(match.groups())
    shown = Counter(re.findall(r"^\S+:\d+:\d+: ([A-Z]{3}\d{2}) ", out, re.M))
    assert {code: int(n) for n, code, _, _ in rows} == dict(shown)
    assert [int(n) for n, *_ in rows] == sorted((int(n) for n, *_ in rows), reverse=True)
    summary = re.search(r"^Found (\d+) errors?, (\d+) warnings?, (\d+) infos? in", out, re.M)
    assert summary, out
    by_severity = Counter()
    for n, _, severity, _ in rows:
        by_severity[severity] += int(n)
    assert (by_severity["error"], by_severity["warning"], by_severity["info"]) == tuple(int(x) for x in summary.groups())
    blocking = re.search(r"^✘ Not ready to sign: (\d+) blocking problems \(--fail-on warning\)", out, re.M)
    assert code == 1 and blocking and int(blocking[1]) == by_severity["error"] + by_severity["warning"]
    assert out.index(summary[0]) > out.index("Statistics")  # the statistics come before the summary and the verdict


def test_no_statistics_without_the_option(cli) -> None:
    _, out, _ = cli("check", BROKEN, *TODAY, *PLAIN)
    assert "Statistics" not in out
    _, out, _ = cli("check", BROKEN, *TODAY, "--format", "json")
    assert "statistics" not in json.loads(out)


def test_json_statistics_validate_and_count_the_active_findings(cli) -> None:
    _, out, _ = cli("check", BROKEN, *TODAY, "--format", "json", "--statistics")
    report = json.loads(out)
    assert not list(VALIDATOR.iter_errors(report))
    counted = {row["code"]: row["count"] for row in report["statistics"]}
    assert counted == dict(Counter(f["code"] for f in report["findings"] if not f["suppressed"]))
    assert sum(counted.values()) == report["summary"]["errors"] + report["summary"]["warnings"] + report["summary"]["infos"]


def test_statistics_speak_french_and_colour_says_the_same(cli) -> None:
    _, out, _ = cli("check", BROKEN, *TODAY, *PLAIN, "--statistics", "--lang", "fr")
    assert "Statistiques (constats par règle) :" in out and re.search(r"^  +\d+  [A-Z]{3}\d{2}  avertissement ", out, re.M)
    _, coloured, _ = cli("check", BROKEN, *TODAY, "--color", "always", "--statistics")
    _, plain, _ = cli("check", BROKEN, *TODAY, *PLAIN, "--statistics")
    assert "\x1b[" in coloured and re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain
