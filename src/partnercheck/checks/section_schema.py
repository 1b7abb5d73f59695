"""The charter schema checked section by section, each section's answer kept while its text stays the same.

A charter's root schema only names its sections (`type`, `required`,
`properties`, `patternProperties`, `additionalProperties`), so a charter is
valid exactly when its root is (the keys alone: each named section's schema
stood in by `true`) and each named section is valid against its own schema.
Each section's quick answer (quickschema.py) is kept with the text it came
from (document/incremental.py's `Sections`): after an edit, only the sections
whose text changed are checked again. When a section is not valid, the whole
charter goes through `schema.validate` as before, so every message and pointer
is exactly jsonschema's. The language server's reader uses it (server/reading.py).
"""

from __future__ import annotations

from typing import Any, Callable

from partnercheck.checks.quickschema import compile_schema
from partnercheck.checks.schema import CharterCheck, charter_schema, charter_validator, own_patterns, validate
from partnercheck.document.incremental import Sections
from partnercheck.findings import Problem

#: The root keywords this split understands; a schema with any other (`allOf`, `if`…) is checked whole.
_ROOT_KEYWORDS = {"$schema", "$id", "$defs", "title", "description", "type", "required", "properties", "patternProperties", "additionalProperties"}

Check = Callable[[Any], bool]


class SectionSchema:
    """Schema problems of charters read by sections; one instance per schema (set of plugin extensions)."""

    def __init__(self, extensions: tuple[tuple[str, str], ...] = ()) -> None:
        self.extensions = extensions
        self.root, self.sections = _compile(charter_schema(extensions), own_patterns(extensions))
        self._last: dict[str, dict[str, tuple[str, bool]]] = {}  # by path: each section's text and answer, the latest version's only

    def forget(self, path: str) -> None:
        self._last.pop(path, None)

    def problems(self, check: CharterCheck, path: str, data: Any, sections: Sections | None) -> list[Problem]:
        """The problems `check.problems(data)` gives, reusing the answers of sections whose text is unchanged."""
        if sections is None or self.root is None or not isinstance(data, dict):
            self._last.pop(path, None)
            return check.problems(data)
        if self._valid(path, data, sections):
            return []
        return validate(data, charter_validator(self.extensions))

    def _valid(self, path: str, data: dict[str, Any], sections: Sections) -> bool:
        last = self._last.get(path, {})
        now: dict[str, tuple[str, bool]] = {}
        valid = self.root is not None and self.root(data)
        for key, value in data.items():
            section = self.sections.get(key)
            if section is None:
                continue
            text = sections.texts.get(key)
            known = last.get(key)
            ok = known[1] if known is not None and text is not None and known[0] == text else section(value)
            if text is not None:
                now[key] = (text, ok)
            valid = valid and ok
        self._last[path] = now
        return valid


def _compile(schema: dict[str, Any], trusted: frozenset[str]) -> tuple[Check | None, dict[str, Check]]:
    """The root's own check and each named section's, or (None, {}) when the schema cannot be split."""
    props = schema.get("properties")
    if set(schema) - _ROOT_KEYWORDS or not isinstance(props, dict):
        return None, {}
    root = compile_schema({**schema, "properties": {key: True for key in props}}, trusted)
    sections = {key: compile_schema({**sub, "$defs": schema.get("$defs", {})} if isinstance(sub, dict) else sub, trusted) for key, sub in props.items()}
    if root is None or any(check is None for check in sections.values()) or any(isinstance(sub, dict) and "$defs" in sub for sub in props.values()):
        return None, {}
    return root, {key: check for key, check in sections.items() if check is not None}
