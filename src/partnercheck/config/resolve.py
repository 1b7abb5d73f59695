"""The configuration each checked file gets: discovery, inheritance, flags and provenance.

For each checked file, partnercheck walks up from the file's folder and takes
the closest `.partnercheck.yaml`, `.partnercheck.yml` or `pyproject.toml`
with a `[tool.partnercheck]` table. `extends:` inherits from a parent file or
a preset; the inheriting file wins key by key, and mappings (`severity`,
`options`, `per-file-ignores`, `profiles`, `plugins`, `score-weights`) merge
entry by entry. Command-line flags come last and win. `--config FILE` forces
one file for every charter; `--isolated` ignores every file.

Every value keeps its `Source` (default, file and line, preset, flag), which
`partnercheck config` shows. The run-wide values (`fail-on`, `max-warnings`,
`min-score`) come from the configuration of the first path checked.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path, PurePosixPath
from typing import Any, Iterable, Iterator, Mapping

from partnercheck.config.files import (
    DEFAULT,
    PYPROJECT,
    YAML_NAMES,
    ConfigFile,
    Source,
    preset,
    read_config,
)
from partnercheck.config.settings import Settings
from partnercheck.errors import ConfigError, UsageError
from partnercheck.findings import Severity
from partnercheck.records import Record

#: Keys whose mappings merge entry by entry across `extends:` (value: how many levels deep).
MERGED = {"severity": 1, "per-file-ignores": 1, "options": 2, "profiles": 1, "plugins": 1, "score-weights": 1}
_CODE = re.compile(r"^[A-Za-z]{3}[0-9]{2}$")

Key = tuple[str, ...]


class Overrides(Record):
    """Values given on the command line; they win over every file."""

    __slots__ = ("select", "extend_select", "ignore", "fail_on", "max_warnings", "min_score", "lang", "file_timeout", "lang_source")

    select: tuple[str, ...] | None
    extend_select: tuple[str, ...]
    ignore: tuple[str, ...]
    fail_on: Severity | None
    max_warnings: int | None
    min_score: float | None
    lang: str | None
    #: `--file-timeout`, in seconds (0: no budget).
    file_timeout: float | None
    #: Where `lang` came from: the flag, or the `PARTNERCHECK_LANG` environment variable.
    lang_source: str

    def __init__(self, select: tuple[str, ...] | None = None, extend_select: tuple[str, ...] = (), ignore: tuple[str, ...] = (), fail_on: Severity | None = None, max_warnings: int | None = None, min_score: float | None = None, lang: str | None = None, file_timeout: float | None = None, lang_source: str = "flag --lang") -> None:
        self.select = select
        self.extend_select = extend_select
        self.ignore = ignore
        self.fail_on = fail_on
        self.max_warnings = max_warnings
        self.min_score = min_score
        self.lang = lang
        self.file_timeout = file_timeout
        self.lang_source = lang_source

    def apply(self, leaves: dict[Key, tuple[Any, Source]]) -> None:
        if self.select is not None:
            leaves[("select",)] = (list(self.select), Source("flag --select"))
        for key, values in (("extend-select", self.extend_select), ("ignore", self.ignore)):
            if values:
                before, source = leaves.get((key,), ([], None))
                label = f"{source} + flag --{key}" if source is not None else f"flag --{key}"
                leaves[(key,)] = ([*before, *values], Source(label))
        for key, value in (("fail-on", self.fail_on.value if self.fail_on else None), ("max-warnings", self.max_warnings), ("min-score", self.min_score), ("lang", self.lang), ("file-timeout", self.file_timeout)):
            if value is not None:
                leaves[(key,)] = (value, Source(self.lang_source if key == "lang" else f"flag --{key}"))


class Effective(Record):
    """The merged configuration of a folder: each value with its source, and the files behind it."""

    __slots__ = ("files", "leaves")

    files: tuple[ConfigFile, ...]
    leaves: dict[Key, tuple[Any, Source]]

    def __init__(self, files: tuple[ConfigFile, ...], leaves: dict[Key, tuple[Any, Source]] | None = None) -> None:
        self.files = files
        self.leaves = {} if leaves is None else leaves

    def get(self, key: str, default: Any = None) -> Any:
        return self.leaves.get((key,), (default, DEFAULT))[0]

    def entries(self, key: str) -> Iterator[tuple[Key, Any, Source]]:
        for keys, (value, source) in self.leaves.items():
            if keys[0] == key:
                yield keys, value, source

    def packs(self) -> list[str]:
        return self._files("rules", "rule pack file")

    def local_plugins(self) -> list[str]:
        return self._files("local-plugins", "plugin file")

    def _files(self, key: str, what: str) -> list[str]:
        if (key,) not in self.leaves:
            return []
        paths, source = self.leaves[(key,)]
        out = []
        for given in paths:
            path = ((source.base or Path.cwd()) / given).resolve()
            _inside_tree(path, source.base, f"{source}: {key}: {given!r}")
            if not path.is_file():
                raise ConfigError(f"{source}: {key}: no {what} {given!r} (looked for {path})")
            out.append(str(path))
        return out

    def disabled_plugins(self) -> set[str]:
        return {keys[1] for keys, on, _ in self.entries("plugins") if on is False}


class Resolver:
    """Finds, merges and validates configurations, and builds each file's `Settings`."""

    def __init__(self, base: Settings, overrides: Overrides | None = None, config: str | Path | None = None, isolated: bool = False, texts: Mapping[Path, bytes] | None = None) -> None:
        if config is not None and isolated:
            raise UsageError("--config and --isolated cannot be used together")
        self.base = base
        self.overrides = overrides or Overrides()
        self.isolated = isolated
        self.forced = Path(config).resolve() if config is not None else None
        if self.forced is not None and not self.forced.is_file():
            raise ConfigError(f"--config {config}: no such configuration file")
        self.packs: list[str] = []
        self.local_plugins: list[str] = []  # imported only with --allow-local-plugins (plugins.py decides)
        self.registry: Any = None
        self._found: dict[Path, Path | None] = {}
        self._near: dict[Path, Path | None] = {}  # folder as asked (absolute) → its configuration, resolved once
        self._read: dict[Path, ConfigFile | None] = {}
        self._effective: dict[Path | None, Effective] = {}
        self._settings: dict[tuple[int, tuple[str, ...]], Settings] = {}
        self._checked: set[str] = set()
        #: Configuration files' texts as an editor holds them (the language server), by resolved path: read instead of the disk.
        self.texts = dict(texts or {})

    # finding ------------------------------------------------------------------
    def config_path(self, folder: Path) -> Path | None:
        """The configuration file that applies in `folder`: the closest one walking up."""
        if self.isolated:
            return None
        if self.forced is not None:
            return self.forced
        asked = folder.absolute()
        if asked not in self._near:
            self._near[asked] = self._walk_up(asked.resolve())
        return self._near[asked]

    def _walk_up(self, folder: Path) -> Path | None:
        trail = []
        for candidate in (folder, *folder.parents):
            if candidate in self._found:
                found = self._found[candidate]
                break
            trail.append(candidate)
            found = self._config_in(candidate)
            if found is not None:
                break
        else:
            found = None
        for visited in trail:
            self._found[visited] = found
        return found

    def _config_in(self, folder: Path) -> Path | None:
        for name in YAML_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and self._load(pyproject) is not None:
            return pyproject
        return None

    def _load(self, path: Path) -> ConfigFile | None:
        if path not in self._read:
            from partnercheck.run.discovery import display_path

            self._read[path] = read_config(path, display_path(path), self.texts.get(path.resolve()))
        return self._read[path]

    # merging ------------------------------------------------------------------
    def effective_in(self, folder: Path) -> Effective:
        return self._of(self.config_path(folder))

    def effective_for(self, path: Path) -> Effective:
        path = Path(path)
        return self.effective_in(path if path.is_dir() else path.absolute().parent)

    def _of(self, config: Path | None) -> Effective:
        if config not in self._effective:
            files = tuple(self._chain(config, ())) if config is not None else ()
            effective = Effective(files)
            for file in files:
                effective.leaves.update(_leaves(file))
            self.overrides.apply(effective.leaves)
            self._effective[config] = effective
            if self.registry is not None:
                self._check(effective)
        return self._effective[config]

    def _chain(self, path: Path, seen: tuple[Path, ...]) -> list[ConfigFile]:
        config = self._load(path)
        if config is None:
            raise ConfigError(f"{path}: has no [tool.partnercheck] table, so it is not a partnercheck configuration")
        parent = config.data.get("extends")
        if not parent:
            return [config]
        if not _is_path(parent):
            return [preset(parent, config), config]
        target = ((config.base or Path.cwd()) / parent).resolve()
        _inside_tree(target, config.base, f"{config.source('extends')}: extends: {parent!r}")
        if target in seen or target == path:
            raise config.error(("extends",), f'"{parent}" leads back to a file already in the chain; extends must not loop')
        if not target.is_file():
            raise config.error(("extends",), f'no configuration file "{parent}" (looked for {target})')
        if self._load(target) is None:
            raise config.error(("extends",), f'"{parent}" has no [tool.partnercheck] table')
        return [*self._chain(target, (*seen, path)), config]

    # the registry -------------------------------------------------------------
    def prepare(self, folders: Iterable[Path]) -> tuple[list[str], set[str]]:
        """Before plugins load: the rule packs every configuration in use adds, and the plugins all of them disable."""
        effectives = {id(e): e for e in (self.effective_in(f) for f in folders)}.values()
        packs: list[str] = []
        local: list[str] = []
        for effective in effectives:
            packs += [p for p in effective.packs() if p not in packs]
            local += [p for p in effective.local_plugins() if p not in local]
        self.packs, self.local_plugins = packs, local
        disabled = [e.disabled_plugins() for e in effectives]
        return packs, set.intersection(*disabled) if disabled else set()

    def bind(self, registry: Any) -> None:
        """Check every configuration in use against the loaded rules and plugins."""
        self.registry = registry
        for effective in self._effective.values():
            self._check(effective)

    def _check(self, effective: Effective) -> None:
        from partnercheck.config.rules import check_file

        for file in effective.files:
            if file.path is not None and file.label not in self._checked:
                check_file(file, self.registry)
                self._checked.add(file.label)

    # settings -----------------------------------------------------------------
    def settings_for(self, path: Path) -> Settings:
        """The settings for one checked file: its folder's configuration and the per-file ignores that match it."""
        effective = self.effective_for(path)
        matched = tuple(keys[1] for keys, _, source in effective.entries("per-file-ignores") if matches_glob(path, keys[1], source.base))
        key = (id(effective), matched)
        if key not in self._settings:
            self._settings[key] = self._build(effective, matched)
        return self._settings[key]

    def run_settings(self, first: Path) -> Settings:
        """The run-wide settings (gates), from the configuration that applies to the first path checked."""
        effective = self.effective_for(first)
        key = (id(effective), ("<run>",))
        if key not in self._settings:
            self._settings[key] = self._build(effective, ())
        return self._settings[key]

    def excluded(self, path: Path) -> bool:
        """True when the file's own configuration excludes it (walked files only)."""
        patterns, source = self.effective_for(path).leaves.get(("exclude",), ([], DEFAULT))
        return any(matches_glob(path, p, source.base) for p in patterns)

    def _build(self, effective: Effective, matched: tuple[str, ...]) -> Settings:
        from partnercheck.rules.context import Profile

        get = effective.get
        ignore = list(get("ignore", []))
        for glob in matched:
            ignore += effective.leaves[("per-file-ignores", glob)][0]
        own = {*effective.packs(), *effective.local_plugins()}
        disabled = effective.disabled_plugins() | {f"local:{p}" for p in (*self.packs, *self.local_plugins) if p not in own}
        options: dict[str, dict[str, Any]] = {}
        for keys, value, _ in effective.entries("options"):
            if len(keys) == 3:
                options.setdefault(_norm(keys[1]), {})[keys[2]] = value
        profiles = {keys[1]: Profile(keys[1], tuple((e,) if isinstance(e, str) else tuple(e) for e in v["expects"]), v.get("description", ""), "config") for keys, v, _ in effective.entries("profiles")}
        select = get("select")
        return self.base.replace(
            select=tuple(select) if select is not None else None,
            extend_select=tuple(get("extend-select", [])),
            ignore=tuple(ignore),
            severity={_norm(keys[1]): Severity(v) for keys, v, _ in effective.entries("severity")},
            options=options,
            fail_on=Severity(get("fail-on", self.base.fail_on.value)),
            max_warnings=get("max-warnings", self.base.max_warnings),
            min_score=get("min-score", self.base.min_score),
            file_timeout=_budget(get("file-timeout"), self.base.file_timeout),
            lang=get("lang", self.base.lang),
            score_weights={keys[1]: v for keys, v, _ in effective.entries("score-weights")} or self.base.score_weights,
            profiles=profiles,
            disabled_plugins=frozenset(disabled),
        )


