"""The two sides of `partnercheck diff`: a file, or a git revision and path (`main:charters/x.yaml`)."""

from __future__ import annotations

from pathlib import Path

from partnercheck.errors import UsageError
from partnercheck.history.compare import Version
from partnercheck.history.git import GitError, Repository
from partnercheck.report.messages import said


def side(spec: str, limit: int) -> tuple[Path, Version]:
    """Where the side lives (for its name and configuration) and its version.

    An existing file is read as it is; otherwise `REV:PATH` is PATH (relative
    to the current directory) at the git revision REV.
    """
    path = Path(spec)
    if path.is_file():
        from partnercheck.bounded import read_path

        try:
            return path, Version(spec, read_path(path, limit))
        except OSError as exc:
            raise UsageError(said("usage.cannot-read", path=spec, reason=str(exc.strerror or exc))) from None
    rev, colon, name = spec.partition(":")
    if not colon or not rev or not name:
        raise UsageError(said("usage.no-side", spec=spec))
    location = Path(name)
    repository = Repository(location.parent if location.parent.is_dir() else ".")
    commit = repository.resolve(rev, flag="diff")
    try:
        relative = repository.relative(location)
    except ValueError:
        raise GitError(said("usage.git-outside", spec=spec, path=str(name), root=str(repository.root))) from None
    raw = repository.show(commit, relative)
    if raw is None:
        raise GitError(said("usage.git-missing-at", spec=spec, path=str(relative), rev=rev))
    return location, Version(spec, raw)
