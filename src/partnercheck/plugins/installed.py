"""The entry points of installed distributions, without importing `importlib.metadata` when none is of the group.

`importlib.metadata.entry_points(group=...)` imports the email package and
parses every installed distribution's metadata: a fifth of a run on one
charter, paid on every run though most environments have no partnercheck
plugin. First, a scan reads only the files `importlib.metadata` itself would
read, the `entry_points.txt` of each `*.dist-info` and `*.egg-info` folder of
each `sys.path` folder, and looks for a section header naming the group.
When no file has one, no distribution declares an entry point of the group
and the answer is empty. Otherwise, or whenever the scan cannot be sure
(a zip file on `sys.path`, a metadata finder other than the standard one on
`sys.meta_path`, a file it cannot read or decode), `importlib.metadata`
answers, exactly as it did before.
"""

from __future__ import annotations

import os
import sys
from importlib.machinery import PathFinder
from typing import Any, Sequence

_FOLDERS = (".dist-info", ".egg-info")


def entry_points(group: str) -> Sequence[Any]:
    """The installed entry points of `group` (`importlib.metadata.EntryPoint`s), in importlib.metadata's order."""
    if not may_declare(group):
        return ()
    from importlib.metadata import entry_points as installed

    return installed(group=group)


def may_declare(group: str) -> bool:
    """False only when no distribution importlib.metadata would find can declare an entry point of `group`."""
    if any(getattr(finder, "find_distributions", None) is not None for finder in sys.meta_path if finder is not PathFinder):
        return True  # another finder of distributions: only importlib.metadata knows what it finds
    return any(_folder_may_declare(entry, group) for entry in sys.path)


def _folder_may_declare(entry: str, group: str) -> bool:
    root = entry or "."
    try:
        children = os.listdir(root)
    except Exception:  # as importlib.metadata: then a zip file, or nothing
        return os.path.isfile(root)
    egg = os.path.basename(entry).lower().endswith(".egg")
    for child in children:
        low = child.lower()
        if (low.endswith(_FOLDERS) or (egg and low == "egg-info")) and _declares(os.path.join(root, child, "entry_points.txt"), group):
            return True
    return False


def _declares(path: str, group: str) -> bool:
    """Whether the file may have a `[group]` section (a line, stripped, between brackets, that names it)."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError, PermissionError):
        return False  # importlib.metadata reads no entry point from it either
    except Exception:  # undecodable, unreadable: importlib.metadata decides
        return True
    if group not in text:
        return False
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]") and group in line:
            return True
    return False
