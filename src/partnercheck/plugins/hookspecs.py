"""The plugin API: the hooks a partnercheck plugin may implement.

Every hook receives a single `register` callback, called by keyword, so the
host knows which plugin registered what, refuses duplicates, and can add
arguments later without breaking plugins. Implement a hook with::

    from partnercheck import hookimpl

    @hookimpl
    def register_rule_packs(register):
        register(Path(__file__).parent / "my-pack.yaml")

Expose the module under the ``partnercheck`` entry-point group.
"""

from __future__ import annotations

from typing import Any, Callable

import pluggy

PROJECT = "partnercheck"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def register_rule_packs(register: Callable[[Any], None]) -> None:
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
def register_functions(register: Callable[[str, Callable[..., Any]], None]) -> None:
    """Register check functions that rules name in ``check: {function: NAME}``.

    :param register: call ``register(name, function)``. A charter-scope
        function takes a :class:`partnercheck.RuleContext` and yields
        :class:`partnercheck.BareFinding`; a repository-scope function takes a
        :class:`partnercheck.rules.context.RepositoryContext` and yields
        ``BareFinding`` with ``path`` set. Names are global: prefix them with
        your plugin's name (``myorg.funding_amount``).
    :returns: nothing.

    Since 0.1.0.
    """


@hookspec
def register_reporters(register: Callable[[str, Callable[..., Any]], None]) -> None:
    """Register output formats for ``--format NAME``.

    :param register: call ``register(name, render)`` where ``render(run,
        options)`` takes a :class:`partnercheck.run.engine.RunResult` and a
        mapping of options (``color``, ``cwd``, …) and returns the text.
        The mapping also carries what the run computed once: ``scores`` (the
        health scores), ``outcome`` (whether the run fails and why, as the
        exit code decides) and ``report``, both with the run
        (:class:`partnercheck.report.inputs.ReportInput`).
    :returns: nothing.

    Since 0.1.0.
    """


@hookspec
def register_profiles(register: Callable[..., None]) -> None:
    """Register partnership profiles (the partner types a kind of partnership expects, read by MEM02).

    :param register: call ``register(name, expects, description="")`` where
        ``expects`` is a list whose items are a partner type or a list of
        types any one of which satisfies the expectation.
    :returns: nothing.

    Since 0.1.0.
    """


@hookspec
def register_schema_extensions(register: Callable[[str, dict[str, Any]], None]) -> None:
    """Declare the JSON Schema of a plugin's own top-level ``x-<plugin>`` key.

    :param register: call ``register(key, schema)``; ``key`` must start with
        ``x-``. Charters are then validated against it at that key, so a
        plugin's data is checked like the core format.
    :returns: nothing.

    Since 0.1.0.
    """