def _budget(seconds: float | None, default: float | None) -> float | None:
    """A configured time budget: unset keeps `default`, 0 means none."""
    return default if seconds is None else (float(seconds) or None)


def _leaves(file: ConfigFile) -> Iterator[tuple[Key, tuple[Any, Source]]]:
    for key, value in file.data.items():
        if key != "extends":
            yield from _descend((key,), value, MERGED.get(key, 0), file)


def _descend(keys: Key, value: Any, depth: int, file: ConfigFile) -> Iterator[tuple[Key, tuple[Any, Source]]]:
    if depth and isinstance(value, dict):
        for sub, inner in value.items():
            yield from _descend((*keys, str(sub)), inner, depth - 1, file)
    else:
        yield keys, (value, file.source(*keys))


def _inside_tree(target: Path, base: Path | None, named: str) -> None:
    """Refuse a path from a configuration file that leads outside the file's tree (config/tree.py)."""
    from partnercheck.config.tree import outside_tree

    root = outside_tree(target, base or Path.cwd().resolve())
    if root is not None:
        raise ConfigError(f"{named} leads outside the tree of the configuration file ({root}); a configuration may only name files inside it, the command line may name any")


def _is_path(value: str) -> bool:
    return value.endswith((".yaml", ".yml", ".toml")) or "/" in value or "\\" in value


def _norm(selector: str) -> str:
    return selector.upper() if _CODE.match(selector) else selector


def matches_glob(path: Path, pattern: str, base: Path | None) -> bool:
    """A glob relative to `base` (the configuration's folder) matches `path`, a folder above it, or its name."""
    absolute = Path(path).absolute()
    try:
        relative = PurePosixPath(absolute.relative_to((base or Path.cwd()).resolve()).as_posix())
    except ValueError:
        try:
            relative = PurePosixPath(absolute.resolve().relative_to((base or Path.cwd()).resolve()).as_posix())
        except ValueError:
            return False
    pattern = pattern.strip().rstrip("/")
    patterns = {pattern, pattern[3:]} if pattern.startswith("**/") else {pattern}
    candidates = [relative.as_posix(), *(p.as_posix() for p in relative.parents if p.as_posix() != ".")]
    return any(fnmatch.fnmatchcase(c, p) for p in patterns for c in candidates) or any(fnmatch.fnmatchcase(relative.name, p) for p in patterns if "/" not in p)
