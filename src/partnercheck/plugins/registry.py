"""Everything plugins registered, with who registered it; duplicates refused."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from partnercheck.errors import PluginError
from partnercheck.rules.context import Profile
from partnercheck.rules.model import Rule


@dataclass
class PluginInfo:
    name: str
    version: str
    registered: dict[str, list[str]] = field(default_factory=dict)
    error: str | None = None

    def note(self, kind: str, what: str) -> None:
        self.registered.setdefault(kind, []).append(what)


@dataclass
class Registry:
    rules: dict[str, Rule] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    functions: dict[str, tuple[Callable[..., Any], str]] = field(default_factory=dict)
    reporters: dict[str, tuple[Callable[..., Any], str]] = field(default_factory=dict)
    profiles: dict[str, Profile] = field(default_factory=dict)
    schema_extensions: dict[str, tuple[dict[str, Any], str]] = field(default_factory=dict)
    plugins: list[PluginInfo] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def add_rule(self, rule: Rule) -> None:
        for key, taken in ((rule.code, self.rules.get(rule.code)), (rule.name, self.rules.get(self.names.get(rule.name, "")))):
            if taken is not None:
                raise PluginError(f"rule {key} is already registered by plugin {taken.plugin!r}")
        self.rules[rule.code] = rule
        self.names[rule.name] = rule.code

    def add_function(self, name: str, func: Callable[..., Any], plugin: str) -> None:
        self._unique(self.functions, name, "function")
        self.functions[name] = (func, plugin)

    def add_reporter(self, name: str, render: Callable[..., Any], plugin: str) -> None:
        self._unique(self.reporters, name, "format")
        self.reporters[name] = (render, plugin)

    def add_profile(self, profile: Profile) -> None:
        if profile.name in self.profiles:
            raise PluginError(f"profile {profile.name!r} is already registered by plugin {self.profiles[profile.name].plugin!r}")
        self.profiles[profile.name] = profile

    def add_schema_extension(self, key: str, schema: dict[str, Any], plugin: str) -> None:
        if not key.startswith("x-"):
            raise PluginError(f"schema extension key {key!r} must start with 'x-'")
        self._unique(self.schema_extensions, key, "schema extension")
        self.schema_extensions[key] = (schema, plugin)

    def _unique(self, table: dict[str, tuple[Any, str]], name: str, kind: str) -> None:
        if name in table:
            raise PluginError(f"{kind} {name!r} is already registered by plugin {table[name][1]!r}")

    def find(self, code_or_name: str) -> Rule | None:
        """A rule by code (any case) or by name."""
        return self.rules.get(code_or_name.upper()) or self.rules.get(self.names.get(code_or_name.lower(), ""))

    def packs(self) -> list[str]:
        return sorted({r.pack for r in self.rules.values()})
