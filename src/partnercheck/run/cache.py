"""The results cache: a file checked before, unchanged, under the same rules and settings, is not checked again.

One entry per checked file, in `.partnercheck_cache/results/` (or `--cache-dir`),
named by a key that covers everything a file's findings depend on:

- the file's bytes and the name it is reported under;
- partnercheck's version and the fingerprint of its code and schemas;
- the plugin set: each plugin's name, version and error, every rule as
  loaded (so any change to a rule pack), each rule function's source file,
  the profiles and schema extensions;
- the file's effective settings (selection, severities, options, profiles,
  limits, budgets, disabled plugins), which hold the configuration files'
  values and the `--today` date.

A change to any of these gives another key, so the file is checked afresh.
An entry holds what the file's own check left (its findings, whether it is a
charter, its data, debug notes); the rules that need every charter at once
(repository scope, SCA03), inline suppressions and waivers then run on the
cached data exactly as after a fresh check, so one changed charter updates
the findings of the others. A second kind of entry, keyed by every file's key
in order and the run's settings, holds a whole run's final findings and each
charter's stated language: when nothing at all changed, they are reused as
they are, and a charter's data is read from its own entry only if something
asks for it. A third kind holds what is derived from a run's results (the
measured score), keyed by the run's key and by every input the derivation
reads beyond it (each finding's code, pack, severity, pointer and suppression,
so a baseline that hides other findings gives a fresh answer). The baseline
is applied afterwards, as without a cache. Entries
are JSON, never pickles, because the folder sits in the linted repository: a
cache entry committed by someone else can at worst give wrong findings for
its own key, never run code; and every key mixes in a secret kept in the
user's own cache folder (`machine_secret`), so an entry committed to the
repository by someone else never matches a key computed here and cannot hide
findings. Each entry is sealed (`_seal`): its JSON comes with an HMAC-SHA256 of
its bytes under that secret, checked before the JSON is even parsed, so a
corrupted, truncated or edited entry (a bit flip that keeps valid JSON
included) is ignored and rewritten, never trusted. Findings are stored by message id
and parameters (`Finding.text`), never as rendered text, and rendered again
in English when read back (then in the run's language, like fresh ones).
Results with an internal error (a crashed or stopped rule) are not stored.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
import time

from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any, Callable

from partnercheck.findings import Finding, Severity, Span, Suppression, Text
from partnercheck.records import Record

DEFAULT_DIR = ".partnercheck_cache"
FORMAT = 5  # 2: findings hold message ids and parameters, not text; 3: run entries hold each charter's language, not its data; 4: and its findings' item labels; 5: each item's names (id, name) by field, for every item holding a finding
#: Entries no run has read or written for this many days are removed (`partnercheck cache prune`, and once a day).
PRUNE_AFTER_DAYS = 30
_DAY = 86400.0
_FIELDS = ("code", "name", "severity", "text", "path", "pointer", "line", "column", "end_line", "end_column", "hint_text", "plugin", "pack")


class Compact(Record):
    """What checking one file leaves, enough to rebuild its result: findings, charter or not, data, debug notes."""

    __slots__ = ("findings", "is_charter", "data", "debug", "positions")

    findings: list[Finding]
    is_charter: bool
    data: Any
    debug: list[str]
    #: Spans of the values at most two steps deep (`/partners/3`): where repository rules put
    #: their findings, so a cached file needs no parsing to place them. An entry on disk writes
    #: each as [line, column, end line, end column] and reads it back as a `Span`.
    positions: dict[str, Span]

    def __init__(self, findings: list[Finding], is_charter: bool, data: Any = None, debug: list[str] | None = None, positions: dict[str, Span] | None = None) -> None:
        self.findings = findings
        self.is_charter = is_charter
        self.data = data
        self.debug = [] if debug is None else debug
        self.positions = {} if positions is None else positions


class ResultsCache:
    """Entries under `folder/results`, keyed for one registry (plugin set); settings are part of each key."""

    def __init__(self, folder: Path | str, registry: Any) -> None:
        self.folder = Path(folder)
        self.results = self.folder / "results"
        secret = machine_secret()
        self.context = _digest(FORMAT, secret, _code_fingerprint(), registry_fingerprint(registry))
        self._seal_key = hashlib.sha256(b"partnercheck entry seal\0" + secret.encode("utf-8")).digest()
        from partnercheck.report.i18n import Translator

        self.english = Translator("en", registry.rules.values())
        self._settings: dict[int, tuple[Any, str]] = {}
        self.hits = 0
        self.misses = 0
        #: The key of the run being checked (`run_key`), which derived values (`recall`, `remember`) are keyed by.
        self.run: str | None = None

    def key(self, path: str, raw: bytes, settings: Any) -> str:
        """The entry name for `path` with these bytes, checked under `settings`."""
        known = self._settings.get(id(settings))
        if known is None or known[0] is not settings:
            known = (settings, _digest(canonical(_keyed(settings))))
            self._settings[id(settings)] = known
        return _digest(self.context, known[1], path, hashlib.sha256(raw).hexdigest())

    def get(self, key: str) -> Compact | None:
        entry = self._read(key)
        try:
            compact = _decode(entry, self.english) if entry is not None else None
        except MemoryError:
            raise
        except Exception:  # corrupt, truncated, from another version: checked afresh and rewritten
            compact = None
        if compact is None:
            self.misses += 1
        else:
            self.hits += 1
        return compact

    def put(self, key: str, compact: Compact) -> None:
        if any(f.code.startswith("INT") for f in compact.findings):
            return  # a crashed or stopped rule may not crash next time
        self._write(key, _encode(compact))

    # whole runs ---------------------------------------------------------------------------
    def run_key(self, settings: Any, files: list[tuple[str, str]]) -> str:
        """The entry name for a whole run: these files (path, entry key), in this order, under the run's settings."""
        return _digest(self.context, "run", canonical(_keyed(settings)), files)

    def get_run(self, key: str, count: int) -> list[tuple[bool, list[Finding], Any, dict[str, dict[str, str]]]] | None:
        """Each file's final findings (repository rules, suppressions and waivers applied), whether it is a charter,
        its stated language (`charter.language`, None when it states none) and the ids naming the items its findings
        are about (run/grouping.py), when this very run was seen before."""
        entry = self._read(key)
        try:
            if entry is None or len(entry["files"]) != count:
                return None
            return [(bool(file[0]), [_unfinding(row, self.english) for row in file[1]], file[2], dict(file[3])) for file in entry["files"]]
        except MemoryError:
            raise
        except Exception:  # corrupt: the run goes the ordinary way
            return None

    def put_run(self, key: str, files: list[tuple[bool, list[Finding], Any, dict[str, dict[str, str]]]]) -> None:
        if any(f.code.startswith("INT") for _, found, _, _ in files for f in found):
            return
        self._write(key, {"files": [[charter, [_finding(f) for f in found], language, labels] for charter, found, language, labels in files]})

    def data_of(self, key: str) -> Any:
        """The data a file's own entry holds (None: no such entry, or not a charter), without decoding its findings."""
        entry = self._read(key, touch=False)
        return entry.get("data") if entry is not None else None

    # values derived from a run's results -----------------------------------------------
    def recall(self, name: str, inputs: Any) -> Any:
        """The value stored for `name` computed from this run (`self.run`) and `inputs`; None when there is none."""
        if self.run is None:
            return None
        entry = self._read(_digest(self.context, self.run, name, inputs))
        return entry.get("value") if entry is not None else None

    def remember(self, name: str, inputs: Any, value: Any) -> None:
        """Store `value`, computed from this run's results and `inputs` only, for the next run with the same key."""
        if self.run is not None:
            self._write(_digest(self.context, self.run, name, inputs), {"value": value})

    def _read(self, key: str, touch: bool = True) -> dict[str, Any] | None:
        """The entry named `key` when it is one of this format for this key, else None (missing, corrupt)."""
        try:
            path = self.results / key[:2] / f"{key}.json"
            with path.open("rb") as handle:
                payload = _unseal(handle.read(), self._seal_key)
            if payload is None:  # its seal does not match its bytes: corrupt, truncated, edited
                return None
            entry = json.loads(payload)
            if touch:
                _touch(path)
        except MemoryError:
            raise
        except Exception:  # missing, unreadable, not JSON
            return None
        if not isinstance(entry, dict) or entry.get("format") != FORMAT or entry.get("key") != key:
            return None
        return entry

    def _write(self, key: str, content: dict[str, Any]) -> None:
        try:
            text = json.dumps({"format": FORMAT, "key": key, **content}, ensure_ascii=False, separators=(",", ":"))
            self._prepare()
            from partnercheck.atomic import write_bytes

            write_bytes(self.results / key[:2] / f"{key}.json", _seal(text.encode("utf-8"), self._seal_key), durable=False)
        except MemoryError:
            raise
        except Exception:  # read-only folder, full disk, a value JSON cannot hold: no entry, same results
            return

    def prune_now_and_then(self, days: int = PRUNE_AFTER_DAYS) -> int:
        """At most once a day, remove the entries no run has read or written for `days` days; how many went."""
        stamp = self.folder / "last-prune"
        try:
            if time.time() - stamp.stat().st_mtime < _DAY:
                return 0
        except FileNotFoundError:
            if not self.results.is_dir():
                return 0
        except OSError:
            return 0
        try:
            stamp.touch()
        except OSError:  # a read-only cache is never pruned, as it is never written
            return 0
        return prune(self.folder, days)

    def _prepare(self) -> None:
        """Create the folder, tagged so that backups and git leave it alone."""
        from partnercheck.atomic import write_bytes

        if self.results.is_dir():
            return
        self.results.mkdir(parents=True, exist_ok=True)
        tag = self.folder / "CACHEDIR.TAG"
        if not tag.exists():
            write_bytes(tag, b"Signature: 8a477f597d28d172789f06886806bc55\n# partnercheck's results cache; `partnercheck cache clear` removes it.\n", durable=False)
        (self.folder / "last-prune").touch()  # a new cache has nothing to prune for a day
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            write_bytes(ignore, b"# Created by partnercheck: its results cache, never to be committed.\n*\n", durable=False)


