"""Sections a charter leaves to a companion document (format 1.1 `related_documents`).

A French convention often says "exit and arbitration: see the consortium
agreement". Such a section is not missing: a rule all of whose `reads` lie
in sections a companion document covers does not run, and DOC09 says, once
per document, which sections partnercheck could not read.
"""

from __future__ import annotations

from typing import Any, Mapping

from partnercheck.pointers import is_within


def covered_sections(data: Mapping[str, Any]) -> dict[str, str]:
    """Each covered section as a JSON Pointer (`governance.exit_procedure` → `/governance/exit_procedure`), with the document's title."""
    covered: dict[str, str] = {}
    for document in data.get("related_documents") or ():
        if not isinstance(document, dict):
            continue
        for section in document.get("covers") or ():
            if isinstance(section, str) and section:
                covered.setdefault("/" + section.replace(".", "/"), str(document.get("title", "")))
    return covered


def covered_by(reads: tuple[str, ...], data: Mapping[str, Any]) -> str | None:
    """The title of the companion document that covers every section a rule reads, if one does."""
    if not reads or not data.get("related_documents"):
        return None
    covered = covered_sections(data)
    titles = {next((title for section, title in covered.items() if is_within(read, section)), None) for read in reads}
    return None if None in titles else sorted(t for t in titles if t is not None)[0]


def written_elsewhere(pointer: str, data: Mapping[str, Any]) -> bool:
    """True when a companion document covers the section at `pointer`: for a rule that reads several sections and must not report the covered one."""
    return bool(data.get("related_documents")) and any(is_within(pointer, section) for section in covered_sections(data))
