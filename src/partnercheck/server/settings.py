"""The server's settings, from `initializationOptions` and `workspace/didChangeConfiguration`.

Keys (camelCase, at the top level or under `partnercheck`): `language` (`en`,
`fr`: as `--lang`), `failLevel` (`error`, `warning`, `info`: as `--fail-on`),
`rulePacks` (extra YAML packs: as `--rules`), `plugins` (local plugin files:
as `--plugin`), `allowLocalPlugins` (as `--allow-local-plugins`: without it no
local plugin runs), `baseline` (as `--baseline`), `debounce` (seconds to wait
after a change before checking, default 0.15). A value that is not valid is
left out and named in a warning; the others still apply.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from partnercheck.findings import Severity

LANGUAGES = ("en", "fr")
DEFAULT_DEBOUNCE = 0.15


@dataclass(frozen=True)
class ServerSettings:
    language: str | None = None
    fail_level: Severity | None = None
    rule_packs: tuple[str, ...] = ()
    plugins: tuple[str, ...] = ()
    allow_local_plugins: bool = False
    baseline: str | None = None
    debounce: float = DEFAULT_DEBOUNCE


_KEYS = {"language": "language", "failLevel": "fail_level", "rulePacks": "rule_packs", "plugins": "plugins", "allowLocalPlugins": "allow_local_plugins", "baseline": "baseline", "debounce": "debounce"}


def read_settings(given: Any, before: ServerSettings | None = None) -> tuple[ServerSettings, list[str]]:
    """The settings `given` by the client over `before` (defaults when None), and a warning per value left out."""
    settings = before or ServerSettings()
    if isinstance(given, dict) and isinstance(given.get("partnercheck"), dict):
        given = given["partnercheck"]
    if given is None:
        return settings, []
    if not isinstance(given, dict):
        return settings, [f"settings: expected a mapping, got {type(given).__name__}"]
    changes: dict[str, Any] = {}
    problems: list[str] = []
    for key, value in given.items():
        name = _KEYS.get(key)
        if name is None:
            problems.append(f"settings: unknown key {key!r}; known: {', '.join(_KEYS)}")
            continue
        try:
            changes[name] = _convert(name, value)
        except ValueError as exc:
            problems.append(f"settings: {key}: {exc}")
    return replace(settings, **changes), problems


def _convert(name: str, value: Any) -> Any:
    if value is None:
        return {f.name: f.default for f in fields(ServerSettings)}[name]
    if name == "language":
        if value not in LANGUAGES:
            raise ValueError(f"{value!r}: choose {' or '.join(LANGUAGES)}")
        return value
    if name == "fail_level":
        try:
            return Severity(str(value).lower())
        except ValueError:
            raise ValueError(f"{value!r}: choose error, warning or info") from None
    if name in ("rule_packs", "plugins"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError("expected a list of file paths")
        return tuple(value)
    if name == "allow_local_plugins":
        if not isinstance(value, bool):
            raise ValueError("expected true or false")
        return value
    if name == "baseline":
        if not isinstance(value, str):
            raise ValueError("expected a file path")
        return value
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value <= 10:
        raise ValueError("expected a number of seconds from 0 to 10")
    return float(value)