def clear(folder: Path | str) -> int:
    """Remove every results entry under `folder`; the number removed. Only files partnercheck writes are touched (cache_folder.py)."""
    from partnercheck.run import cache_folder

    return cache_folder.clear(folder)


def prune(folder: Path | str, days: int = PRUNE_AFTER_DAYS, now: float | None = None) -> int:
    """Remove the results entries under `folder` not read or written for `days` days; the number removed.

    A hit refreshes its entry's time (at most once a day), so what a
    repository still checks stays, and entries of files long changed or gone
    (each change makes a new entry) go.
    """
    from partnercheck.run.cache_folder import usable

    cutoff = (time.time() if now is None else now) - days * _DAY
    results = usable(folder) / "results"
    removed = 0
    if not results.is_dir():
        return 0
    for sub in sorted(results.iterdir()):
        if not sub.is_dir() or sub.is_symlink():
            continue
        for entry in sub.iterdir():
            try:
                if entry.suffix in (".json", ".tmp") and entry.stat().st_mtime < cutoff:
                    entry.unlink()
                    removed += entry.suffix == ".json"
            except OSError:  # gone meanwhile, or not ours to remove
                continue
        _rmdir(sub)
    return removed


def _touch(path: Path) -> None:
    """Mark an entry as used today (a hit), writing its time at most once a day."""
    try:
        if time.time() - path.stat().st_mtime > _DAY:
            os.utime(path)
    except OSError:  # a read-only cache: the entry may be pruned early, and is then rebuilt
        pass


