"""Git access through the `git` command.

The `git` command rather than a library: it is always present where charters
live in git (CI runners, pre-commit, a coordinator's checkout), it adds no
dependency, and it answers the questions that matter here directly (a shallow
clone through `git rev-parse --is-shallow-repository`). Every failure — no git,
not a repository, a shallow clone, an unknown revision — is a `GitError`: a
usage error (exit 2) with one actionable line, never a traceback.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from partnercheck.errors import UsageError
from partnercheck.report.messages import said

#: Longest a single git command may take: a huge history must not hang a CI job silently.
TIMEOUT = 120.0


class GitError(UsageError):
    """git is missing, or cannot answer: the message says why and what to do."""


@dataclass(frozen=True)
class Change:
    """A file changed since a revision: its path now and at the revision (None when it is new), relative to the repository."""

    path: str
    old_path: str | None


@dataclass(frozen=True)
class Revision:
    """One commit of a file's history: its id, author date (YYYY-MM-DD), subject, and the file's path then."""

    commit: str
    date: str
    subject: str
    path: str


class Repository:
    """The git repository holding `start` (a file or folder)."""

    def __init__(self, start: Path | str = ".") -> None:
        start = Path(start)
        folder = start if start.is_dir() else start.parent
        self.root = Path(_git(["rev-parse", "--show-toplevel"], folder, what=said("usage.git-not-a-repository", path=str(start))).decode().strip())

    def resolve(self, ref: str, flag: str = "--base") -> str:
        """The commit `ref` names; a shallow clone that lacks it, or an unknown name, is a `GitError`."""
        try:
            return _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], self.root, what="").decode().strip()
        except GitError:
            if self.shallow():
                raise GitError(said("usage.git-shallow", flag=flag, ref=ref)) from None
            raise GitError(said("usage.git-no-revision", flag=flag, ref=ref, root=str(self.root))) from None

    def fork_point(self, commit: str) -> str:
        """Where the work now checked out left `commit`'s line (`git merge-base commit HEAD`), as a pull request's diff starts;
        `commit` itself when there is no common ancestor to find (no commit yet, unrelated histories)."""
        try:
            return _git(["merge-base", commit, "HEAD"], self.root, what="").decode().strip() or commit
        except GitError:
            return commit

    def shallow(self) -> bool:
        return _git(["rev-parse", "--is-shallow-repository"], self.root).decode().strip() == "true"

    def changes(self, commit: str) -> list[Change]:
        """Files that differ between `commit` and the working tree (staged or not), renames followed, and untracked files."""
        out = _git(["diff", "--name-status", "-M", "-z", "--no-ext-diff", commit, "--"], self.root)
        fields = out.decode("utf-8", "surrogateescape").split("\0")
        changes: list[Change] = []
        i = 0
        while i < len(fields) - 1:
            status = fields[i]
            if status.startswith(("R", "C")):
                changes.append(Change(fields[i + 2], fields[i + 1] if status.startswith("R") else None))
                i += 3
                continue
            if not status.startswith("D"):
                changes.append(Change(fields[i + 1], None if status.startswith("A") else fields[i + 1]))
            i += 2
        untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], self.root).decode("utf-8", "surrogateescape")
        changes += [Change(p, None) for p in untracked.split("\0") if p]
        return changes

    def show(self, commit: str, path: str) -> bytes | None:
        """The bytes of `path` (relative to the repository) at `commit`, or None when it did not exist there."""
        try:
            return _git(["show", f"{commit}:{path}"], self.root, what="")
        except GitError:
            return None

    def relative(self, path: Path | str) -> str:
        """`path` relative to the repository root, with forward slashes."""
        return Path(path).resolve().relative_to(self.root.resolve()).as_posix()

    def history(self, path: str) -> list[Revision]:
        """The commits that changed `path`, oldest first, renames followed."""
        out = _git(["log", "--follow", "--format=%x1e%H%x1f%ad%x1f%s", "--date=short", "--name-only", "--", path], self.root)
        revisions = []
        for record in out.decode("utf-8", "replace").split("\x1e")[1:]:
            head, _, names = record.partition("\n")
            commit, date, subject = head.split("\x1f", 2)
            named = [n for n in names.split("\n") if n.strip()]
            revisions.append(Revision(commit, date, subject, named[-1] if named else path))
        return revisions[::-1]


def _git(args: list[str], cwd: Path, what: str | None = None) -> bytes:
    """Run git; its failure is a `GitError` with `what` (or git's own words)."""
    try:
        done = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=cwd, capture_output=True, timeout=TIMEOUT, check=False)
    except FileNotFoundError:
        raise GitError(said("usage.git-not-installed")) from None
    except subprocess.TimeoutExpired:
        raise GitError(said("usage.git-timeout", command=args[0], seconds=f"{TIMEOUT:g}")) from None
    except OSError as exc:
        raise GitError(said("usage.git-cannot-run", reason=str(exc.strerror or exc))) from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(what or said("usage.git-failed", command=args[0], said=lines[-1] if lines else f"exit code {done.returncode}"))
    return done.stdout
