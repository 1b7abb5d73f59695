"""Build the registry: the built-in plugin, then each installed plugin on its own.

A plugin that fails to import, whose hook raises, that ships a broken pack or
registers a duplicate is skipped as a whole and named in `Registry.errors`;
the others load normally.
"""

from __future__ import annotations

import copy
import importlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import pluggy

from partnercheck.errors import PackError, PartnercheckError, PluginError
from partnercheck.plugins import hookspecs
from partnercheck.plugins import validation as check
from partnercheck.plugins.installed import entry_points
from partnercheck.plugins.registry import PluginInfo, Registry
from partnercheck.plugins.validation import HOOKS
from partnercheck.rules.context import Profile
from partnercheck.rules.defaults import KEYS, DefaultsProblem, apply_defaults
from partnercheck.rules.model import Function
from partnercheck.rules.pack import load_pack_file, load_pack_text

ENV_AUTOLOAD_OFF = "PARTNERCHECK_DISABLE_PLUGIN_AUTOLOAD"
ENV_PLUGINS = "PARTNERCHECK_PLUGINS"


@dataclass
class PluginSelection:
    """Which plugins to load: `disabled` names are skipped; `modules` are imported by name.

    `local_plugins` are Python files (from `--plugin` or a configuration file):
    they run only when `allow_local` is true (`--allow-local-plugins`), so a
    configuration inside a linted repository cannot import code on its own.
    """

    disabled: frozenset[str] = frozenset()
    modules: tuple[str, ...] = ()
    autoload: bool = True
    extra_packs: tuple[str, ...] = ()
    local_plugins: tuple[str, ...] = ()
    allow_local: bool = False


def load_registry(selection: PluginSelection | None = None) -> Registry:
    selection = selection or PluginSelection()
    registry = Registry()
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    from partnercheck import builtin

    candidates: list[tuple[str, str, Any]] = [("core", _own_version(), builtin)]
    candidates += _discover(selection, registry)
    for name, version, module in candidates:
        if name in selection.disabled and name != "core":
            continue
        _register_plugin(pm, registry, name, version, module)
    for path in selection.extra_packs:
        _load_local_pack(registry, path)
    _drop_rules_without_function(registry)
    return registry


def _own_version() -> str:
    from partnercheck import __version__

    return __version__


def _discover(selection: PluginSelection, registry: Registry) -> list[tuple[str, str, Any]]:
    found: list[tuple[str, str, Any]] = []
    autoload = selection.autoload and not os.environ.get(ENV_AUTOLOAD_OFF)
    sources: list[tuple[str, str, Any]] = []
    if autoload:
        for ep in entry_points(group=hookspecs.PROJECT):
            version = ep.dist.version if ep.dist is not None else ""
            sources.append((ep.name, version, ep.load))
    env_modules = [m.strip() for m in os.environ.get(ENV_PLUGINS, "").split(",") if m.strip()]
    for module_name in (*selection.modules, *env_modules):
        sources.append((module_name, "", lambda m=module_name: importlib.import_module(m)))
    for path in selection.local_plugins:
        if selection.allow_local:
            sources.append((f"local:{path}", "", lambda p=path: import_file(p)))
        else:
            registry.errors.append(f"local plugin {path} was not loaded: a local plugin runs code, so it runs only with --allow-local-plugins")
    for name, version, load in sources:
        if name in selection.disabled:
            continue
        try:
            module = load()
        except (Exception, SystemExit) as exc:  # a broken plugin must not stop the run
            _fail(registry, PluginInfo(name, version), f"failed to import: {type(exc).__name__}: {exc}")
            continue
        if not any(module is seen for _, _, seen in found):  # installed and also named in PARTNERCHECK_PLUGINS
            found.append((name, version, module))
    return found


def import_file(path: str) -> Any:
    """Import a local plugin from its Python file (only called when local plugins are allowed)."""
    import hashlib
    import importlib.util
    import sys

    file = Path(path)
    if not file.is_file():
        raise PluginError(f"no such file: {path}")
    name = "partnercheck_local_" + hashlib.sha1(str(file.resolve()).encode()).hexdigest()[:12]
    spec = importlib.util.spec_from_file_location(name, file)
    if spec is None or spec.loader is None:
        raise PluginError(f"{path} is not a Python file")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


