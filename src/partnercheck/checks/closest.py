"""Did you mean: the known word closest to a misspelt one, for keys, choice values and ids alike."""

from __future__ import annotations

from typing import Iterable, Mapping

#: How alike a word and a known one must be (difflib's ratio) to be suggested.
CUTOFF = 0.6


def closest(word: str, known: Iterable[str], aliases: Mapping[str, str] | None = None) -> str | None:
    """The known word `word` most likely stands for, else None.

    The same word in other case or spacing first (`Funder`, `local-authority` for
    `local_authority`), then the closest spelling; `aliases` maps other words
    people write for a known one (a partner's name for its id) to it.
    """
    choices = [k for k in dict.fromkeys(known) if isinstance(k, str)]
    if word in choices:
        return None  # a known word needs no suggestion
    named = {_folded(alias): target for alias, target in (aliases or {}).items() if isinstance(alias, str)}
    folded = _folded(word)
    for choice in choices:
        if _folded(choice) == folded and choice != word:
            return choice
    if folded in named:
        return named[folded]
    import difflib  # imported when a word is not known as written, not by every check

    found = difflib.get_close_matches(word, choices, n=1, cutoff=CUTOFF)
    if found:
        return found[0]
    near = difflib.get_close_matches(folded, list(named), n=1, cutoff=CUTOFF)
    return named[near[0]] if near else None


def _folded(word: str) -> str:
    return "".join(ch for ch in word.casefold() if ch.isalnum())
