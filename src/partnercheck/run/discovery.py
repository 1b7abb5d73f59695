"""Which files a run checks: explicit files, directories walked, standard input.

Walking a directory picks `*.yaml` and `*.yml`, skips hidden folders and the
excluded ones, never follows symbolic links to directories (so a link loop
cannot trap the walk), and keeps only files with a top-level `partnercheck:`
key: other YAML in a repository (CI configs, pre-commit) is not a charter. A
file named explicitly is always checked, and gets DOC03 if it is not a charter.
"""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from pathlib import Path, PurePath
from typing import Iterable, Iterator

from partnercheck.records import Record
from partnercheck.report.messages import said

DEFAULT_EXCLUDE = ("node_modules", "__pycache__", "venv", ".venv", ".tox", ".partnercheck_cache", "site-packages")
SUFFIXES = (".yaml", ".yml")
_CHARTER_KEY = re.compile(rb"^(?:\xef\xbb\xbf)?[\"']?partnercheck[\"']?[ \t]*:", re.MULTILINE)
STDIN = "-"


class Target(Record):
    """A file to check: `display` is what reports show; `explicit` when named by the user."""

    __slots__ = ("display", "source", "explicit")

    display: str
    source: Path | None
    explicit: bool

    def __init__(self, display: str, source: Path | None, explicit: bool) -> None:
        self.display = display
        self.source = source
        self.explicit = explicit


class Read(Record):
    """A target's bytes, or the reason it could not be read."""

    __slots__ = ("target", "raw", "error")

    target: Target
    raw: bytes | None
    error: str | None

    def __init__(self, target: Target, raw: bytes | None = None, error: str | None = None) -> None:
        self.target = target
        self.raw = raw
        self.error = error


def display_path(path: Path | str, cwd: Path | None = None) -> str:
    """Relative to the working directory where possible, with forward slashes, control characters escaped.

    A file name can hold a line break or an ESC sequence (`x\\n::error ….yaml`);
    every report and message shows this form, so a name cannot forge a line.
    """
    from partnercheck.printable import visible

    cwd = cwd or Path.cwd()
    candidate = Path(path)
    try:
        candidate = candidate.absolute().relative_to(cwd.absolute())
    except ValueError:
        pass
    return visible(candidate.as_posix())


def discover(paths: Iterable[str], exclude: Iterable[str] = (), stdin_name: str | None = None) -> tuple[list[Target], list[str]]:
    """The targets for `paths`, in a stable order, and an error for each path that does not exist."""
    targets: list[Target] = []
    errors: list[str] = []
    from partnercheck.printable import visible

    patterns = (*DEFAULT_EXCLUDE, *exclude)
    for given in paths:
        if given == STDIN:
            targets.append(Target(stdin_name or "<stdin>", None, True))
            continue
        path = Path(given)
        if path.is_dir():
            targets.extend(Target(shown, p, False) for p, shown in _walked(path, patterns, errors))
        elif path.exists() or path.is_symlink():
            targets.append(Target(display_path(path), path, True))
        else:
            errors.append(said("run.no-such-file", path=visible(given)))
    return _unique(targets), errors


def walk(root: Path, exclude: tuple[str, ...], errors: list[str] | None = None) -> Iterator[Path]:
    """Charter candidates below `root`; a folder that cannot be listed is named in `errors`."""
    return (path for path, _ in _walked(root, exclude, errors))


def _walked(root: Path, exclude: tuple[str, ...], errors: list[str] | None = None) -> Iterator[tuple[Path, str]]:
    """Each charter candidate below `root` with its `display_path`, worked out once per folder."""

    def unreadable(exc: OSError) -> None:
        if errors is not None:
            errors.append(f"{display_path(exc.filename or root)}: cannot read the directory: {exc.strerror or exc}")

    cwd = Path.cwd()
    for folder, dirs, files in os.walk(root, followlinks=False, onerror=unreadable):
        base = _shown_folder(Path(folder), cwd)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _excluded_shown(_below(base, d), _below(".", d), exclude))
        for name in sorted(files):
            if not name.lower().endswith(SUFFIXES) or name.startswith("."):
                continue
            shown = _below(base, name)
            path = Path(folder, name)
            if not _excluded_shown(shown, shown.rsplit("/", 1)[-1], exclude) and _regular_or_unknown(path):
                yield path, shown


def _shown_folder(folder: Path, cwd: Path) -> str:
    """A walked folder as `display_path` shows it, before escaping: its entries are shown below it."""
    try:
        return folder.absolute().relative_to(cwd.absolute()).as_posix()
    except ValueError:
        return folder.as_posix()


def _below(base: str, name: str) -> str:
    """What `display_path` shows for `name` inside the folder shown as `base`."""
    from partnercheck.printable import visible

    return visible(name if base == "." else f"{base}/{name}")


def _regular_or_unknown(path: Path) -> bool:
    """False for a FIFO, socket or device found by walking (reading a FIFO would wait forever); a broken link stays, to be reported."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True


def _skipped(name: str, path: Path, exclude: tuple[str, ...]) -> bool:
    return name.startswith(".") or _excluded(path, exclude)


def _excluded(path: Path, patterns: tuple[str, ...]) -> bool:
    shown = display_path(path)
    return _excluded_shown(shown, PurePath(shown).name, patterns)


def _excluded_shown(shown: str, name: str, patterns: tuple[str, ...]) -> bool:
    """A pattern matches the file's name, its shown path, or (a pattern of several parts) its last parts."""
    pure: PurePath | None = None
    for p in patterns:
        if fnmatch.fnmatch(name, p) or fnmatch.fnmatch(shown, p):
            return True
        if "/" in p or not p:  # one part: PurePath.match compares it with the name, as above
            pure = pure or PurePath(shown)
            if pure.match(p):
                return True
    return False


def _unique(targets: list[Target]) -> list[Target]:
    seen: set[str] = set()
    out = []
    folders: dict[Path, str | None] = {}
    for t in targets:
        key = _identity(t.source, folders) if t.source is not None else t.display
        if key not in seen:
            seen.add(key)
            out.append(t)
    return out


def _identity(path: Path, folders: dict[Path, str | None] | None = None) -> str:
    """The real path of a file, so one file reached twice is checked once; a link loop keeps its own name.

    A file that is not itself a link is its folder's real path and its name: each folder is resolved once.
    """
    if folders is not None and path.name not in ("", ".", "..") and not path.is_symlink():
        parent = path.parent
        if parent not in folders:
            folders[parent] = _real(parent)
        if folders[parent] is not None:
            return os.path.join(folders[parent], path.name)  # type: ignore[arg-type]
    return _real(path) or str(path.absolute())


def _real(path: Path) -> str | None:
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):  # a symbolic link loop
        return None


def looks_like_charter(raw: bytes) -> bool:
    """A cheap test for a top-level `partnercheck:` key, used to skip other YAML found by walking."""
    return _CHARTER_KEY.search(raw) is not None


def read(target: Target, stdin: bytes | None = None, limit: int = 10 * 1024 * 1024) -> Read:
    """The target's bytes, at most `limit + 1` of them (the engine reports DOC07 past `limit`)."""
    from partnercheck.bounded import read_path

    if target.source is None:
        return Read(target, stdin or b"")
    try:
        if not stat.S_ISREG(os.stat(target.source).st_mode) and not target.source.is_dir():
            return Read(target, error=said("run.not-regular", path=target.display))
        return Read(target, read_path(target.source, limit))
    except IsADirectoryError:
        return Read(target, error=f"{target.display}: is a directory")
    except OSError as exc:
        return Read(target, error=f"{target.display}: cannot read: {exc.strerror or exc}")
