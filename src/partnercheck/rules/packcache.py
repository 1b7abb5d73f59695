"""A cache of loaded rule packs, so a run does not parse and validate every pack again.

Reading the built-in packs (YAML parsing, then validation against
`rule-pack.schema.json` and the safety checks of every embedded schema) takes
about a second; loading their `Rule` objects from this cache takes a few
milliseconds. An entry is keyed by the pack's bytes, its source, the plugin
and version that ship it, and the fingerprint of partnercheck's own code and
schemas (`code_fingerprint`), so any change to any of them loads the pack
afresh. Only packs that loaded cleanly are stored: a broken pack is reported
on every run.

The cache lives in the user's cache folder (`$XDG_CACHE_HOME/partnercheck/packs`,
else `~/.cache/partnercheck/packs`). Entries are JSON of plain values
(`packdata.py`), never pickles: CI setups restore `~/.cache` from shared
caches, and a planted entry can at worst describe rules (ignored when its
shape is wrong), never run code. `PARTNERCHECK_PACK_CACHE=DIR` moves it, `PARTNERCHECK_PACK_CACHE=off`
turns it off; a folder that cannot be written simply means no cache. A
corrupt or unreadable entry is ignored and rebuilt. `partnercheck cache clear`
empties it.

In memory: a process that loads a pack a second time (the language server
re-planning on every configuration change, the test suite's in-process runs)
keeps its rules for its next runs, under the same key but the code's, which
cannot change in a running process (the SHA-256 of the pack's bytes, its
source, plugin and version): a pack whose bytes changed is a new key,
whatever its size and time say, so nothing stale is served. A single `check`
loads each pack once: it only notes the key and pays nothing. Kept rules are
frozen (their mappings and lists read-only, rules/readonly.py), so a rule, a
reporter or a plugin that changes one raises instead of changing the next
run's rules; a first load stays the run's own. At most `MAX_KEPT` packs are
kept, the least recently used dropped first (a pack edited in an editor is a
new key at every save); `forget()` empties the memory, and so does `clear()`.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterator

ENV = "PARTNERCHECK_PACK_CACHE"
_FORMAT = b"packcache-2"  # 2: JSON entries (1 was pickles, never read again)
_SUFFIX = ".json"
_OLD_SUFFIX = ".pickle"


def directory() -> Path | None:
    """Where pack entries live, or None when the cache is off."""
    chosen = os.environ.get(ENV, "")
    if chosen.lower() in ("off", "0", "no", "false"):
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "partnercheck" / "packs"


def load(raw: bytes, source: str, plugin: str, version: str, build: Callable[[], list[Any]]) -> list[Any]:
    """The rules of one pack: from this process's memory or the cache when an entry matches,
    else `build()` (then stored)."""
    key = (hashlib.sha256(raw).digest(), source, plugin, version)
    kept = _recall(key)
    if kept is not None:
        return kept
    return _keep(key, _load(raw, source, plugin, version, build))


def _load(raw: bytes, source: str, plugin: str, version: str, build: Callable[[], list[Any]]) -> list[Any]:
    folder = directory()
    if folder is None:
        return build()
    key = _key(raw, source, plugin, version)
    entry = folder / f"{key}{_SUFFIX}"
    cached = _read(entry)
    if cached is not None:
        return cached
    rules = build()
    _write(folder, entry, rules)
    return rules


def derived(kind: str, raw: bytes, build: Callable[[], Any], usable: Callable[[Any], Any]) -> Any:
    """A plain JSON value derived from `raw` by `build` (a message catalog compiled from its `.po`, say):
    stored beside the packs, keyed by `kind` and the bytes, and read back through `usable`, which raises on
    an entry of the wrong shape (then built again). Cache off, or unwritable: built every time."""
    folder = directory()
    entry = folder / f"{_key(raw, kind, 'derived', '')}{_SUFFIX}" if folder is not None else None
    if entry is not None:
        try:
            with entry.open("rb") as handle:
                return usable(json.loads(handle.read()))
        except Exception:  # missing, corrupt, the wrong shape: built again
            pass
    value = build()
    if entry is not None and folder is not None:
        _store(folder, entry, value)
    return usable(value)


def _key(raw: bytes, source: str, plugin: str, version: str) -> str:
    digest = hashlib.sha256(_FORMAT)
    for part in (code_fingerprint().encode(), source.encode("utf-8", "surrogatepass"), plugin.encode(), version.encode(), raw):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def _read(entry: Path) -> list[Any] | None:
    from partnercheck.rules.packdata import rules_from_data

    try:
        with entry.open("rb") as handle:
            return rules_from_data(json.loads(handle.read()))
    except FileNotFoundError:
        return None
    except MemoryError:
        raise
    except Exception:  # corrupt, truncated, the wrong shape: rebuilt
        return None


def _write(folder: Path, entry: Path, rules: list[Any]) -> None:
    from partnercheck.rules.packdata import rules_to_data

    try:
        data = rules_to_data(rules)
    except Exception:
        return
    if data is not None:  # None: a value JSON cannot carry exactly: this pack is simply not cached
        _store(folder, entry, data)


def _store(folder: Path, entry: Path, data: Any) -> None:
    from partnercheck.atomic import write_bytes

    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_bytes(entry, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), durable=False)
        _prune(folder)
    except MemoryError:
        raise
    except Exception:  # a read-only home, a full disk: no cache, same result
        return


#: Past this many entries (old code, old packs), the oldest half is removed.
MAX_ENTRIES = 200


def _prune(folder: Path) -> None:
    entries = list(folder.glob(f"*{_SUFFIX}"))
    if len(entries) <= MAX_ENTRIES:
        return
    entries.sort(key=lambda e: e.stat().st_mtime)
    for entry in entries[: len(entries) - MAX_ENTRIES // 2]:
        entry.unlink(missing_ok=True)


def clear() -> int:
    """Remove every pack entry (and forget the packs this process keeps in memory); the number removed."""
    forget()
    folder = directory()
    if folder is None or not folder.is_dir():
        return 0
    removed = 0
    for entry in [*folder.glob(f"*{_SUFFIX}"), *folder.glob(f"*{_OLD_SUFFIX}")]:
        try:
            entry.unlink()
            removed += 1
        except OSError:
            pass
    return removed


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """partnercheck's version and the size and time of each of its source and schema files.

    A release changes the version; a source checkout being edited changes the
    files: either way, cached packs and results from the old code are not reused.
    """
    from partnercheck import __version__
    from partnercheck.resources import PACKAGE_DIR, data_dir

    digest = hashlib.sha256(__version__.encode())
    for root in (str(PACKAGE_DIR), str(data_dir("schemas"))):
        for relative, stat in _files(root, ""):
            digest.update(f"{relative}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _files(folder: str, relative: str) -> Iterator[tuple[str, os.stat_result]]:
    """Each `.py` and `.json` file under `folder` (its path from the walk's root, its status): a folder's files by name,
    then its sub-folders by name, `__pycache__` left out, links to folders not followed (as `os.walk` walks)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    folders: list[os.DirEntry[str]] = []
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            if entry.name != "__pycache__" and not entry.is_symlink():
                folders.append(entry)
        elif entry.name.endswith((".py", ".json")):
            try:
                yield relative + entry.name, entry.stat()
            except OSError:
                continue
    for entry in folders:
        yield from _files(entry.path, f"{relative}{entry.name}{os.sep}")


# in memory -------------------------------------------------------------------------
#: Packs kept in memory at most: the built-in ones and a few plugins', several versions of one being edited.
MAX_KEPT = 64

#: The SHA-256 of a pack's bytes, its source, plugin and version.
_Key = tuple[bytes, str, str, str]

#: Each key's rules, or None for a pack seen once (not yet worth freezing); the least recently used first.
_KEPT: dict[_Key, tuple[Any, ...] | None] = {}


def _recall(key: _Key) -> list[Any] | None:
    """The rules kept under `key` (a new list of the shared, frozen rules), or None."""
    kept = _KEPT.get(key)
    if kept is None:
        return None
    _remember(key, kept)
    return list(kept)


def _keep(key: _Key, rules: list[Any]) -> list[Any]:
    """The rules a run uses after loading them under `key`: the first time, as they are (only the key is
    noted); from the second, frozen and kept for the next runs."""
    if key not in _KEPT:
        _remember(key, None)
        return rules
    frozen = tuple(_frozen_rule(rule) for rule in rules)
    _remember(key, frozen)
    return list(frozen)


def forget() -> None:
    """Empty the memory: the next load of every pack reads its cache entry (or the pack) again."""
    _KEPT.clear()


def _remember(key: _Key, value: tuple[Any, ...] | None) -> None:
    _KEPT.pop(key, None)
    _KEPT[key] = value
    while len(_KEPT) > MAX_KEPT:
        del _KEPT[next(iter(_KEPT))]


def _frozen_rule(rule: Any) -> Any:
    """`rule` with every mapping and list it holds read-only (scalars, tuples and its dataclasses are already)."""
    from dataclasses import replace

    from partnercheck.rules.readonly import ReadOnlyDict, freeze

    return replace(
        rule,
        check=_frozen_check(rule.check),
        messages=freeze(rule.messages),
        options=ReadOnlyDict({name: _frozen_option(option) for name, option in rule.options.items()}),
        examples=freeze(rule.examples),
        tests=tuple(freeze(test) for test in rule.tests),
        translations=freeze(rule.translations),
        defaulted=freeze(rule.defaulted),
    )


def _frozen_check(check: Any) -> Any:
    from partnercheck.rules.model import Declarative
    from partnercheck.rules.readonly import freeze

    if isinstance(check, Declarative):
        return Declarative(check.select, freeze(check.schema), freeze(check.where))
    return check  # a function's name and scope, or the engine's: nothing to change


def _frozen_option(option: Any) -> Any:
    from dataclasses import replace

    from partnercheck.rules.readonly import freeze

    return replace(option, default=freeze(option.default), schema=freeze(option.schema))
