"""The score block's words and bars, shared by the plain text (text.py) and rich (scorecard.py) renderings.

tests/test_text_plain.py keeps both renderings equal; these pieces are what they share.
"""

from __future__ import annotations

from typing import Any, Iterable

from partnercheck.findings import Finding, Severity
from partnercheck.report.formats.common import held_words, severity_word
from partnercheck.report.i18n import Translator


def blocking_lines(tr: Translator, verdict: Any) -> list[str]:
    """Under a file's verdict: each blocking error, then how many warnings and infos also block (listed above)."""
    lines = ["  - " + tr.words("{code} line {line}: {message}", code=f.code, line=f.line, message=f.message) for f in verdict.blocking if f.severity is Severity.ERROR]
    warnings, infos = (sum(1 for f in verdict.blocking if f.severity is s) for s in (Severity.WARNING, Severity.INFO))
    if warnings or infos:
        lines.append("  - " + _listed_above(tr, warnings, infos))
    return lines


def _listed_above(tr: Translator, warnings: int, infos: int) -> str:
    """"1 warning, listed above": one sentence per case, so that a language agrees its words with the count and
    the gender of what is counted (French: `1 avertissement, listé`, `2 informations, listées`)."""
    counted = {"warnings": tr.ngettext("{n} warning", "{n} warnings", warnings), "infos": tr.ngettext("{n} info", "{n} infos", infos)}
    if warnings and infos:
        return tr.words("{warnings} and {infos}, listed above", **counted)
    if warnings:
        return tr.ngettext("{warnings}, listed above", "{warnings}, listed above", warnings, warnings=counted["warnings"])
    return tr.ngettext("{infos}, listed above", "{infos}, listed above", infos, infos=counted["infos"])


def absent_line(tr: Translator, dimensions: Any) -> str:
    """"  Not written in the charter (scored 0): Time, Evaluation" under the bars."""
    names = ", ".join(d.title_in(tr) for d in dimensions if d.absent)
    return "  " + tr.words("Not written in the charter (scored 0): {dimensions}", dimensions=names)


def unjudged_line(tr: Translator, dimensions: Any, misspelt: Iterable[str] = (), technical: bool = False) -> str:
    """"  Nothing written to judge, counted as not healthy: `charter.status`, `pilot`" under the bars, so that no rule's
    lost weight goes unexplained (docs/score.md): the fields a coordinator writes, not the rules' codes and pointers
    ("MEM05 /charter/status", kept for the `technical` appendix). A section written under a misspelt name (`misspelt`,
    its right name) is left out: the misspelling's finding already says what to do. "" when nothing is left."""
    skipped = set(misspelt)
    entries = [entry for d in dimensions for entry in d.unjudged if _section_of(entry) not in skipped]
    shown = entries if technical else list(dict.fromkeys(_field(entry) for entry in entries))
    return "  " + tr.words("Nothing written to judge, counted as not healthy: {rules}", rules=", ".join(shown)) if shown else ""


def _pointer_of(entry: str) -> str:
    """The pointer of an unjudged entry (`MEM05 /charter/status`)."""
    return entry.partition(" ")[2]


def _section_of(entry: str) -> str:
    return _pointer_of(entry).lstrip("/").split("/")[0]


def _field(entry: str) -> str:
    """`/objectives/*/endorsed_by` as the charter's own dotted path, as the messages write it: `objectives.endorsed_by`."""
    return "`" + ".".join(part for part in _pointer_of(entry).lstrip("/").split("/") if part != "*") + "`"


def misspelt_sections(findings: Iterable[Finding]) -> frozenset[str]:
    """The sections written under a misspelt top-level key: the right names the schema's "did you mean" offered."""
    return frozenset(
        str(f.text.params.get("close"))
        for f in findings
        if f.text is not None and f.text.id == "SCH01.unknown-key-close" and f.pointer.count("/") == 1
    )


def statistics_lines(tr: Translator, rows: Any) -> list[str]:
    """`--statistics`: a heading, then "  12  PUR03  warning  objective-without-target" per code, most first, then a blank line."""
    if not rows:
        return []
    count = max(len(str(r.count)) for r in rows)
    code = max(len(r.code) for r in rows)
    words = [severity_word(tr, r.severity) for r in rows]
    level = max(len(w) for w in words)
    body = [f"  {str(r.count).rjust(count)}  {r.code:<{code}}  {w:<{level}}  {r.name}" for r, w in zip(rows, words)]
    return [tr.words("Statistics (findings per rule):"), *body, ""]


def file_head(tr: Translator, path: str) -> str:
    """"path: " before a file's verdict."""
    return tr.words("{path}: ", path=path)


def file_verdict(tr: Translator, score: Any) -> str:
    return tr.words("{label}, score {score}", label=score.verdict.label_in(tr), score=overall_of(score, tr))


def overall_of(score: Any, tr: Translator | None = None) -> str:
    """A file's overall score for people: "85/100"; "not assessed" when the file could not be read as a charter."""
    if not getattr(score, "readable", True):
        return (tr or Translator()).words("not assessed")
    return out_of(score.overall, tr)


def more_ready(tr: Translator, ready: int) -> str:
    return "  " + tr.ngettext("… and {n} more file ready to sign", "… and {n} more files ready to sign", ready)


def mean_of(tr: Translator, scores: Any) -> str:
    return tr.words("mean of {n} files, lowest {lowest}", n=len(scores.files), lowest=num(scores.lowest, tr))


def verdict_details(tr: Translator, waived: int, baselined: int, extra: str = "") -> list[str]:
    """What the verdict line adds in brackets: the multi-file mean, waived and baselined counts."""
    return [d for d in (extra, *held_words(tr, waived, baselined)) if d]


def verdict_head(tr: Translator, verdict: Any) -> str:
    """"✔ Ready to sign, with 5 points to improve", "✘ Not ready to sign: 2 blocking problems"."""
    return f"{'✔' if verdict.ready else '✘'} {verdict.label_in(tr)}"


def health_score(tr: Translator, overall: float | None, assessed: bool = True) -> str:
    """" — health score 85/100"; " — health score not assessed" for a file that could not be read as a charter."""
    return " — " + tr.words("health score {score}", score=out_of(overall, tr) if assessed else tr.words("not assessed"))


def unread_line(tr: Translator) -> str:
    """Instead of the bars, for a file that could not be read as a charter."""
    return "  " + tr.words("The file could not be read as a charter: its health is not assessed.")


#: The width of a dimension's bar, in cells.
BAR_WIDTH = 20
#: Past this many files, the per-file lines list only the files not ready to sign.
MANY_FILES = 20


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


