"""The words of a grouped finding (run/grouping.py): its count in its message, and its other places listed.

`4 partners share this finding. The partner `etat` …`: the count names what the
places are (the collection of the pointer's last list index), with its plural form
from the catalog (`Translator.ngettext`); the other places read `and 3 more: region
(line 54), …`.
"""

from __future__ import annotations

from typing import Any, Protocol

from partnercheck.findings import Finding, Related
from partnercheck.pointers import split


class Counting(Protocol):
    def ngettext(self, one: str, many: str, n: int, **params: Any) -> str: ...

    def words(self, text: str, **params: Any) -> str: ...


#: What the items of a collection are, by the collection's key: `{n} partner` / `{n} partners`.
NOUNS: dict[str, tuple[str, str]] = {
    "partners": ("{n} partner", "{n} partners"),
    "objectives": ("{n} objective", "{n} objectives"),
    "beneficiaries": ("{n} beneficiary group", "{n} beneficiary groups"),
    "bodies": ("{n} governance body", "{n} governance bodies"),
    "measures": ("{n} measure", "{n} measures"),
    "representatives": ("{n} representative", "{n} representatives"),
    "responsibilities": ("{n} responsibility", "{n} responsibilities"),
    "related_documents": ("{n} companion document", "{n} companion documents"),
}
PLACES = ("{n} place", "{n} places")


def collection_of(pointer: str) -> str:
    """The key of the collection holding the pointer's last list index (`partners` for `/partners/3/representative`)."""
    parts = split(pointer) if pointer else []
    for i in range(len(parts) - 1, 0, -1):
        if parts[i].isdigit():
            return parts[i - 1]
    return ""


def counted(tr: Counting, finding: Finding) -> str:
    """`12 partners`: how many places the finding stands for, named by what they are."""
    one, many = NOUNS.get(collection_of(finding.pointer), PLACES)
    return tr.ngettext(one, many, finding.count)


def grouped_message(tr: Counting, finding: Finding, message: str) -> str:
    """The message of a grouped finding: the count first, then what its first place says."""
    if not finding.related:
        return message
    return tr.words("{count} share this finding. {message}", count=counted(tr, finding), message=message)


def place_name(tr: Counting, place: Related) -> str:
    """One other place of a group: its item's id and line (`region (line 54)`), or the line alone."""
    if place.label:
        return tr.words("{label} (line {line})", label=place.label, line=place.line)
    return tr.words("line {line}", line=place.line)


def more_places(tr: Counting, finding: Finding) -> str:
    """`and 3 more: region (line 54), coparef (line 66), …` ("" for a finding with one place)."""
    if not finding.related:
        return ""
    places = ", ".join(place_name(tr, r) for r in finding.related)
    return tr.ngettext("and {n} more: {places}", "and {n} more: {places}", len(finding.related), places=places)
