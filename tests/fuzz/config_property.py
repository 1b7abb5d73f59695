"""The property the configuration fuzzer checks, importable without atheris (tests/fuzz/test_fuzz_harness.py).

Whatever bytes a `.partnercheck.yaml` (or a `pyproject.toml`'s
`[tool.partnercheck]`) holds, loading it, checking it against the loaded
rules and building a file's settings from it either works or raises a
`PartnercheckError` (a one-line configuration or usage error, exit 2): never
another exception. The settings it builds then check a charter without one.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from datetime import date
from pathlib import Path

from partnercheck.config.resolve import Overrides, Resolver
from partnercheck.config.settings import Settings
from partnercheck.errors import PartnercheckError
from partnercheck.plugins.manager import PluginSelection, load_registry
from partnercheck.run.engine import Engine

REGISTRY = load_registry(PluginSelection(autoload=False))
CHARTER = b"partnercheck: 1\ncharter: {id: x, title: Plateforme}\npartners:\n  - {id: a, name: Association A, type: funder}\n"
_FOLDER = Path(tempfile.mkdtemp(prefix="partnercheck-fuzz-config-"))
atexit.register(shutil.rmtree, _FOLDER, True)
(_FOLDER / ".git").mkdir(exist_ok=True)  # the tree configuration paths must stay inside


def check_config(raw: bytes) -> None:
    """The property; bytes starting with `\\x01` are a `pyproject.toml` (after that byte), others a `.partnercheck.yaml`."""
    as_toml = raw.startswith(b"\x01")
    for name in (".partnercheck.yaml", "pyproject.toml"):
        (_FOLDER / name).unlink(missing_ok=True)
    config = _FOLDER / ("pyproject.toml" if as_toml else ".partnercheck.yaml")
    config.write_bytes(raw[1:] if as_toml else raw)
    charter = _FOLDER / "charter.yaml"
    try:
        resolver = Resolver(Settings(today=date(2026, 9, 15)), Overrides(), None, False)
        resolver.prepare([_FOLDER])
        resolver.bind(REGISTRY)
        settings = resolver.settings_for(charter)
    except PartnercheckError:
        return
    result = Engine(REGISTRY, settings).lint_bytes("charter.yaml", CHARTER)
    assert not any(f.code == "INT01" for f in result.findings), [f.message for f in result.findings]
