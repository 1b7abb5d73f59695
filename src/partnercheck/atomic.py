"""Atomic writes: write a temporary file beside the target, then rename it over.

An interrupted run never leaves a half-written report, baseline or cache entry.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from partnercheck.errors import PartnercheckError


class WriteError(PartnercheckError):
    """A file partnercheck was asked to write could not be written (exit 2, one line)."""


def write_bytes(path: Path, data: bytes, durable: bool = True) -> None:
    """Write `data` to `path` atomically; `durable=False` skips the fsync (cache entries, which may be lost)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
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