def _keyed(settings: Any) -> Any:
    """The settings as far as findings depend on them: the language translates findings after the cache."""
    return settings.replace(lang="en") if getattr(settings, "lang", "en") != "en" else settings


def _rmdir(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:  # not empty (something else lives there) or already gone
        pass


# entries ---------------------------------------------------------------------------
def _encode(compact: Compact) -> dict[str, Any]:
    return {
        "charter": compact.is_charter,
        "data": compact.data if compact.is_charter else None,
        "findings": [_finding(f) for f in compact.findings],
        "debug": compact.debug,
        "positions": {p: [s.line, s.column, s.end_line, s.end_column] for p, s in compact.positions.items()},
    }


def _finding(f: Finding) -> list[Any]:
    row = [getattr(f, name) for name in _FIELDS]
    row[2] = f.severity.value
    row[3] = f.text.to_json() if f.text is not None else None
    row[10] = f.hint_text.to_json() if f.hint_text is not None else None
    s = f.suppression
    return row + ([[s.kind, s.reason, s.approved_by, s.expires_on]] if s is not None else [])


def _decode(entry: dict[str, Any], english: Any) -> Compact | None:
    findings = [_unfinding(row, english) for row in entry["findings"]]
    debug = [str(d) for d in entry.get("debug", [])]
    positions = _spans(entry.get("positions", {}))
    if positions is None:
        return None
    return Compact(findings, bool(entry["charter"]), entry.get("data"), debug, positions)


def _spans(stored: Any) -> dict[str, Span] | None:
    """The spans an entry stores as lists of four numbers, or None when one is malformed."""
    if not isinstance(stored, dict):
        return None
    spans = {}
    for pointer, row in stored.items():
        if not (isinstance(row, list) and len(row) == 4 and all(type(n) is int for n in row)):
            return None
        spans[str(pointer)] = Span(*row)
    return spans


def _unfinding(row: list[Any], english: Any) -> Finding:
    """A stored finding, its message and hint rendered in English from their ids (`english` is a `Translator`)."""
    values = dict(zip(_FIELDS, row))
    values["severity"] = Severity(values["severity"])
    values["text"] = Text.from_json(values["text"]) if values["text"] is not None else None
    values["hint_text"] = Text.from_json(values["hint_text"]) if values["hint_text"] is not None else None
    suppression = Suppression(*row[len(_FIELDS)]) if len(row) > len(_FIELDS) else None
    return english.finding(Finding(**values, message="", suppression=suppression))


# keys -------------------------------------------------------------------------------
def machine_secret() -> str:
    """A random secret of this user on this machine, created once (mode 0600) beside the pack cache.

    Without it, anyone able to commit to a linted repository could compute a
    file's key and commit an entry claiming it is clean.
    """
    import secrets

    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "partnercheck" / "secret"
    try:
        return path.read_text(encoding="ascii").strip() or _new_secret(path, secrets.token_hex(32))
    except OSError:
        return _new_secret(path, secrets.token_hex(32))


def _new_secret(path: Path, value: str) -> str:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(value)
        return value
    except FileExistsError:
        return path.read_text(encoding="ascii").strip() or value
    except OSError:  # no writable home: a per-process secret, so the cache only helps within this run
        return value


def _digest(*parts: Any) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else json.dumps(part, sort_keys=True, ensure_ascii=False, default=repr).encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def _code_fingerprint() -> str:
    from partnercheck.rules.packcache import code_fingerprint

    return code_fingerprint()


def registry_fingerprint(registry: Any) -> str:
    """The plugin set: plugins, every rule as loaded, the files of the rule functions, profiles, schema extensions."""
    return _digest(
        [(p.name, p.version, p.error) for p in registry.plugins],
        [canonical(rule) for _, rule in sorted(registry.rules.items())],
        [(name, plugin, _source_of(func)) for name, (func, plugin) in sorted(registry.functions.items())],
        canonical(registry.profiles),
        canonical({k: v[0] for k, v in registry.schema_extensions.items()}),
        sorted(registry.errors),
    )


def _source_of(func: Callable[..., Any]) -> list[Any]:
    """Where a rule function's code lives, with the file's size and time, so an edited plugin is noticed."""
    module = sys.modules.get(getattr(func, "__module__", "") or "")
    path = getattr(module, "__file__", None)
    if not path:
        return [getattr(func, "__module__", ""), getattr(func, "__qualname__", repr(type(func)))]
    try:
        stat = os.stat(path)
    except OSError:
        return [path]
    return [path, getattr(func, "__qualname__", ""), stat.st_size, stat.st_mtime_ns]


def canonical(value: Any) -> Any:
    """A JSON-ready form of settings and rules that does not depend on set order or object addresses."""
    if isinstance(value, Record):
        return [type(value).__name__, {name: canonical(field) for name, field in value.pairs()}]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [type(value).__name__, {f.name: canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict) or hasattr(value, "items"):
        return sorted(([str(k), canonical(v)] for k, v in value.items()), key=lambda kv: kv[0])
    if isinstance(value, (set, frozenset)):
        return sorted((canonical(v) for v in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)  # an object whose repr shows its address only ever misses the cache, never reuses a stale entry


_SEAL_HEAD = b'{"hmac":"'
_SEAL_MID = b'","entry":'


def _seal(payload: bytes, secret: bytes) -> bytes:
    """The entry as written: still one JSON object, `{"hmac": HMAC-SHA256 of the payload, "entry": payload}`."""
    import hmac

    return _SEAL_HEAD + hmac.new(secret, payload, hashlib.sha256).hexdigest().encode("ascii") + _SEAL_MID + payload + b"}"


def _unseal(blob: bytes, secret: bytes) -> bytes | None:
    """The payload of a sealed entry, or None when the seal is missing or does not match the bytes."""
    import hmac

    start = len(_SEAL_HEAD) + 64
    if not (blob.startswith(_SEAL_HEAD) and blob[start : start + len(_SEAL_MID)] == _SEAL_MID and blob.endswith(b"}")):
        return None
    payload = blob[start + len(_SEAL_MID) : -1]
    expected = hmac.new(secret, payload, hashlib.sha256).hexdigest().encode("ascii")
    return payload if hmac.compare_digest(expected, blob[len(_SEAL_HEAD) : start]) else None
