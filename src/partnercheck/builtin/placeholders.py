"""DOC08: text left to fill in — a starter's markers and the usual placeholders.

A charter still holding "Intitulé du partenariat (à compléter)", "TODO" or a
hint's `<name of the representative>` is a draft, whatever its other
findings: no partner should sign text nobody wrote.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from partnercheck.findings import BareFinding
from partnercheck.pointers import join
from partnercheck.rules.context import RuleContext

#: Markers that make any text a placeholder, wherever they stand in it.
_ANYWHERE = re.compile(r"à\s+compl[ée]ter|a\s+completer|to\s+fill\s+in|to\s+be\s+completed|lorem\s+ipsum", re.I)
#: Words that are placeholders only as the whole value, or inside brackets: "à définir" can be real prose.
_WORDS = r"à\s+(?:définir|préciser|confirmer)|tbd|tbc|to\s+be\s+(?:defined|confirmed|decided)"
_ALONE = re.compile(rf"\s*[\[(]?\s*(?:{_WORDS}|\.\.\.|…|\?+)\s*[\])]?\s*", re.I)
_BRACKETED = re.compile(rf"[\[(]\s*(?:{_WORDS})\s*[\])]", re.I)
#: Developers' markers, in capitals, as words.
_SHOUTED = re.compile(r"\b(?:TODO|FIXME|TBD|TBC|XXX+)\b")
#: A visible placeholder as hints write them: `<name of the representative>`, `<nom du représentant>`.
_ANGLED = re.compile(r"<(?=\S)[^<>\n]*[^\W\d_][^<>\n]*(?<=\S)>")
#: What any placeholder holds, in lowered text: a value without one of these is passed at once.
_NEEDLES = ("compl", "fill in", "lorem", "définir", "préciser", "confirmer", "tbd", "tbc", "to be ", "todo", "fixme", "xxx", "<")
#: The same as one pattern: faster than the loop on short values; on long prose, `in` scans faster than a pattern.
_TRIGGER = re.compile("|".join(re.escape(n) for n in _NEEDLES))
_PROSE = 200
#: Longer than this, a value is prose: only markers inside it count, not what it is as a whole.
_SHORT = 40


def placeholder(text: str) -> str | None:
    """The placeholder marker in `text`, or None when it holds none."""
    if len(text) <= _SHORT and _ALONE.fullmatch(text):
        return text.strip()
    lowered = text.lower()
    if not (_TRIGGER.search(lowered) if len(text) < _PROSE else any(needle in lowered for needle in _NEEDLES)):
        return None
    for pattern in (_ANYWHERE, _BRACKETED, _SHOUTED, _ANGLED):
        match = pattern.search(text)
        if match:
            return match.group(0).strip()
    return None


def placeholder_text(ctx: RuleContext) -> Iterator[BareFinding]:
    """DOC08: every text value that holds a placeholder, at that value."""
    for path, text in _texts(ctx.data):
        marker = placeholder(text)
        if marker is not None:
            yield BareFinding(join("", *path), {"text": " ".join(text.split()), "marker": marker})


def _texts(data: Any) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every string value with its path (keys are the format's own and are not read); a pointer is built only for a hit."""
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, dict):
            stack.extend(((*path, key), child) for key, child in value.items())
        elif isinstance(value, list):
            stack.extend(((*path, index), child) for index, child in enumerate(value))


FUNCTIONS = {"placeholder_text": placeholder_text}
