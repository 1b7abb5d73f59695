"""A pytest plugin (conftest.py's `pytest_plugins`): the session's processes reuse compiled modules even where
PYTHONDONTWRITEBYTECODE is set (as in many containers and CI images).

With it set, every `python -m partnercheck` a test starts compiled partnercheck's modules again from
source (about 0.3 CPU second a process, hundreds of processes a session), and every xdist worker
rewrote the test modules' assertions again. Here the session writes its bytecode to a temporary
folder of its own (PYTHONPYCACHEPREFIX), removed at the end: the working tree still gets no
`__pycache__`, as the variable asked. A PYTHONPYCACHEPREFIX already set is left as it is.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile

import pytest

_FOLDER = "PARTNERCHECK_TESTS_PYCACHE"  # the folder this plugin made, for the process that removes it


def pytest_configure(config: pytest.Config) -> None:
    if not os.environ.get("PYTHONDONTWRITEBYTECODE") or os.environ.get("PYTHONPYCACHEPREFIX") or os.environ.get("PYTEST_XDIST_WORKER"):
        return
    folder = tempfile.mkdtemp(prefix="partnercheck-tests-pycache-")
    del os.environ["PYTHONDONTWRITEBYTECODE"]  # for the xdist workers and every subprocess, which inherit it
    os.environ["PYTHONPYCACHEPREFIX"] = os.environ[_FOLDER] = folder
    sys.dont_write_bytecode = False  # and for this process (`-n 0`)
    sys.pycache_prefix = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    if os.environ.get("PYTEST_XDIST_WORKER") or not os.environ.get(_FOLDER):
        return
    shutil.rmtree(os.environ.pop(_FOLDER), ignore_errors=True)
