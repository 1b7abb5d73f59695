"""One configuration file, read and checked against `schemas/config.schema.json`.

`.partnercheck.yaml` (or `.yml`) is read with partnercheck's own YAML loader,
so every error names the file, the line and the key. `pyproject.toml` is read
with `tomllib`; its `[tool.partnercheck]` table is the configuration, and a
`pyproject.toml` without that table is not a configuration file at all.
Presets are configurations shipped as data, named by `extends:`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable
from partnercheck.findings import Text
from partnercheck.records import Record
from partnercheck.report.messages import english, said

from partnercheck.errors import ConfigError

YAML_NAMES = (".partnercheck.yaml", ".partnercheck.yml")
PYPROJECT = "pyproject.toml"

#: Named configurations for `extends:`; docs/configuration.md describes each.
PRESETS: dict[str, dict[str, Any]] = {
    "recommended": {},
    "strict": {"fail-on": "info"},
    "errors-only": {"fail-on": "error"},
}


class Source(Record):
    """Where a value came from: a file (and line), a preset, a command-line flag, or the default."""

    __slots__ = ("label", "line", "base")

    label: str
    line: int | None
    base: Path | None  # the folder that globs and paths in this value are relative to

    def __init__(self, label: str, line: int | None = None, base: Path | None = None) -> None:
        self.label = label
        self.line = line
        self.base = base

    def __str__(self) -> str:
        return f"{self.label}:{self.line}" if self.line else self.label


DEFAULT = Source("default")


class ConfigFile(Record):
    """A configuration's data, where it lives, and how to find the line of a key."""

    __slots__ = ("label", "data", "base", "path", "locate")

    label: str
    data: dict[str, Any]
    base: Path | None
    path: Path | None
    locate: Callable[[tuple[str, ...]], int | None]

    def __init__(self, label: str, data: dict[str, Any], base: Path | None, path: Path | None = None, locate: Callable[[tuple[str, ...]], int | None] = lambda keys: None) -> None:
        self.label = label
        self.data = data
        self.base = base
        self.path = path
        self.locate = locate

    def source(self, *keys: str) -> Source:
        return Source(self.label, self.locate(keys), self.base)

    def error(self, keys: tuple[str, ...], message: str | Text) -> ConfigError:
        """The error at `keys`; a `Text` message (a `config.*` id) is given the file and key, and follows `--lang`."""
        where = f"{self.label}:{self.locate(keys) or 1}" if self.path is not None else self.label
        key = "".join(f"[{k}]" if k.isdigit() else f".{k}" for k in keys).lstrip(".")
        if isinstance(message, Text):
            return ConfigError(said(message.id, file=where, key=key, **message.params))
        return ConfigError(f"{where}: {key + ': ' if key else ''}{message}")


def preset(name: str, used_in: ConfigFile) -> ConfigFile:
    if name not in PRESETS:
        raise used_in.error(("extends",), f'no preset named "{name}" (presets: {", ".join(PRESETS)}; a file path ends in .yaml, .yml or .toml)')
    return ConfigFile(f"preset {name}", dict(PRESETS[name]), None)


def read_config(path: Path, label: str, raw: bytes | None = None) -> ConfigFile | None:
    """The configuration in `path`, validated; None for a `pyproject.toml` without `[tool.partnercheck]`.

    `raw`, when given, is the file's text as an editor holds it (the language server), read instead of the disk.
    """
    from partnercheck.bounded import MAX_SIDE_FILE_BYTES, read_path, size_words

    if raw is None:
        try:
            raw = read_path(path, MAX_SIDE_FILE_BYTES)
        except OSError as exc:
            raise ConfigError(f"{label}: cannot read the configuration file: {exc.strerror or exc}") from None
    if len(raw) > MAX_SIDE_FILE_BYTES:
        raise ConfigError(f"{label}: the configuration file is larger than {size_words(MAX_SIDE_FILE_BYTES)}; it was not read")
    config = _from_toml(raw, path, label) if path.name.endswith(".toml") else _from_yaml(raw, path, label)
    if config is not None:
        validate(config)
    return config


def _from_yaml(raw: bytes, path: Path, label: str) -> ConfigFile:
    from partnercheck.document.load import load_document

    doc = load_document(label, raw)
    fatal = [p for p in doc.problems if p.code != "DOC03"]
    if fatal:
        span = fatal[0].span or doc.index.locate(fatal[0].pointer)
        raise ConfigError(f"{label}:{span.line}: {english(fatal[0].message)}")
    data = {} if doc.data is None else doc.data
    if not isinstance(data, dict):
        raise ConfigError(f"{label}:1: a configuration file is a mapping of keys (select, ignore, …), not a list or a single value")

    def locate(keys: tuple[str, ...]) -> int | None:
        from partnercheck.pointers import join

        return doc.index.locate_key(join("", *keys)).line

    return ConfigFile(label, data, path.parent.resolve(), path, locate)


def _from_toml(raw: bytes, path: Path, label: str) -> ConfigFile | None:
    import tomllib

    try:
        text = raw.decode("utf-8")
        document = tomllib.loads(text)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{label}: invalid TOML: {exc}") from None
    tool = document.get("tool")
    table = tool.get("partnercheck") if isinstance(tool, dict) else None
    if table is None:
        return None
    lines = text.splitlines()
    if not isinstance(table, dict):
        raise ConfigError(f"{label}:{_toml_line(lines, ()) or 1}: tool.partnercheck must be a table")
    return ConfigFile(label, table, path.parent.resolve(), path, lambda keys: _toml_line(lines, keys))


_HEADER = re.compile(r"^\s*\[\s*tool\s*\.\s*(?:\"partnercheck\"|partnercheck)\s*(?P<rest>[^\]]*)\]")


def _toml_line(lines: list[str], keys: tuple[str, ...]) -> int | None:
    """The line of `keys` inside `[tool.partnercheck]`: a `key =` line or a `[tool.partnercheck.key]` header."""
    section: int | None = None
    inside = False
    for number, line in enumerate(lines, start=1):
        header = _HEADER.match(line)
        if header:
            rest = header.group("rest").strip(" .").replace('"', "")
            inside = not rest
            section = number if section is None and inside else section
            if keys and rest.split(".")[0].strip() == keys[0]:
                return number
        elif line.lstrip().startswith("["):
            inside = False
        elif inside and keys and re.match(rf"^\s*[\"']?{re.escape(keys[0])}[\"']?\s*=", line):
            return number
    return section


# structure -------------------------------------------------------------------
def validate(config: ConfigFile) -> None:
    """Raise one `ConfigError` for the first structural problem, naming file, line and key."""
    from jsonschema.exceptions import best_match

    from partnercheck.checks.safe_schema import validator
    from partnercheck.resources import load_schema

    schema = load_schema("config")
    error = best_match(validator(schema).iter_errors(config.data))
    if error is None:
        return
    keys = tuple(str(k) for k in error.absolute_path)
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = [k for k in error.instance if k not in allowed][0]
        import difflib  # a misspelt key only

        close = difflib.get_close_matches(extra, allowed, n=1, cutoff=0.6)
        found = Text("config.unknown-key-close", {"close": close[0]}) if close else Text("config.unknown-key", {"keys": ", ".join(allowed)})
        raise config.error((*keys, extra), found)
    raise config.error(keys, _describe(error))


def _describe(error: Any) -> str | Text:
    from partnercheck.checks.schema import describe

    text = describe(error)
    if text.id == "SCH01.enum":
        return Text("config.enum", {"options": text.params["options"], "got": text.params["got"]})
    message = english(text)
    return message.split(" ", 1)[1] if message.startswith("`") else message
