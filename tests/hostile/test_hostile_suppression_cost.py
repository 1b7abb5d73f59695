"""Suppression comments cost linear work (issue 17, item 4).

5,000 `disable-next-line` comments took 1.4 s, 40,000 took 72 s: each looked
ahead through all the comments after it, each `#` was checked against every
scalar of the file, and each finding against every comment. The instrument
counts, deterministically, the Python lines run inside
`partnercheck/run/suppressions.py` for N and for 10 N comments: linear work
grows about tenfold, quadratic work a hundredfold; the bound is twenty-fold.
"""

from __future__ import annotations

import sys
from datetime import date

import pytest

from partnercheck.findings import Finding, Severity
from partnercheck.run import suppressions

SMALL, LARGE, BOUND = 150, 1_500, 20


def next_line_comments(n: int) -> str:
    return "partnercheck: 1\n" + "".join(f"# partnercheck: disable-next-line=PIL01 -- reason {i}\n" for i in range(n)) + "x-end: 1\n"


def inline_comments(n: int) -> str:
    return "partnercheck: 1\nx-keys:\n" + "".join(f"  k{i}: 'value # not a comment' # partnercheck: disable-line=PIL01 -- r\n" for i in range(n))


def file_comments(n: int) -> str:
    return "partnercheck: 1\n" + "".join(f"# partnercheck: disable-file=PIL0{i % 5},x{i} -- reason\n" for i in range(n))


def lines_run(text: str, n: int) -> int:
    """Python lines run in suppressions.py to read the comments and apply them to n / 10 findings."""
    findings = [Finding(f"PIL0{i % 5}", "rule", Severity.WARNING, "m", "c.yaml", line=2 + i * 7 % n) for i in range(n // 10)]
    count = 0
    counted = {suppressions.__file__, __file__}  # this file too: the quadratic stand-in below is counted

    def trace(frame, event, arg):
        nonlocal count
        if frame.f_code.co_filename not in counted:
            return None
        count += event == "line"
        return trace

    sys.settrace(trace)
    try:
        suppressions.apply(findings, text, {"partnercheck": 1}, date(2026, 9, 15), lambda selector: True)
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("make", [next_line_comments, inline_comments, file_comments])
def test_suppression_comments_cost_linear_work(make):
    small, large = lines_run(make(SMALL), SMALL), lines_run(make(LARGE), LARGE)
    assert large <= BOUND * small, (small, large)


def test_the_instrument_catches_quadratic_work(monkeypatch):
    def quadratic(self, line):
        return next((n for n in range(line + 1, len(self.lines) + 1) if self.lines[n - 1].strip() and not self.lines[n - 1].lstrip().startswith("#")), line + 1)

    monkeypatch.setattr(suppressions._NextLines, "after", quadratic)
    small, large = lines_run(next_line_comments(SMALL), SMALL), lines_run(next_line_comments(LARGE), LARGE)
    assert large > BOUND * small
