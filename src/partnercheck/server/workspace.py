"""The workspace folder's other charters, for the repository rules (SCA03) of an open charter.

`check` on a folder runs the repository rules over every charter it checks;
the server gives an open charter the same: the charters `check` would walk
in the workspace folder (its exclusions and the configuration's), as saved on
disk, with the open charter's own current text in place of its file. The other
charters are read again only when their modification time or size changed, and
only when a charter is opened or saved (`refresh`): a keystroke reuses them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from partnercheck.document.load import load_document
from partnercheck.rules.context import Charter
from partnercheck.rules.readonly import freeze
from partnercheck.run.discovery import discover, looks_like_charter, read


@dataclass
class Workspace:
    """The other charters of the workspace folder, as last read from disk."""

    root: Path | None = None
    _files: dict[Path, tuple[tuple[int, int], Charter | None]] = field(default_factory=dict)  # by file: (mtime, size), its charter

    def refresh(self, resolver: Any, limits: Any) -> None:
        """Walk the folder again and read the charters changed on disk since the last walk."""
        if self.root is None:
            return
        targets, _errors = discover((str(self.root),))
        files: dict[Path, tuple[tuple[int, int], Charter | None]] = {}
        for target in targets:
            path = target.source
            if path is None or (resolver is not None and resolver.excluded(path)):
                continue
            try:
                info = os.stat(path)
            except OSError:
                continue
            stamp = (info.st_mtime_ns, info.st_size)
            known = self._files.get(path)
            files[path] = known if known is not None and known[0] == stamp else (stamp, _charter(target, limits))
        self._files = files

    def charters(self, besides: Path) -> list[Charter]:
        """The charters read, except the file at `besides` (the open charter, whose current text stands for it)."""
        skip = _same(besides)
        return [charter for path, (_, charter) in self._files.items() if charter is not None and _same(path) != skip]


def _charter(target: Any, limits: Any) -> Charter | None:
    """The file's charter data, frozen once (as the repository rules read it), or None for no readable charter."""
    got = read(target, None, limits.max_bytes)
    if got.raw is None or not looks_like_charter(got.raw):
        return None
    doc = load_document(target.display, got.raw, limits)
    return Charter(freeze(doc.data), target.display) if doc.is_charter else None


def _same(path: Path) -> str:
    try:
        return str(path.resolve())
    except OSError:
        return str(path.absolute())
