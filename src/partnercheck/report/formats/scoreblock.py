"""The score block's words and bars, shared by the plain text (text.py) and rich (scorecard.py) renderings.

tests/test_text_plain.py keeps both renderings equal; these pieces are what they share.
"""

from __future__ import annotations

from typing import Any

from partnercheck.findings import Finding
from partnercheck.report.i18n import Translator, counted
from partnercheck.report.score import baselined

#: Marks a blocking error that only the baseline hides.
BASELINED_WORD = "baselined"
#: Added to "Ready to sign" when findings below error still fail the run.
NO_BLOCKING_WORDS = "no blocking error"


def but_line(tr: Translator, note: str) -> str:
    return "  " + tr.words("but {note}", note=note)


def blocking_line(tr: Translator, f: Finding) -> str:
    line = "  - " + tr.words("{code} line {line}: {message}", code=f.code, line=f.line, message=f.message)
    return line + (f" ({tr.words(BASELINED_WORD)})" if baselined(f) else "")


def file_head(tr: Translator, path: str) -> str:
    """"path: " before a file's verdict."""
    return tr.words("{path}: ", path=path)


def file_verdict(tr: Translator, score: Any) -> str:
    return tr.words("{label}, score {score}", label=score.verdict.label_in(tr), score=out_of(score.overall, tr))


def more_ready(tr: Translator, ready: int) -> str:
    return "  " + counted(tr, ready, "… and {n} more file ready to sign", "… and {n} more files ready to sign")


def mean_of(tr: Translator, scores: Any) -> str:
    return tr.words("mean of {n} files, lowest {lowest}", n=len(scores.files), lowest=num(scores.lowest, tr))


def verdict_details(tr: Translator, waived: int, baselined: int, extra: str = "") -> list[str]:
    """What the verdict line adds in brackets: the multi-file mean, waived and baselined counts."""
    return [d for d in (extra, tr.words("{n} waived", n=waived) if waived else "", tr.words("{n} baselined", n=baselined) if baselined else "") if d]


def verdict_head(tr: Translator, ready: bool, label: str, note: str) -> str:
    """"✔ Ready to sign (no blocking error)", "✘ Not ready: …"."""
    return f"{'✔' if ready else '✘'} {label}" + (f" ({tr.words(NO_BLOCKING_WORDS)})" if note else "")


def health_score(tr: Translator, overall: float | None) -> str:
    """" — health score 85/100"."""
    return " — " + tr.words("health score {score}", score=out_of(overall, tr))


#: The width of a dimension's bar, in cells.
BAR_WIDTH = 20
#: Past this many files, the per-file lines list only the files not ready to sign.
MANY_FILES = 20
#: Said where the bar would be, on the "Other rules" row: those points are no dimension's (BAR_WIDTH cells at most).
OUTSIDE = "outside dimensions"


def bar(score: float | None, width: int = BAR_WIDTH) -> str:
    """A text bar of `width` cells for a 0–100 score (dots for an unscored dimension)."""
    if score is None:
        return "·" * width
    full = int(round(score / 100 * width))
    return "█" * full + "░" * (width - full)


def out_of(value: float | None, tr: Translator | None = None) -> str:
    """"85/100", or "n/a" when nothing was scored."""
    return num(value, tr) if value is None else f"{num(value, tr)}/100"


def num(value: float | None, tr: Translator | None = None) -> str:
    tr = tr or Translator()
    return tr.words("n/a") if value is None else tr.number(value)


