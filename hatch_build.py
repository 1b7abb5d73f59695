"""Build hook: compile each gettext catalog (`locale/<lang>/LC_MESSAGES/partnercheck.po`) into the `.mo` the wheel ships.

A run reads the compiled `.mo` (report/catalogs.py), so Babel is imported only
here, or when a source checkout's `.po` is newer than its `.mo`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogsHook(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        out = Path(tempfile.mkdtemp(prefix="partnercheck-mo-"))
        for po in sorted(Path(self.root, "src", "partnercheck", "locale").glob("*/LC_MESSAGES/*.po")):
            with po.open("rb") as handle:
                catalog = read_po(handle)
            mo = out / po.parent.parent.name / po.with_suffix(".mo").name
            mo.parent.mkdir(parents=True, exist_ok=True)
            with mo.open("wb") as handle:
                write_mo(handle, catalog)
            relative = po.relative_to(Path(self.root, "src")).with_suffix(".mo")
            build_data["force_include"][str(mo)] = relative.as_posix()
