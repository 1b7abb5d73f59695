"""`report -o FILE` and `check --format html:FILE` write the same page for the same options (README: "the same page").

`report` takes the options of `check` that change the page (the baseline, the rule selection, the gates that decide
the verdict, grouping, the limits) from the same declarations; only what does not change the page is `check`'s alone.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

# Two partners: MEM01 (warning) at /partners/0 and /partners/1, grouped into one finding; PIL02 (warning) at /pilot.
CHARTER = """partnercheck: 1
charter: {id: x, title: X}
partners: [{id: a, name: A, type: funder}, {id: b, name: B, type: funder}]
pilot: {partners: [a]}
"""
SELECT = ("--select", "PIL02,MEM01", "--isolated", "--lang", "en", "--today", "2026-12-03")
#: `check`'s own options: none of them changes the HTML page (where it goes, speed, other formats' looks, the exit
#: code). `--base` is in both with two meanings: `check` checks only the charters changed since REF, `report` adds a
#: changes section; `--exit-zero` adds "(exit code 0 by --exit-zero)" to the verdict of check's page, which `report`
#: (always exit 0 once written) has no use for.
CHECK_ONLY = {"--format", "--charters-only", "--sarif-suppressed", "--quiet", "--color", "--statistics", "--exit-zero", "--jobs", "--no-cache", "--cache-dir"}


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "c.yaml").write_text(CHARTER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def pages(cli, repo: Path, *flags: str) -> tuple[str, str]:
    """The page `report` writes and the one `check --format html` writes, with the same flags."""
    code, _, err = cli("report", "c.yaml", "-o", "r.html", *SELECT, *flags)
    assert code == 0, err
    code, _, err = cli("check", "c.yaml", "--format", "html:h.html", "--no-cache", *SELECT, *flags)
    assert code in (0, 1), err
    return (repo / "r.html").read_text(encoding="utf-8"), (repo / "h.html").read_text(encoding="utf-8")


def test_report_hides_the_baselined_findings_as_check_does(cli, repo: Path) -> None:
    code, _, err = cli("baseline", "c.yaml", "-o", "base.json", *SELECT)
    assert code == 0, err
    before, _ = pages(cli, repo)
    report, check = pages(cli, repo, "--baseline", "base.json")
    assert report == check  # findings, counts, score and verdict alike: nothing on the page differs
    assert "Ready to sign" in report and "findings baselined" in report
    assert "Not ready to sign" in before and "baselined" not in before


def test_standard_input_is_named_as_check_names_it_so_the_baseline_matches(cli, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    cli("baseline", "c.yaml", "-o", "base.json", *SELECT)
    written = []
    for command in (("report", "-", "-o", "r.html"), ("check", "-", "--format", "html:h.html")):
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(CHARTER.encode())))
        code, _, err = cli(*command, "--stdin-filename", "./c.yaml", "--baseline", "base.json", *SELECT)
        assert code == 0, err
        written.append((repo / command[-1].removeprefix("html:")).read_text(encoding="utf-8"))
    assert written[0] == written[1]
    assert "Ready to sign" in written[0] and "stale" not in err


@pytest.mark.parametrize(
    "flags",
    [
        ("--fail-on", "error"),
        ("--min-score", "100"),
        ("--max-warnings", "5"),
        ("--no-group",),
        ("--ignore", "PIL02"),
        ("--select", "PIL02,MEM01,PIL01"),
    ],
)
def test_an_option_changes_both_pages_alike(cli, repo: Path, flags: tuple[str, ...]) -> None:
    plain, _ = pages(cli, repo)
    report, check = pages(cli, repo, *flags)
    assert report == check
    assert report != plain  # the option reached the page: equal pages are not equally blind to it


def _options(command: str) -> dict[str, argparse.Action]:
    from partnercheck.cli import build_parser

    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return {s: action for action in sub.choices[command]._actions for s in action.option_strings if s.startswith("--")}


def test_report_takes_every_option_of_check_that_changes_the_page_from_the_same_declaration() -> None:
    check, report = _options("check"), _options("report")
    assert set(check) - set(report) == CHECK_ONLY
    for name in set(check) & set(report) - {"--base"}:
        mine, theirs = report[name], check[name]
        assert (mine.help, mine.type, mine.default, mine.dest) == (theirs.help, theirs.type, theirs.default, theirs.dest), name
