"""Whether a results cache folder is partnercheck's own, and clearing only what partnercheck wrote.

The folder (`.partnercheck_cache/` by default) sits in the linted checkout, so
whoever opens a pull request can commit it. A symbolic link there
(`.partnercheck_cache -> ~/.ssh`) would make `check` write into the target and
`cache clear` delete the target's files. So the folder is used only when it
is not a link, holds no link where partnercheck writes (`results/`, its
sub-folders), and is either new, empty, or tagged by partnercheck
(`CACHEDIR.TAG` with the standard signature and partnercheck's name). Clearing
removes only names partnercheck gives: entries `results/ab/<sha256>.json`,
their temporary files, and its own tag, `.gitignore` and `last-prune`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from partnercheck.errors import UsageError

SIGNATURE = b"Signature: 8a477f597d28d172789f06886806bc55"
_OWN_FILES = ("CACHEDIR.TAG", ".gitignore", "last-prune")
_SUB = re.compile(r"^[0-9a-f]{2}$")
_ENTRY = re.compile(r"^[0-9a-f]{64}\.json$")
_TEMP = re.compile(r"^\.[0-9a-f]{64}\.json\.[A-Za-z0-9_]+\.tmp$")


def refusal(folder: Path | str) -> str | None:
    """Why `folder` cannot serve as partnercheck's results cache, or None when it can."""
    folder = Path(folder)
    if folder.is_symlink():
        return f"{folder} is a symbolic link"
    if not folder.exists():
        return None
    if not folder.is_dir():
        return f"{folder} is not a folder"
    if not tagged(folder) and any(folder.iterdir()):
        return f"{folder} is not partnercheck's cache (it has no CACHEDIR.TAG written by partnercheck)"
    results = folder / "results"
    if results.is_symlink() or (results.exists() and not results.is_dir()):
        return f"{results} is a symbolic link or not a folder"
    if results.is_dir():
        with os.scandir(results) as entries:
            for entry in entries:
                if entry.is_symlink():
                    return f"{results / entry.name} is a symbolic link"
    return None


def tagged(folder: Path) -> bool:
    """True when `folder` holds the CACHEDIR.TAG partnercheck writes."""
    tag = folder / "CACHEDIR.TAG"
    try:
        if tag.is_symlink():
            return False
        with tag.open("rb") as handle:
            head = handle.read(512)
    except OSError:
        return False
    return head.startswith(SIGNATURE) and b"partnercheck" in head


def usable(folder: Path | str) -> Path:
    """`folder`, or a usage error naming why it is refused (for `cache clear` and `cache prune`)."""
    reason = refusal(folder)
    if reason is not None:
        raise UsageError(f"refusing the cache folder: {reason}; nothing was removed")
    return Path(folder)


def clear(folder: Path | str) -> int:
    """Remove partnercheck's entries under `folder` (refused as `usable` says); how many entries went."""
    folder = usable(folder)
    results = folder / "results"
    removed = 0
    if results.is_dir():
        for sub in sorted(results.iterdir()):
            if _SUB.match(sub.name) and sub.is_dir() and not sub.is_symlink():
                removed += _clear_sub(sub)
        _rmdir(results)
    if folder.is_dir():  # tagged by partnercheck, or empty: `usable` refused any other
        for name in _OWN_FILES:
            own = folder / name
            if own.is_file() and not own.is_symlink():
                own.unlink()
        _rmdir(folder)
    return removed


def _clear_sub(sub: Path) -> int:
    removed = 0
    for entry in sub.iterdir():
        if (_ENTRY.match(entry.name) or _TEMP.match(entry.name)) and entry.is_file() and not entry.is_symlink():
            entry.unlink(missing_ok=True)
            removed += entry.suffix == ".json"
    _rmdir(sub)
    return removed


def _rmdir(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:  # not empty (something else lives there) or already gone
        pass
