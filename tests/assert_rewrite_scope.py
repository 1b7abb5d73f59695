"""A pytest plugin (conftest.py's `pytest_plugins`): pytest rewrites the assertions of the suite's tests, not
of the installed packages under test.

pytest marks for assertion rewriting every package of a distribution that declares a `pytest11` plugin:
partnercheck itself (for its plugin-author harness, `partnercheck.testing.pytest_plugin`) and hypothesis.
Rewriting them costs each xdist worker about 2 CPU seconds of collection (an AST walk of ~220 modules),
their rewritten bytecode is not the plain bytecode every `python -m partnercheck` subprocess reads (so
partnercheck was compiled three times a session), and a rewritten `assert` in partnercheck's source behaves
differently under test than in production. Neither package's own assertions are what the suite tests.

The marks live in a private attribute of pytest's import hook: if a pytest release changes it, nothing is
unmarked and the suite only runs slower.
"""

from __future__ import annotations

import pytest

_NOT_REWRITTEN = {"partnercheck", "hypothesis"}


def pytest_configure(config: pytest.Config) -> None:
    marked = getattr(getattr(config.pluginmanager, "rewrite_hook", None), "_must_rewrite", None)
    if isinstance(marked, set):
        marked -= _NOT_REWRITTEN
