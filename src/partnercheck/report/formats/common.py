"""Helpers shared by reporters: counts and counted words in the report's language (`Translator.ngettext`)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from partnercheck.findings import Severity
from partnercheck.report.i18n import Translator
from partnercheck.run.gates import RunOutcome


def counts(run: Any) -> dict[str, int]:
    """Active findings per severity, plus suppressed and checked-file totals (whether they fail the run: `RunOutcome`)."""
    by_severity = Counter(f.severity for f in run.active)
    return {
        "files": len(run.files),
        "errors": by_severity[Severity.ERROR],
        "warnings": by_severity[Severity.WARNING],
        "infos": by_severity[Severity.INFO],
        "suppressed": sum(1 for f in run.findings if f.suppressed),
    }


def summary(run: Any, outcome: RunOutcome) -> dict[str, int | bool]:
    """The machine formats' summary: the counts, the findings failing the run and whether it passed (gates.py)."""
    return {**counts(run), "failing": len(outcome.failing), "passed": outcome.passed}


def held_words(tr: Translator, waived: int, baselined: int) -> list[str]:
    """"1 waived or suppressed", "3 baselined": the findings hidden from the run, counted as they are listed (a grouped
    finding once) and said alike by the summary line and the verdict line."""
    said = [tr.ngettext("{n} waived or suppressed", "{n} waived or suppressed", waived) if waived else "", tr.words("{n} baselined", n=baselined) if baselined else ""]
    return [words for words in said if words]


def plural(n: int, word: str) -> str:
    """English only, for the machine formats' fixed words: "1 error", "2 errors"."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def severity_counts(tr: Translator, c: dict[str, int]) -> list[str]:
    """"2 errors", "1 warning", "0 infos" in the translator's language."""
    return [
        tr.ngettext("{n} error", "{n} errors", c["errors"]),
        tr.ngettext("{n} warning", "{n} warnings", c["warnings"]),
        tr.ngettext("{n} info", "{n} infos", c["infos"]),
    ]


def files_count(tr: Translator, n: int) -> str:
    return tr.ngettext("{n} file", "{n} files", n)


#: Each severity's word for people (English `msgid`s of locale/<lang>/LC_MESSAGES/partnercheck.po).
SEVERITY_WORDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}


def severity_word(tr: Translator, severity: Severity) -> str:
    """"error", "warning" or "info" in the translator's language."""
    return tr.words(SEVERITY_WORDS[severity])
