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
    found: list[tuple[tuple[str | int, ...], str, str]] = []
    _scan(ctx.data, [], {}, found)
    for path, text, marker in found:
        yield BareFinding(join("", *path), {"text": " ".join(text.split()), "marker": marker})


def _scan(value: Any, path: list[str | int], seen: dict[str, str | None], found: list[tuple[tuple[str | int, ...], str, str]]) -> None:
    """Every string value below `value` that holds a placeholder, with its path, into `found` (keys are the format's
    own and are not read; a path is built only for a hit; a text met again is not scanned again: `seen`). The order
    is a depth-first walk from the last item of each mapping and list."""
    if isinstance(value, dict):
        items: Any = reversed(value.items())
    elif isinstance(value, list):
        items = zip(range(len(value) - 1, -1, -1), reversed(value))
    else:
        if isinstance(value, str):
            _check(value, path, seen, found)
        return
    for key, child in items:
        path.append(key)
        if isinstance(child, str):
            _check(child, path, seen, found)
        elif isinstance(child, (dict, list)):
            _scan(child, path, seen, found)
        path.pop()


def _check(text: str, path: list[str | int], seen: dict[str, str | None], found: list[tuple[tuple[str | int, ...], str, str]]) -> None:
    if text in seen:
        marker = seen[text]
    else:
        marker = seen[text] = placeholder(text)
    if marker is not None:
        found.append((tuple(path), text, marker))


FUNCTIONS = {"placeholder_text": placeholder_text}
