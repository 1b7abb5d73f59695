"""A pytest plugin (conftest.py's `pytest_plugins`): the session's processes reuse compiled modules even where
PYTHONDONTWRITEBYTECODE is set (as in many containers and CI images).

With it set, every `python -m partnercheck` a test starts compiled partnercheck's modules again from
source (about 0.3 CPU second a process, hundreds of processes a session), and every xdist worker
rewrote the test modules' assertions again. Here the session writes its bytecode to a temporary
folder of its own (PYTHONPYCACHEPREFIX), removed at the end: the working tree still gets no
`__pycache__`, as the variable asked. A PYTHONPYCACHEPREFIX already set is left as it is.

Python reads bytecode only from that folder once it is set, so the bytecode the interpreter and the
installed packages already have (their `__pycache__`) is hard-linked into it first: without that, every
process compiled the standard library, jsonschema, ruamel, rich, lsprotocol... from source again
(about 3 CPU seconds for each xdist worker's collection). A hard link costs a directory entry
(symbolic links were 40 times slower here); where linking is refused (another file system, a
protected interpreter), that folder is simply compiled as before.
"""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
import tempfile
import threading
from fnmatch import fnmatch
from pathlib import Path

import pytest

_FOLDER = "PARTNERCHECK_TESTS_PYCACHE"  # the folder this plugin made, for the process that removes it
_BYTECODE = f".{sys.implementation.cache_tag}.pyc"  # plain bytecode (not the -O nor pytest's rewritten kinds)


def pytest_configure(config: pytest.Config) -> None:
    if not os.environ.get("PYTHONDONTWRITEBYTECODE") or os.environ.get("PYTHONPYCACHEPREFIX") or os.environ.get("PYTEST_XDIST_WORKER"):
        return
    folder = tempfile.mkdtemp(prefix="partnercheck-tests-pycache-")
    for root in sorted({sysconfig.get_path(name) for name in ("stdlib", "platstdlib", "purelib", "platlib")}):
        _link_compiled(root, folder)
    del os.environ["PYTHONDONTWRITEBYTECODE"]  # for the xdist workers and every subprocess, which inherit it
    os.environ["PYTHONPYCACHEPREFIX"] = os.environ[_FOLDER] = folder
    sys.dont_write_bytecode = False  # and for this process (`-n 0`)
    sys.pycache_prefix = folder
    if getattr(config.option, "numprocesses", None) and not config.option.collectonly:
        _AHEAD.append(threading.Thread(target=_rewrite_ahead, args=(config,), daemon=True))
        _AHEAD[0].start()


_AHEAD: list[threading.Thread] = []


def _rewrite_ahead(config: pytest.Config) -> None:
    """Under pytest-xdist every worker imports every test module to collect it, and the workers start together:
    each rewrote every module's assertions (about 3 CPU seconds). This process, idle meanwhile, rewrites them
    first, in the order they are collected, into the shared prefix; a worker then reads each one's bytecode
    (pytest writes it atomically), rewriting only those it reaches first. Uses pytest's private rewriting
    functions: if a pytest release changes them, nothing is done ahead and the workers rewrite as before."""
    try:
        from _pytest.assertion.rewrite import PYC_TAIL, _rewrite_test, _write_pyc, assertstate_key, get_cache_dir

        state = config.stash[assertstate_key]
        for module in _test_modules(config):
            pyc = get_cache_dir(module) / (module.name[:-3] + PYC_TAIL)
            if not pyc.exists():
                source_hash, code = _rewrite_test(module, config)
                os.makedirs(pyc.parent, exist_ok=True)
                _write_pyc(state, code, source_hash, pyc)
    except Exception:  # noqa: BLE001 (an optimisation only: the workers rewrite what is left)
        return


def _test_modules(config: pytest.Config) -> list[Path]:
    """The test modules under the run's paths, in collection order (each folder's entries by name)."""
    patterns = config.getini("python_files")
    found: list[Path] = []

    def visit(path: Path) -> None:
        if path.is_dir():
            for entry in sorted(path.iterdir(), key=lambda p: p.name):
                if entry.name != "__pycache__" and not entry.name.startswith("."):
                    visit(entry)
        elif path.suffix == ".py" and any(fnmatch(path.name, pattern) for pattern in patterns):
            found.append(path)

    for arg in config.args:
        visit(Path(config.invocation_params.dir, arg.split("::")[0]).resolve())
    return found


def _link_compiled(root: str, folder: str) -> None:
    """Each `__pycache__` under root, linked where Python looks for it under the prefix (`folder` + the source's
    folder); a site-packages inside the standard library's folder is the base interpreter's, not the venv's: left out."""
    for here, subfolders, _ in os.walk(root):
        subfolders[:] = [name for name in subfolders if name != "site-packages"]
        if "__pycache__" not in subfolders:
            continue
        subfolders.remove("__pycache__")
        cache = os.path.join(here, "__pycache__")
        mirror = folder + os.path.abspath(here)
        try:
            os.makedirs(mirror, exist_ok=True)
            for name in os.listdir(cache):
                if name.endswith(_BYTECODE):
                    os.link(os.path.join(cache, name), os.path.join(mirror, name))
        except OSError:  # linking refused: this root is compiled as it was before
            return


def pytest_unconfigure(config: pytest.Config) -> None:
    if os.environ.get("PYTEST_XDIST_WORKER") or not os.environ.get(_FOLDER):
        return
    for thread in _AHEAD:
        thread.join()
    shutil.rmtree(os.environ.pop(_FOLDER), ignore_errors=True)
