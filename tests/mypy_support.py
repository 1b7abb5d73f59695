"""mypy `--strict` for the type tests, with one cache for the session's strict runs.

The strict runs (tests/test_types.py's run over the public API, the template plugin and a plugin's
mistakes; tests/test_template_plugin.py's run against the installed wheel) share one option set, so
they share one cache: typeshed's standard library, pytest, pluggy and partnercheck's own modules are
analysed once per session, not once per run. A module is read from the cache only when its source
hashes the same and its options are the same, so a run that reads it reports what a run from scratch
would. The cache lives in the session's temporary folder (a new session, as in CI, starts empty) and
mypy's cache is not safe for two writers: the xdist workers take turns through a lock.

`--follow-imports=silent` is part of that option set: the public API's run needs it (the package's
other modules are analysed, their strict errors not reported); in the other runs every module that is
not one of the files given is in typeshed or site-packages, whose errors mypy never reports.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from filelock import FileLock  # the test extra lists it
from wheelhouse import session_folder


@contextmanager
def strict_mypy(factory: pytest.TempPathFactory) -> Iterator[list[str]]:
    """The command of a strict run reading and writing the session's cache, held by one run at a time."""
    pytest.importorskip("mypy", reason="mypy is in the test extra: pip install -e '.[test]'")
    folder = session_folder(factory)
    with FileLock(str(folder / "mypy-strict.lock")):
        yield [sys.executable, "-m", "mypy", "--sqlite-cache", "--cache-dir", str(folder / "mypy-strict"), "--strict", "--follow-imports=silent"]
