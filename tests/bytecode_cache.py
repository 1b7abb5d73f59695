"""A pytest plugin (conftest.py's `pytest_plugins`): the suite's processes reuse compiled modules even where
PYTHONDONTWRITEBYTECODE is set (as in many containers and CI images).

With it set, every `python -m partnercheck` a test starts compiled partnercheck's modules again from
source (about 0.3 CPU second a process, hundreds of processes a session), and every xdist worker
rewrote the test modules' assertions again (about 7 CPU seconds a worker: the tests, and the
hypothesis and partnercheck packages pytest rewrites as plugins). Here the bytecode goes to a folder
of the user's own outside the working tree (PYTHONPYCACHEPREFIX), kept from one run to the next as
Python keeps `__pycache__` when the variable is not set: Python and pytest check each compiled file
against its source's size and time, and the prefix mirrors each source's full path, so checkouts do
not mix. The working tree still gets no `__pycache__`, as the variable asked. The folder is
`partnercheck-tests-pycache-<uid>` in the temporary folder, private to its owner; one that another
user owns, or that others may write, is not used: the session then writes to a folder of its own,
removed at the end. A PYTHONPYCACHEPREFIX already set is left as it is.
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
import tempfile
from pathlib import Path

import pytest

_FOLDER = "PARTNERCHECK_TESTS_PYCACHE"  # a folder this session made, for the process that removes it


def pytest_configure(config: pytest.Config) -> None:
    if not os.environ.get("PYTHONDONTWRITEBYTECODE") or os.environ.get("PYTHONPYCACHEPREFIX") or os.environ.get("PYTEST_XDIST_WORKER"):
        return
    folder = kept_folder()
    if folder is None:
        folder = os.environ[_FOLDER] = tempfile.mkdtemp(prefix="partnercheck-tests-pycache-")
    del os.environ["PYTHONDONTWRITEBYTECODE"]  # for the xdist workers and every subprocess, which inherit it
    os.environ["PYTHONPYCACHEPREFIX"] = folder
    sys.dont_write_bytecode = False  # and for this process (`-n 0`)
    sys.pycache_prefix = folder


def kept_folder(parent: str | None = None) -> str | None:
    """The user's folder kept across runs, made if missing; None when it is not safely theirs alone."""
    if not hasattr(os, "getuid"):
        return None
    path = Path(parent or tempfile.gettempdir()) / f"partnercheck-tests-pycache-{os.getuid()}"
    try:
        path.mkdir(mode=0o700, exist_ok=True)
        found = os.lstat(path)
    except OSError:
        return None
    private = stat.S_ISDIR(found.st_mode) and found.st_uid == os.getuid() and not found.st_mode & 0o077
    return str(path) if private else None


def pytest_unconfigure(config: pytest.Config) -> None:
    if os.environ.get("PYTEST_XDIST_WORKER") or not os.environ.get(_FOLDER):
        return
    shutil.rmtree(os.environ.pop(_FOLDER), ignore_errors=True)
