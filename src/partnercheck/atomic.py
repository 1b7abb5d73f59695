"""Atomic writes: write a temporary file beside the target, then rename it over.

An interrupted run never leaves a half-written report, baseline or cache entry.
A run killed outright (kill -9, a power cut) may leave its temporary file
(`.NAME.xxxxxxxx.tmp`); the next write of the same file removes those older
than a minute (younger ones may belong to a run still writing).
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from pathlib import Path

from partnercheck.errors import PartnercheckError


class WriteError(PartnercheckError):
    """A file partnercheck was asked to write could not be written (exit 2, one line)."""


def write_bytes(path: Path, data: bytes, durable: bool = True) -> None:
    """Write `data` to `path` atomically; `durable=False` skips the fsync (cache entries, which may be lost)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if durable:
        remove_stale_temporaries(path)
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, mode)  # mkstemp makes 0o600 files; a report or baseline is shared like any file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


#: A temporary file older than this is a killed run's leftover, not a write in progress.
STALE_AFTER_SECONDS = 60.0


def remove_stale_temporaries(path: Path, now: float | None = None) -> int:
    """Remove the temporary files a killed run left beside `path` (`.NAME.xxxxxxxx.tmp`, older than a minute); how many."""
    pattern = re.compile(rf"^\.{re.escape(path.name)}\.[a-z0-9_]{{8}}\.tmp$")
    cutoff = (time.time() if now is None else now) - STALE_AFTER_SECONDS
    removed = 0
    try:
        with os.scandir(path.parent) as entries:
            stale = [e.path for e in entries if pattern.match(e.name) and e.is_file(follow_symlinks=False) and e.stat(follow_symlinks=False).st_mtime < cutoff]
    except OSError:
        return 0
    for leftover in stale:
        try:
            os.unlink(leftover)
            removed += 1
        except OSError:
            continue
    return removed


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def save_text(path: Path | str, text: str) -> None:
    """`write_text` for files a user asked for: an OSError becomes `WriteError("cannot write PATH: reason")`."""
    try:
        write_text(Path(path), text)
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from exc


def _mode_for(path: Path) -> int:
    """The permissions of the file written: the existing file's when overwriting, else 0o666 less the umask (as `open` gives)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        pass
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask
