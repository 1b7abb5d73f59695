"""The packs a process keeps in memory (rules/packcache.py): kept from the second load, served again
only for the very same bytes, source, plugin and version, frozen so no run changes the next one's rules."""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

import pytest

from partnercheck.errors import PackError
from partnercheck.rules import pack, packcache
from partnercheck.rules.model import Declarative
from partnercheck.rules.pack import load_pack_file
from paths import ROOT


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """The sources of the packs parsed and validated (not served by memory or by the cache on disk, here in tmp_path)."""
    monkeypatch.setenv(packcache.ENV, str(tmp_path / "cache"))
    packcache.forget()
    built: list[str] = []
    original = pack._load_pack_text

    def counted(raw: bytes, source: str, plugin: str, version: str) -> Any:
        built.append(source)
        return original(raw, source, plugin, version)

    monkeypatch.setattr(pack, "_load_pack_text", counted)
    yield built
    packcache.forget()


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The cache entries read from disk."""
    read: list[Path] = []
    original = packcache._read
    monkeypatch.setattr(packcache, "_read", lambda entry: read.append(entry) or original(entry))
    return read


def copied(tmp_path: Path, name: str = "accountability.yaml", to: str = "") -> Path:
    target = tmp_path / (to or name)
    shutil.copyfile(ROOT / "rules" / name, target)
    return target


def test_a_pack_loaded_again_is_served_from_memory(builds: list[str], reads: list[Path], tmp_path: Path) -> None:
    path = copied(tmp_path)
    first = load_pack_file(path, "acme", "1.0")
    assert builds == [str(path)] and len(reads) == 1  # built, after a miss on disk
    second = load_pack_file(path, "acme", "1.0")  # read from disk again, then kept
    assert builds == [str(path)] and len(reads) == 2
    third, fourth = load_pack_file(path, "acme", "1.0"), load_pack_file(path, "acme", "1.0")
    assert builds == [str(path)] and len(reads) == 2  # neither the pack nor its cache entry read again
    assert first == second == third == fourth and first[0].plugin == "acme" and first[0].plugin_version == "1.0"
    assert all(a is b for a, b in zip(second, third)) and all(a is b for a, b in zip(third, fourth))
    assert third is not fourth  # a list of its own for each run


def test_memory_serves_even_with_the_disk_cache_off(builds: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(packcache.ENV, "off")
    path = copied(tmp_path)
    runs = [load_pack_file(path) for _ in range(4)]
    assert builds == [str(path)] * 2 and runs[0] == runs[3]


def test_a_changed_pack_is_read_again_though_its_size_and_times_are_the_same(builds: list[str], tmp_path: Path) -> None:
    path = copied(tmp_path)
    load_pack_file(path), load_pack_file(path)
    before = os.stat(path)
    text = path.read_bytes()
    changed = text.replace(b"Un objectif", b"Un objectIF", 1)
    assert len(changed) == len(text) and changed != text
    path.write_bytes(changed)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(path)
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)
    summaries = [r.translations["fr"]["summary"] for r in load_pack_file(path)]
    assert any("objectIF" in s for s in summaries) and len(builds) == 2


@pytest.mark.parametrize(("name", "plugin", "version"), [("other.yaml", "core", ""), ("accountability.yaml", "beta", ""), ("accountability.yaml", "core", "2.0")], ids=["source", "plugin", "version"])
def test_source_plugin_and_version_are_part_of_the_key(builds: list[str], tmp_path: Path, name: str, plugin: str, version: str) -> None:
    path = copied(tmp_path)
    kept = [load_pack_file(path) for _ in range(3)][-1]
    other = copied(tmp_path, to=name)  # the same bytes
    served = load_pack_file(other, plugin, version)
    assert len(builds) == 2  # the other key: a miss in memory, its own entry built
    assert {(r.source, r.plugin, r.plugin_version) for r in served} == {(str(other), plugin, version)}
    assert [_anonymous(r) for r in served] == [_anonymous(r) for r in kept]


def _anonymous(rule: Any) -> Any:
    return replace(rule, source="", plugin="", plugin_version="")


def test_a_broken_pack_is_never_kept(builds: list[str], tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("pack: acme\nrules: [{code: nope}]\n", encoding="utf-8")
    for _ in range(3):
        with pytest.raises(PackError):
            load_pack_file(path)
    assert len(builds) == 3


ACME = """\
pack: acme
rules:
  - code: ACM01
    name: known-partner-type
    severity: warning
    summary: A partner's type is one the network knows.
    why: Tests need a rule with an option, a selection and a translation.
    message: "Partner `{id}` has a type outside {types}"
    options:
      types: {default: [funder, institution], schema: {type: array, items: {type: string}}}
    check:
      select: /partners/*
      schema: {properties: {type: {enum: {$option: types}}}}
      where: {required: [type]}
    translations:
      fr:
        summary: Le type d'un partenaire est connu du réseau.
        message: "Le partenaire `{id}` a un type hors de {types}"
    examples:
      fail: "partnercheck: 1"
      pass: "partnercheck: 1"
"""


def _loaded(tmp_path: Path) -> list[Any]:
    """The rules of a pack with options and a selection and of a built-in pack with test cases."""
    if not (tmp_path / "acme.yaml").exists():
        (tmp_path / "acme.yaml").write_text(ACME, encoding="utf-8")
        copied(tmp_path)
    return [*load_pack_file(tmp_path / "acme.yaml"), *load_pack_file(tmp_path / "accountability.yaml")]


MUTATIONS: dict[str, Callable[[list[Any]], object]] = {
    "message": lambda rules: rules[0].messages.__setitem__("default", "changed"),
    "messages-cleared": lambda rules: rules[0].messages.clear(),
    "option-default": lambda rules: rules[0].options["types"].default.append("other"),
    "option-removed": lambda rules: rules[0].options.pop("types"),
    "option-schema": lambda rules: rules[0].options["types"].schema["items"].__setitem__("type", "integer"),
    "translation": lambda rules: rules[0].translations["fr"].__setitem__("summary", "changé"),
    "translated-message": lambda rules: rules[0].translations["fr"]["messages"].clear(),
    "example": lambda rules: rules[0].examples.clear(),
    "check-schema": lambda rules: rules[0].check.schema["properties"].clear(),
    "check-where": lambda rules: rules[0].check.where["required"].append("name"),
    "test-case": lambda rules: next(r for r in rules if r.tests).tests[0]["expect"].clear(),
    "defaulted": lambda rules: rules[0].defaulted.__setitem__("severity", "here"),
}


@pytest.mark.parametrize("mutate", MUTATIONS.values(), ids=MUTATIONS.keys())
def test_kept_rules_refuse_every_change(builds: list[str], tmp_path: Path, mutate: Callable[[list[Any]], object]) -> None:
    _loaded(tmp_path)
    kept = _loaded(tmp_path)  # the second load: kept, shared with the next runs
    assert isinstance(kept[0].check, Declarative) and kept[0].check.where and kept[0].options
    with pytest.raises(TypeError, match="read-only"):
        mutate(kept)
    packcache.forget()
    assert _loaded(tmp_path) == kept


@pytest.mark.parametrize("mutate", MUTATIONS.values(), ids=MUTATIONS.keys())
def test_a_change_to_a_first_load_is_never_kept(builds: list[str], tmp_path: Path, mutate: Callable[[list[Any]], object]) -> None:
    """The first load of a pack is the run's own (nothing shared yet): a change to it stays there."""
    first = _loaded(tmp_path)
    mutate(first)
    kept = _loaded(tmp_path)
    packcache.forget()
    assert kept == _loaded(tmp_path) != first


def test_a_run_changing_its_list_of_rules_does_not_change_the_next_runs(builds: list[str], tmp_path: Path) -> None:
    path = copied(tmp_path)
    load_pack_file(path)
    kept = load_pack_file(path)
    count = len(kept)
    kept.clear()
    assert len(load_pack_file(path)) == count


def test_kept_rules_read_and_copy_as_plain_values(builds: list[str], tmp_path: Path) -> None:
    import copy
    import json
    import pickle

    _loaded(tmp_path)
    kept = _loaded(tmp_path)
    packcache.forget()
    assert kept == _loaded(tmp_path)  # frozen or not, the same values
    rule = next(r for r in kept if r.tests and r.translations)
    assert isinstance(rule.translations, dict) and isinstance(rule.tests[0]["expect"], list)
    assert json.loads(json.dumps(rule.translations)) == rule.translations
    tests = copy.deepcopy(rule.tests)
    tests[0]["expect"].clear()  # a copy is the caller's own
    assert rule.tests[0]["expect"] and pickle.loads(pickle.dumps(rule)) == rule


def test_forget_and_cache_clear_empty_the_memory(builds: list[str], tmp_path: Path) -> None:
    path = copied(tmp_path)
    load_pack_file(path), load_pack_file(path), load_pack_file(path)
    assert len(builds) == 1
    packcache.forget()
    load_pack_file(path), load_pack_file(path), load_pack_file(path)
    assert len(builds) == 1  # the cache on disk still holds it: read from there twice, then kept
    packcache.clear()
    load_pack_file(path)
    assert len(builds) == 2  # both the disk and the memory emptied


def test_memory_keeps_at_most_max_packs_the_least_recently_used_dropped(builds: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(packcache.ENV, "off")
    monkeypatch.setattr(packcache, "MAX_KEPT", 2)
    a, b, c = (copied(tmp_path, to=f"{name}.yaml") for name in "abc")
    for path in (a, a, b, b):
        load_pack_file(path)
    assert len(builds) == 4
    load_pack_file(a)  # served: now the most recently used
    load_pack_file(c)  # seen once: b, the least recently used, dropped
    load_pack_file(a)
    assert len(builds) == 5
    load_pack_file(b)
    assert len(builds) == 6