def _register_plugin(pm: pluggy.PluginManager, registry: Registry, name: str, version: str, module: Any) -> None:
    info = PluginInfo(name, version)
    problem = check.hook_problem(module, lambda plugin, attr: pm.parse_hookimpl_opts(plugin, attr) is not None)
    if problem is not None:
        _fail(registry, info, problem)
        return
    try:
        pm.register(module, name=name)
        pm.check_pending()  # a hook no specification declares: the plugins before this one passed
    except Exception as exc:
        if pm.is_registered(module):
            pm.unregister(module)
        _fail(registry, info, f"cannot be registered: {check.one_line(str(exc))}")
        return
    trial = copy.copy(registry)
    for attr in ("rules", "names", "functions", "reporters", "profiles", "schema_extensions"):
        setattr(trial, attr, dict(getattr(registry, attr)))
    try:
        for hook in HOOKS:
            for impl in getattr(pm.hook, hook).get_hookimpls():
                if impl.plugin_name == name:
                    impl.function(register=_registrar(hook, trial, info))
    except (Exception, SystemExit) as exc:
        pm.unregister(name=name)
        info.registered.clear()  # nothing it registered stays, so `partnercheck plugins` lists nothing
        _fail(registry, info, _reason(exc))
        return
    for attr in ("rules", "names", "functions", "reporters", "profiles", "schema_extensions"):
        setattr(registry, attr, getattr(trial, attr))
    registry.plugins.append(info)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, PackError):
        return f"ships a broken rule pack: {exc}"
    if isinstance(exc, PartnercheckError):
        return f"could not register: {exc}"
    return f"raised {type(exc).__name__} while registering: {exc}"


def _fail(registry: Registry, info: PluginInfo, reason: str) -> None:
    info.error = reason
    registry.plugins.append(info)
    registry.errors.append(f"plugin {info.name!r} {reason}; it was skipped")


def _registrar(hook: str, registry: Registry, info: PluginInfo) -> Any:
    def rule_packs(path: Any) -> None:
        path = check.pack_source(path)
        source = str(path)
        rules = load_pack_file(path, info.name, info.version) if isinstance(path, (str, Path)) else load_pack_text(path.read_bytes(), source, info.name, info.version)
        for rule in rules:
            rule = _owned(rule, info)
            registry.add_rule(rule)
            info.note("rules", rule.code)

    def functions(name: str, function: Any) -> None:  # the argument names of hookspecs.py's Protocols: plugins may pass them by keyword
        registry.add_function(check.name(name, "function"), check.function(name, function, "function"), info.name)
        info.note("functions", name)

    def reporters(name: str, render: Any) -> None:
        registry.add_reporter(check.name(name, "format"), check.function(name, render, "format"), info.name)
        info.note("formats", name)

    def profiles(name: str, expects: Iterable[Any], description: str = "") -> None:
        groups = check.profile_groups(check.name(name, "profile"), expects)
        registry.add_profile(Profile(name, groups, check.text(description, f"the profile {name!r}: the description"), info.name))
        info.note("profiles", name)

    def schema_extensions(key: str, schema: dict[str, Any]) -> None:
        registry.add_schema_extension(check.name(key, "schema extension"), check.extension_schema(key, schema), info.name)
        info.note("schema extensions", key)

    def defaults(defaults: Any) -> None:
        own = [registry.rules[code] for code in info.registered.get("rules", [])]
        try:
            for rule in apply_defaults(own, defaults, "register_defaults"):
                registry.rules[rule.code] = rule
        except DefaultsProblem as problem:
            raise PluginError(f"the defaults at {problem}") from problem
        info.note("defaults", ", ".join(k for k in KEYS if k in defaults))

    return {
        "register_rule_packs": rule_packs,
        "register_functions": functions,
        "register_reporters": reporters,
        "register_profiles": profiles,
        "register_schema_extensions": schema_extensions,
        "register_defaults": defaults,
    }[hook]


def _owned(rule: Any, info: PluginInfo) -> Any:
    """The rule, marked as the plugin's (packs are loaded for their plugin, so it usually already is)."""
    if rule.plugin == info.name and rule.plugin_version == info.version:
        return rule
    from dataclasses import replace

    return replace(rule, plugin=info.name, plugin_version=info.version)


def _load_local_pack(registry: Registry, path: str) -> None:
    info = PluginInfo(f"local:{path}", "")
    saved = dict(registry.rules), dict(registry.names)
    try:
        for rule in load_pack_file(path, info.name, info.version):
            registry.add_rule(_owned(rule, info))
            info.note("rules", rule.code)
    except PluginError as exc:
        registry.rules, registry.names = saved
        registry.errors.append(f"rule pack {path}: {exc}")
        info.error = str(exc)
    registry.plugins.append(info)


def _drop_rules_without_function(registry: Registry) -> None:
    for code, rule in list(registry.rules.items()):
        if isinstance(rule.check, Function) and rule.check.name not in registry.functions:
            registry.errors.append(f"rule {code} ({rule.plugin}) names the function {rule.check.name!r}, which no plugin registered; the rule was skipped")
            del registry.rules[code]
            registry.names.pop(rule.name, None)
