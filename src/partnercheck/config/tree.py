"""The tree a configuration file may point into: its repository, or the folder the run started in.

A configuration file can be committed by anyone who opens a pull request, so
the paths it names (`rules`, `local-plugins`, `extends`) must not reach the
rest of the machine (`/home/user/.npmrc`, `../../.git-credentials`). The tree
of a configuration file is the closest folder above it holding a repository
(`.git` or `.hg`); without one, the current folder if the file is inside it;
otherwise the file's own folder. Paths are compared once symbolic links are
resolved, so a link inside the tree to a file outside it is refused too.
Paths given on the command line are not checked: whoever runs the command
chose them.
"""

from __future__ import annotations

from pathlib import Path

_REPOSITORY_MARKERS = (".git", ".hg")


def tree_of(folder: Path) -> Path:
    """The root of the tree a configuration file in `folder` (resolved) may point into."""
    for candidate in (folder, *folder.parents):
        if any((candidate / marker).exists() for marker in _REPOSITORY_MARKERS):
            return candidate
    cwd = Path.cwd().resolve()
    return cwd if folder == cwd or cwd in folder.parents else folder


def outside_tree(target: Path, folder: Path) -> Path | None:
    """The tree's root when `target` (resolved) lies outside the tree of a configuration in `folder`; else None."""
    root = tree_of(folder)
    return None if target == root or root in target.parents else root
