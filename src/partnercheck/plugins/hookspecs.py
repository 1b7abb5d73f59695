"""The plugin API: the hooks a partnercheck plugin may implement.

Every hook receives a single `register` callback, called by keyword, so the
host knows which plugin registered what, refuses duplicates, and can add
arguments later without breaking plugins. Implement a hook with::

    from partnercheck import RegisterRulePack, hookimpl

    @hookimpl
    def register_rule_packs(register: RegisterRulePack) -> None:
        register(Path(__file__).parent / "my-pack.yaml")

Each `register` callback has a `Protocol` type (`RegisterRulePack`,
`RegisterFunction`, `RegisterReporter`, `RegisterProfile`,
`RegisterSchemaExtension`, `RegisterDefaults`), importable from `partnercheck`, so a type
checker sees a wrong argument before partnercheck refuses it at load.

Expose the module under the ``partnercheck`` entry-point group.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Iterable, Literal, Mapping, Protocol, Sequence, TypedDict, Union

import pluggy

if TYPE_CHECKING:  # types only: importing the engine here would slow every `import partnercheck`
    from partnercheck.findings import BareFinding
    from partnercheck.rules.context import RepositoryContext, RuleContext
    from partnercheck.run.engine import RunResult

PROJECT = "partnercheck"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


class PackFile(Protocol):
    """A rule pack in a package (`importlib.resources.files(...) / "pack.yaml"`) or on disk (`pathlib.Path`)."""

    def read_bytes(self) -> bytes: ...


#: A charter-scope check: a `RuleContext` in, `BareFinding`s out (a generator, a list, or None for none).
CharterCheck = Callable[["RuleContext"], Union[Iterable["BareFinding"], None]]
#: A repository-scope check (`scope: repository`): every charter of the run, `BareFinding`s with `path` set.
RepositoryCheck = Callable[["RepositoryContext"], Union[Iterable["BareFinding"], None]]
#: A format: the run and the report options (`color`, `cwd`, `scores`, `outcome`, `report`, …) in, the text out.
Render = Callable[["RunResult", Mapping[str, Any]], str]


class RegisterRulePack(Protocol):
    """The `register` of `register_rule_packs`: `register(path)`."""

    def __call__(self, path: str | PackFile) -> None: ...


class RegisterFunction(Protocol):
    """The `register` of `register_functions`: `register(name, function)`."""

    def __call__(self, name: str, function: CharterCheck | RepositoryCheck) -> None: ...


class RegisterReporter(Protocol):
    """The `register` of `register_reporters`: `register(name, render)`."""

    def __call__(self, name: str, render: Render) -> None: ...


class RegisterProfile(Protocol):
    """The `register` of `register_profiles`: `register(name, expects, description="")`."""

    def __call__(self, name: str, expects: Sequence[str | Sequence[str]], description: str = "") -> None: ...


class RegisterSchemaExtension(Protocol):
    """The `register` of `register_schema_extensions`: `register(key, schema)`."""

    def __call__(self, key: str, schema: Mapping[str, Any]) -> None: ...


class Defaults(TypedDict, total=False):
    """A plugin's defaults for its own rules, as a pack's `defaults:` writes them (docs/plugins.md)."""

    #: The plugin's rules on by default (codes, prefixes, names, pack names); the others run only when a selection names them.
    select: Sequence[str]
    #: The plugin's rules off by default: they run only when a selection names them.
    ignore: Sequence[str]
    #: A severity by rule code, rule name or pack name.
    severity: Mapping[str, Literal["error", "warning", "info"]]
    #: Option values by rule code, rule name or pack name, then by option name.
    options: Mapping[str, Mapping[str, Any]]


class RegisterDefaults(Protocol):
    """The `register` of `register_defaults`: `register(defaults)`."""

    def __call__(self, defaults: Defaults) -> None: ...


@hookspec
def register_rule_packs(register: RegisterRulePack) -> None:
    """Register rule packs (YAML files of rules).

    :param register: call ``register(path)`` with a :class:`pathlib.Path` (or
        any object with ``read_bytes()``, e.g. an ``importlib.resources``
        traversable) to a pack file valid against ``rule-pack.schema.json``.
        A pack that fails validation is reported with file and line and the
        plugin is skipped; its codes must not clash with another plugin's.
    :returns: nothing.

    Since 0.1.0.
    """


@hookspec
def register_functions(register: RegisterFunction) -> None:
    """Register check functions that rules name in ``check: {function: NAME}``.

    :param register: call ``register(name, function)``. A charter-scope
        function takes a :class:`partnercheck.RuleContext` and yields
        :class:`partnercheck.BareFinding`; a repository-scope function takes a
        :class:`partnercheck.RepositoryContext` and yields
        ``BareFinding`` with ``path`` set. Names are global: prefix them with
        your plugin's name (``myorg.funding_amount``).
    :returns: nothing.

    Since 0.1.0.
    """


@hookspec
def register_reporters(register: RegisterReporter) -> None:
    """Register output formats for ``--format NAME``.

    :param register: call ``register(name, render)`` where ``render(run,
        options)`` takes a :class:`partnercheck.RunResult` and a
        mapping of options (``color``, ``cwd``, …) and returns the text.
        The mapping also carries what the run computed once: ``scores`` (the
        health scores), ``outcome`` (whether the run fails and why, as the
        exit code decides) and ``report``, both with the run
        (:class:`partnercheck.report.inputs.ReportInput`).
    :returns: nothing.

    Since 0.1.0.
    """


@hookspec
def register_profiles(register: RegisterProfile) -> None:
    """Register partnership profiles (the partner types a kind of partnership expects, read by MEM02).

    :param register: call ``register(name, expects, description="")`` where
        ``expects`` is a list whose items are a partner type or a list of
        types any one of which satisfies the expectation.
    :returns: nothing.

    Since 0.1.0.
    """


@hookspec
def register_schema_extensions(register: RegisterSchemaExtension) -> None:
    """Declare the JSON Schema of a plugin's own top-level ``x-<plugin>`` key.

    :param register: call ``register(key, schema)``; ``key`` must start with
        ``x-``. Charters are then validated against it at that key, so a
        plugin's data is checked like the core format.
    :returns: nothing.

    Since 0.1.0.
    """


@hookspec
def register_defaults(register: RegisterDefaults) -> None:
    """Set the plugin's configuration defaults for its own rules.

    :param register: call ``register(defaults)`` with a mapping of the shape
        of a pack's ``defaults:`` (:class:`partnercheck.Defaults`): ``select``
        and ``ignore`` (the rules on, or off, by default), ``severity`` (by
        code, name or pack) and ``options`` (by code, name or pack, then by
        option name). Called after the plugin's other hooks; a default for a
        rule the plugin does not own, or a value of the wrong type, is a load
        error naming the plugin. Configuration files and flags override them;
        ``partnercheck config`` shows each with the plugin it comes from.
    :returns: nothing.

    Since 0.1.0.
    """
