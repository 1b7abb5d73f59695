"""The example charters say what they demonstrate, and partnercheck agrees.

The healthy example passes every rule. Each broken example announces, in its
`# Demonstrates` comment, one line per rule: the code, the rule's name, `at`
and the JSON Pointer of each finding (`/` for the document root), followed by
indented free text for the reader::

    # Demonstrates (...):
    #   EVA03 objective-without-measure at /objectives/0, /objectives/1
    #       conséquence : aucun objectif ne peut citer de mesure

The test checks that the run gives exactly these findings, no more, no fewer.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from paths import EXAMPLES

from partnercheck.cli import run
from partnercheck.findings import Severity
from partnercheck.testing import default_registry, lint_text

TODAY = "2026-01-15"
HEALTHY = EXAMPLES / "plateforme-aide-a-la-personne.yaml"
BROKEN = sorted((EXAMPLES / "broken").glob("*.yaml"))
ENTRY = re.compile(r"^#   ([A-Z]{3}\d\d) ([a-z0-9-]+) at (\S.*)$")


def announced(path: Path) -> Counter[tuple[str, str]]:
    """The (code, pointer) findings a broken example's `# Demonstrates` comment announces."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("# Demonstrates")), None)
    assert start is not None, f"{path.name} has no `# Demonstrates` comment"
    found: Counter[tuple[str, str]] = Counter()
    for line in lines[start + 1 :]:
        if not line.startswith("#"):
            break
        match = ENTRY.match(line)
        if match:
            code, name, pointers = match.groups()
            rule = default_registry().find(code)
            assert rule is not None and rule.name == name, f"{path.name}: {code} is not named {name!r}"
            found.update((code, "" if p == "/" else p) for p in pointers.split(", "))
    assert found, f"{path.name}: its `# Demonstrates` comment lists no finding in the form `CODE name at /pointer`"
    return found


def _show(findings: Counter[tuple[str, str]]) -> str:
    return ", ".join(f"{code} at {pointer or '/'}" + (f" x{n}" if n > 1 else "") for (code, pointer), n in sorted(findings.items()))


def test_the_healthy_example_gives_no_error_and_no_warning() -> None:
    findings = lint_text(HEALTHY.read_text(encoding="utf-8"), today=TODAY, path=HEALTHY.name)
    serious = [f for f in findings if f.severity.at_least(Severity.WARNING)]
    assert serious == [], "\n".join(f"{f.code} {f.pointer}: {f.message}" for f in serious)


def test_the_healthy_example_gives_not_even_an_info_as_its_comment_says() -> None:
    text = HEALTHY.read_text(encoding="utf-8")
    assert "aucune information" in text.split("\npartnercheck:", 1)[0]
    findings = lint_text(text, today=TODAY, path=HEALTHY.name)
    assert findings == [], "\n".join(f"{f.code} {f.pointer}: {f.message}" for f in findings)


def test_there_are_broken_examples() -> None:
    assert len(BROKEN) >= 4


@pytest.fixture(scope="module")
def run_of_all_examples() -> dict[str, Counter[tuple[str, str]]]:
    """The findings of one run over examples/ (as a user would check them), by file name."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = run(["check", "--today", TODAY, "--format", "json", "--isolated", str(EXAMPLES)])
    assert code == 1
    report = json.loads(out.getvalue())
    assert report["errors"] == []
    by_file: dict[str, Counter[tuple[str, str]]] = {}
    for finding in report["findings"]:  # a grouped finding counts at each of its places
        for place in [finding, *finding.get("related", [])]:
            by_file.setdefault(Path(finding["path"]).name, Counter())[(finding["code"], place["pointer"])] += 1
    return by_file


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_a_broken_example_gives_exactly_what_it_announces(path: Path, run_of_all_examples: dict[str, Counter[tuple[str, str]]]) -> None:
    expected = announced(path)
    got = run_of_all_examples.get(path.name, Counter())
    assert got == expected, f"{path.name}\n  announced: {_show(expected)}\n  found:     {_show(got)}"


def test_the_healthy_example_is_clean_in_the_run_of_all_examples(run_of_all_examples: dict[str, Counter[tuple[str, str]]]) -> None:
    assert HEALTHY.name not in run_of_all_examples


def test_an_announcement_is_read_as_written(tmp_path: Path) -> None:
    sample = tmp_path / "sample.yaml"
    sample.write_text(
        "# Demonstrates:\n#   EVA03 objective-without-measure at /objectives/0, /objectives/1\n"
        "#       free text at /nowhere\n#   PIL01 no-pilot-designated at /\n# Nothing else.\npartnercheck: 1\n",
        encoding="utf-8",
    )
    assert announced(sample) == Counter({("EVA03", "/objectives/0"): 1, ("EVA03", "/objectives/1"): 1, ("PIL01", ""): 1})
