"""The run plan: the command line's values and the configuration files turned into one typed, frozen plan.

`cli/` parses the command line into `Flags` (no argparse object leaves
`cli/`); `plan(flags)` finds the configuration files, loads the plugins
and the rule packs they name, checks the flags against the loaded rules and
returns a `RunPlan`: paths, the run's settings and each file's (the
resolver), outputs, gates, language, cache, jobs, today. Flags win over files,
files over defaults, and each value (`--today` among them) enters the settings
here, once.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from partnercheck.config.resolve import Overrides, Resolver
from partnercheck.config.settings import Settings
from partnercheck.errors import ConfigError, PartnercheckError, UsageError
from partnercheck.plugins.registry import Registry
from partnercheck.run.discovery import Target

#: Set to anything, this environment variable turns the results cache off, as `--no-cache` does.
NO_CACHE_VARIABLE = "PARTNERCHECK_NO_CACHE"


@dataclass(frozen=True)
class Output:
    """One `--format NAME[:PATH]`: a format, written to PATH or to standard output (None)."""

    format: str
    path: str | None = None


@dataclass(frozen=True)
class Flags:
    """What the command line says, typed. Every field left at its default defers to the configuration."""

    paths: tuple[str, ...] = (".",)
    today: date | None = None
    #: Selection, gates and language: they win over every configuration file.
    overrides: Overrides = field(default_factory=Overrides)
    exit_zero: bool = False
    #: The language when neither `--lang` nor the configuration says: `check` takes the locale's; `report`
    #: gives "" and, after the run, takes the charter's (`charter.language`), else the locale's.
    fallback_lang: str = "en"
    config: str | None = None
    isolated: bool = False
    stdin_filename: str | None = None
    charters_only: bool = False
    max_file_size: int | None = None
    rule_timeout: float | None = None
    debug: bool = False
    # plugins
    rule_packs: tuple[str, ...] = ()
    disabled_plugins: tuple[str, ...] = ()
    no_plugins: bool = False
    local_plugins: tuple[str, ...] = ()
    allow_local_plugins: bool = False
    # outputs and speed (check)
    formats: tuple[str, ...] = ()
    default_format: str = "text"
    jobs: int | None = None
    no_cache: bool = False
    cache_dir: str | None = None
    baseline: str | None = None
    prune_baseline: bool = False
    #: Configuration files' texts as an editor holds them (path, bytes): the language server checks them unsaved.
    config_texts: tuple[tuple[str, bytes], ...] = ()


@dataclass(frozen=True)
class Walk:
    """The walk of the paths made while planning, so the run lints these very targets."""

    paths: tuple[str, ...]
    stdin_filename: str | None
    targets: tuple[Target, ...]
    errors: tuple[str, ...]


@dataclass(frozen=True)
class RunPlan:
    """Everything a run needs, decided before it starts."""

    paths: tuple[str, ...]
    registry: Registry
    #: Each file's settings (`settings_for`) and exclusions (`excluded`).
    resolver: Resolver
    #: The run's settings: gates (fail-on, max-warnings, min-score), language, today, limits.
    settings: Settings
    walk: Walk
    stdin_filename: str | None = None
    charters_only: bool = False
    outputs: tuple[Output, ...] = ()
    jobs: int = 1
    cache_dir: Path | None = None
    baseline: str | None = None
    prune_baseline: bool = False
    debug: bool = False

    @property
    def today(self) -> date:
        return self.settings.today

    @property
    def lang(self) -> str:
        return self.settings.lang

    @property
    def discovered(self) -> tuple[tuple[str, ...], str | None, list[Target], list[str]]:
        """The walk in the form `run.lint.Request.discovered` takes."""
        return (self.walk.paths, self.walk.stdin_filename, list(self.walk.targets), list(self.walk.errors))


def plan(flags: Flags) -> RunPlan:
    """The run plan for `flags`: configuration read, plugins loaded, flags checked against the rules."""
    texts = {Path(path).resolve(): raw for path, raw in flags.config_texts}
    resolver = Resolver(base_settings(flags), flags.overrides, flags.config, flags.isolated, texts)
    walk = _walk(flags.paths, flags.stdin_filename)
    registry = _registry(flags, resolver, walk)
    try:  # what is checked against the loaded rules and formats: a plugin that failed to load may be why it fails
        resolver.bind(registry)
        _check_selection(flags, registry)
        outputs = _outputs(flags, registry, walk)
    except PartnercheckError as exc:
        exc.load_errors = tuple(registry.errors)
        raise
    return RunPlan(
        paths=flags.paths,
        registry=registry,
        resolver=resolver,
        settings=resolver.run_settings(_location(flags.paths[0], flags.stdin_filename)),
        walk=walk,
        stdin_filename=flags.stdin_filename,
        charters_only=flags.charters_only,
        outputs=outputs,
        jobs=flags.jobs or _default_jobs(),
        cache_dir=None if flags.no_cache or os.environ.get(NO_CACHE_VARIABLE) else Path(flags.cache_dir or _default_cache_dir()),
        baseline=flags.baseline,
        prune_baseline=flags.prune_baseline,
        debug=flags.debug,
    )


def base_settings(flags: Flags) -> Settings:
    """The settings before any configuration file: defaults, and the flags no file can set."""
    base = Settings(debug=flags.debug, exit_zero=flags.exit_zero, lang=flags.fallback_lang)
    if flags.today is not None:
        base.today = flags.today
    if flags.max_file_size is not None:
        base.limits = replace(base.limits, max_bytes=flags.max_file_size)
    if flags.rule_timeout is not None:
        base.rule_timeout = flags.rule_timeout or None  # 0: no budget
    return base


def _registry(flags: Flags, resolver: Resolver, walk: Walk) -> Registry:
    """The plugins and rule packs of the flags, plus those the configuration files in use name."""
    from partnercheck.plugins.manager import PluginSelection, load_registry

    folders = [_folder(_location(p, flags.stdin_filename)) for p in flags.paths]
    folders += [t.source.absolute().parent for t in walk.targets if t.source is not None]
    packs, disabled = resolver.prepare(list(dict.fromkeys(folders)))
    given = {str(Path(p).resolve()) for p in flags.rule_packs}
    given_files = {str(Path(p).resolve()) for p in flags.local_plugins}
    selection = PluginSelection(
        disabled=frozenset([*flags.disabled_plugins, *disabled]),
        autoload=not flags.no_plugins,
        extra_packs=(*flags.rule_packs, *(p for p in packs if p not in given)),
        local_plugins=(*flags.local_plugins, *(p for p in resolver.local_plugins if p not in given_files)),  # run only with --allow-local-plugins
        allow_local=flags.allow_local_plugins,
    )
    registry = load_registry(selection)
    _pack_errors(registry.errors, packs)
    return registry


def _check_selection(flags: Flags, registry: Registry) -> None:
    """Selection flags are checked against the loaded rules as configuration files are (config/rules.py)."""
    from partnercheck.config.rules import check_flags

    chosen = flags.overrides
    check_flags({"--select": chosen.select or (), "--extend-select": chosen.extend_select, "--ignore": chosen.ignore}, registry)


def _pack_errors(errors: list[str], packs: list[str]) -> None:
    """A rule pack that a configuration file lists and that does not load is a configuration error."""
    for message in errors:
        if any(message.startswith(f"rule pack {p}:") for p in packs):
            raise ConfigError(message)


def _walk(paths: tuple[str, ...], stdin_name: str | None) -> Walk:
    from partnercheck.run.discovery import discover

    targets, errors = discover(paths, (), stdin_name)
    return Walk(paths, stdin_name, tuple(targets), tuple(errors))


def _location(path: str, stdin_name: str | None) -> Path:
    if path == "-":
        return Path(stdin_name) if stdin_name else Path.cwd() / "stdin.yaml"
    return Path(path)


def _folder(path: Path) -> Path:
    return path.absolute() if path.is_dir() else path.absolute().parent


# outputs ---------------------------------------------------------------------------
def _outputs(flags: Flags, registry: Registry, walk: Walk) -> tuple[Output, ...]:
    """`--format NAME[:PATH]`, each a known format; one at most on standard output; no two on one file; none a file the run checks."""
    chosen = tuple(Output(*spec.split(":", 1)) if ":" in spec else Output(spec) for spec in flags.formats) or (Output(flags.default_format),)
    known = registry.reporters
    for output in chosen:
        if output.format not in known:
            raise UsageError(f"unknown format {output.format!r}; choose one of: {', '.join(sorted(known))}")
    if sum(1 for o in chosen if o.path is None) > 1:
        raise UsageError("only one format can go to standard output; give the others a file: --format NAME:PATH")
    _check_files(chosen)
    _refuse_overwriting_inputs(chosen, [Path(p) for p in flags.paths if p != "-"] + [t.source for t in walk.targets if t.source is not None])
    return chosen


def _check_files(chosen: tuple[Output, ...]) -> None:
    """Each `--format NAME:PATH` names a file, not a folder, and no two formats share one."""
    seen: dict[str, str] = {}
    for output in chosen:
        name, path = output.format, output.path
        if path is None:
            continue
        if not path:
            raise UsageError(f"--format {name}: no file name after the colon; write --format {name}:PATH, or --format {name} for standard output")
        if Path(path).is_dir():
            raise UsageError(f"--format {name}:{path}: {path} is a folder; give a file name")
        real = os.path.realpath(path)
        if real in seen:
            raise UsageError(f"--format {seen[real]} and --format {name} both write {path}; give each its own file")
        seen[real] = name


def _refuse_overwriting_inputs(chosen: tuple[Output, ...], inputs: list[Path]) -> None:
    """No `--format NAME:PATH` may be a file this run reads: a path given, or a charter found by walking."""
    for output in chosen:
        if output.path is None:
            continue
        try:
            target = os.stat(output.path)
        except OSError:  # not there yet: no input can be it
            continue
        for given in inputs:  # one stat each (a thousand charters walked): what `os.path.samefile` compares
            try:
                status = os.stat(given)
            except OSError:
                continue
            if stat.S_ISREG(status.st_mode) and (status.st_dev, status.st_ino) == (target.st_dev, target.st_ino):
                raise UsageError(f"--format {output.format}:{output.path} would overwrite {given.as_posix()}, which this run checks; write the report to another file")


def _default_jobs() -> int:
    from partnercheck.run.parallel import default_jobs

    return default_jobs()


def _default_cache_dir() -> str:
    from partnercheck.run.cache import DEFAULT_DIR

    return str(DEFAULT_DIR)
