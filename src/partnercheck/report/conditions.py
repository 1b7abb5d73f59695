"""The conditions of success (S1 to S9) the rules cite, and their names beside their codes in a rule's text.

A rule's `why` and `grounding` open with codes such as `S4`: the conditions of
success of the founding trial that the rule protects. A reader who never saw
that trial learns nothing from `S4` alone, so wherever a rule's text is shown
to people, each code is followed by its condition's name, in the reader's
language: `S4 (time for appropriation)`. This table is the one place the
names are written; `locale/fr/LC_MESSAGES/partnercheck.po` translates them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from partnercheck.report.i18n import Translator

#: Each condition of success: its code and its name (English; the catalog translates it).
CONDITIONS: dict[str, str] = {
    "S1": "objectives truly shared by all partners",
    "S2": "a pilot whose legitimacy the partners recognise",
    "S3": "respect for each actor's differences",
    "S4": "time for appropriation",
    "S5": "a charter that allows for change",
    "S6": "tools for a shared evaluation",
    "S7": "the experience capitalised and transferred",
    "S8": "the direct beneficiary treated as a partner",
    "S9": "responsibility not diluted",
}

#: A condition's code, standing alone and not already followed by its name in brackets.
_CODE = re.compile(r"\bS[1-9]\b(?!\s*\()")


def condition_name(code: str, tr: Translator | None = None) -> str:
    """The name of condition `code` (`S4`) in the translator's language (English without one)."""
    english = CONDITIONS[code]
    return english if tr is None else tr.words(english)


def named(text: str, tr: Translator | None = None) -> str:
    """`text` with each condition's name beside its code, the first time the code appears: `S4 (time for appropriation)`."""
    seen: set[str] = set()

    def name(match: re.Match[str]) -> str:
        code = match.group(0)
        if code in seen:
            return code
        seen.add(code)
        return f"{code} ({condition_name(code, tr)})"

    return _CODE.sub(name, text)


def cited(texts: str) -> list[str]:
    """The codes of the conditions `texts` cites, in their order, each once."""
    return list(dict.fromkeys(re.findall(r"\bS[1-9]\b", texts)))


#: The heading of the conditions in `partnercheck rules --help` (the command line's help translates it).
CONDITIONS_HEADING = "conditions of success the rules cite (S1 to S9), named in each rule's text:"


def conditions_help(tr: Translator | None = None, heading: str = CONDITIONS_HEADING) -> str:
    """The conditions under `heading`, one line each, for `partnercheck rules --help`: their names in the translator's language."""
    lines = [f"  {code}  {condition_name(code, tr)}" for code in CONDITIONS]
    return heading + "\n" + "\n".join(lines)
