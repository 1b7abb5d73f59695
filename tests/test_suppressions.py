"""Inline suppressions in YAML comments, through the CLI and through the harness."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from partnercheck.run.suppressions import directives
from partnercheck.testing import lint_text

# PIL02 (warning) is reported at /pilot, line 4; MEM01 (warning) at /partners/0, line 3.
CHARTER = """partnercheck: 1
charter: {id: x, title: X}
partners: [{id: a, name: A, type: funder}]
pilot: {partners: [a]}{pilot_comment}
"""


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "charte.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def charter(pilot_comment: str = "") -> str:
    return CHARTER.replace("{pilot_comment}", pilot_comment)


def findings(cli, path: str, *flags: str) -> tuple[int, list[dict]]:
    code, out, err = cli("check", path, "--format", "json", "--isolated", *flags)
    assert code in (0, 1), err
    return code, json.loads(out)["findings"]


def test_disable_line_on_the_reported_line_hides_the_finding(cli, tmp_path: Path) -> None:
    path = write(tmp_path, charter("  # partnercheck: disable-line=PIL02 -- the steering committee votes in March"))
    code, found = findings(cli, path, "--select", "PIL02")
    assert code == 0
    [pil02] = found
    assert pil02["code"] == "PIL02" and pil02["suppressed"] is True
    assert pil02["suppression"] == {"kind": "comment", "reason": "the steering committee votes in March", "approved_by": None, "expires_on": None}


def test_text_summary_counts_the_suppressed_finding(cli, tmp_path: Path) -> None:
    path = write(tmp_path, charter("  # partnercheck: disable-line=PIL02 -- vote in March"))
    code, out, _ = cli("check", path, "--isolated", "--select", "PIL02", "--color", "never")
    assert code == 0
    assert "1 waived or suppressed" in out
    assert "PIL02" not in out.split("All clear")[0]


def test_unused_disable_line_is_reported_as_sup02(cli, tmp_path: Path) -> None:
    text = charter().replace("charter: {id: x, title: X}", "charter: {id: x, title: X}  # partnercheck: disable-line=PIL02 -- wrong line")
    path = write(tmp_path, text)
    code, found = findings(cli, path, "--select", "PIL02,SUP")
    assert code == 1
    by_code = {f["code"]: f for f in found}
    assert by_code["PIL02"]["suppressed"] is False
    assert by_code["SUP02"]["line"] == 2
    assert "disable-line=PIL02 suppresses nothing" in by_code["SUP02"]["message"]


def test_directive_without_reason_still_suppresses_and_is_reported(cli, tmp_path: Path) -> None:
    path = write(tmp_path, charter("  # partnercheck: disable-line=PIL02"))
    code, found = findings(cli, path, "--select", "PIL02,SUP")
    by_code = {f["code"]: f for f in found}
    assert by_code["PIL02"]["suppressed"] is True
    assert by_code["SUP01"]["line"] == 4 and by_code["SUP01"]["suppressed"] is False
    assert "SUP02" not in by_code
    assert code == 1  # SUP01 is a warning


def test_disable_next_line_skips_comment_lines_and_takes_names(cli, tmp_path: Path) -> None:
    text = charter().replace(
        "pilot: {partners: [a]}",
        "# partnercheck: disable-next-line=pilot-mandate-unsourced -- mandate being voted\n# an ordinary comment\npilot: {partners: [a]}",
    )
    code, found = findings(cli, write(tmp_path, text), "--select", "PIL02,SUP")
    assert [(f["code"], f["suppressed"]) for f in found] == [("PIL02", True)]
    assert code == 0


def test_disable_file_with_several_codes(cli, tmp_path: Path) -> None:
    text = "# partnercheck: disable-file=PIL02, MEM01 -- pilot and representatives named at signature\n" + charter()
    code, found = findings(cli, write(tmp_path, text), "--select", "PIL02,MEM01,SUP")
    assert sorted((f["code"], f["suppressed"]) for f in found) == [("MEM01", True), ("PIL02", True)]
    assert code == 0


def test_directive_text_inside_a_quoted_string_is_not_a_comment(cli, tmp_path: Path) -> None:
    text = charter().replace("title: X", 'title: "X # partnercheck: disable-file=PIL02 -- not a comment"')
    code, found = findings(cli, write(tmp_path, text), "--select", "PIL02,SUP")
    assert [(f["code"], f["suppressed"]) for f in found] == [("PIL02", False)]
    assert code == 1


def test_directive_text_inside_a_block_scalar_is_not_a_comment() -> None:
    text = "vision: |\n  # partnercheck: disable-file=PIL02 -- text\n  more text\nkey: value  # partnercheck: disable-line=MEM01 -- real\n"
    found, problems = directives(text)
    assert [(d.kind, d.rules, d.line) for d in found] == [("disable-line", ("MEM01",), 4)]
    assert problems == []


def test_comment_after_a_block_scalar_indicator_is_read() -> None:
    found, _ = directives("vision: |  # partnercheck: disable-line=PUR01 -- ok\n  text\n")
    assert [(d.rules, d.reason, d.target) for d in found] == [(("PUR01",), "ok", 1)]


def test_unknown_rule_in_a_directive_is_reported() -> None:
    found = lint_text(charter("  # partnercheck: disable-line=ZZZ99 -- typo"), select=["PIL02", "SUP"])
    sup02 = [f for f in found if f.code == "SUP02"]
    assert len(sup02) == 1 and "no known rule" in sup02[0].message


def test_directive_for_a_deselected_rule_is_not_reported_unused() -> None:
    found = lint_text(charter("  # partnercheck: disable-line=MEM01 -- not selected in this run"), select=["PIL02", "SUP"])
    assert [f.code for f in found] == ["PIL02"]


def test_unknown_directive_kind_is_reported() -> None:
    found = lint_text(charter("  # partnercheck: disable-lines=PIL02 -- typo"), select=["PIL02", "SUP"])
    assert sorted((f.code, f.suppressed) for f in found) == [("PIL02", False), ("SUP02", False)]


@pytest.mark.parametrize(
    "comment, rules, reason",
    [
        ("# partnercheck: disable-line=BEN02 -- a reason -- with dashes", ("BEN02",), "a reason -- with dashes"),
        ("#partnercheck:disable-line=ben02,TIM01--why", ("ben02", "TIM01"), "why"),
        ("# partnercheck: disable-line=no-pilot-designated -- r", ("no-pilot-designated",), "r"),
    ],
)
def test_directive_grammar(comment: str, rules: tuple[str, ...], reason: str) -> None:
    [found], _ = directives(f"a: 1  {comment}\n")
    assert found.rules == rules and found.reason == reason


def test_sup_findings_cannot_silence_themselves() -> None:
    text = charter("  # partnercheck: disable-line=SUP01,PIL02")
    found = lint_text(text, select=["PIL02", "SUP"])
    sup01 = [f for f in found if f.code == "SUP01"]
    assert len(sup01) == 1 and not sup01[0].suppressed


def test_a_misspelt_directive_is_reported_not_ignored(cli, tmp_path) -> None:
    charter = tmp_path / "c.yaml"
    charter.write_text(
        "partnercheck: 1\ncharter: {id: c, title: T}\npartners: [{id: a, name: A, type: funder}]\n"
        "# partnercheck: disabel-line=PIL05 -- a typo\n# partnercheck: 1 is the format version, not a directive\n",
        encoding="utf-8",
    )
    _, out, _ = cli("check", str(charter), "--format", "json", "--isolated", "--select", "SUP02")
    found = [(f["line"], f["message"]) for f in __import__("json").loads(out)["findings"]]
    assert found == [(4, '"disabel-line" is not a partnercheck directive (use disable-line, disable-next-line, disable-file); this comment suppresses nothing')]
