"""How the server's engine reads a charter after each edit: by parts, and its schema by sections (run/engine.py's `Reader`).

`document/incremental.py` parses again only the parts of the text that
changed, and `checks/section_schema.py` validates again only the sections
whose text changed; both give exactly what `check` gives, and both keep only
each open file's latest version. The repository rules also read the
workspace folder's other charters (server/workspace.py). Each part's data is made read-only once
(rules/readonly.py), as the rules get it anyway: versions share it safely,
and freezing a version for the rules only wraps its sections and lists.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from partnercheck.checks.schema import CharterCheck
from partnercheck.checks.section_schema import SectionSchema
from partnercheck.document.builder import Limits
from partnercheck.document.incremental import IncrementalReader
from partnercheck.document.load import Document
from partnercheck.findings import Problem
from partnercheck.rules.context import Charter
from partnercheck.rules.readonly import freeze
from partnercheck.server.workspace import Workspace


class ServerReader:
    """The incremental reader and the per-section schema answers, for every open file."""

    def __init__(self) -> None:
        self.documents = IncrementalReader(seal=freeze)  # parts shared by versions are read-only, and the rules' freezing skips them
        self._schemas: dict[tuple[tuple[str, str], ...], SectionSchema] = {}
        self.workspace = Workspace()

    def load(self, path: str, raw: bytes, limits: Limits) -> Document:
        return self.documents.load(path, raw, limits)

    def shape(self, schema: Any, doc: Document) -> list[Problem]:
        if not isinstance(schema, CharterCheck):
            return schema.problems(doc.data)  # type: ignore[no-any-return]
        sections = self._schemas.get(schema.extensions)
        if sections is None:
            sections = self._schemas[schema.extensions] = SectionSchema(schema.extensions)
        return sections.problems(schema, doc.path, doc.data, self.documents.sections_of(doc))

    def neighbours(self, paths: list[str]) -> list[Charter]:
        """The workspace folder's other charters, for an open charter inside it (SCA03 as `check` on the folder gives it)."""
        root = self.workspace.root
        if root is None or len(paths) != 1:
            return []
        path = Path(paths[0]).absolute()
        if not path.is_relative_to(root.absolute()):
            return []
        return self.workspace.charters(path)

    def forget(self, path: str) -> None:
        """Drop what is kept for the file at `path` (closed in the editor)."""
        self.documents.forget(path)
        for sections in self._schemas.values():
            sections.forget(path)
