from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from paths import DATA, EXAMPLES, ROOT  # noqa: F401  (re-exported for tests)

pytest_plugins = ["bytecode_cache", "assert_rewrite_scope"]  # compiled modules reused by the session's processes (tests/bytecode_cache.py); no rewriting of the packages under test (tests/assert_rewrite_scope.py)


@pytest.fixture(autouse=True, scope="session")
def _no_results_cache() -> object:
    """Tests check fresh results in English with the built-in rules alone: the results cache (tests/test_cache.py) is off unless a test turns it on,
    and the locale is pinned (tests/test_i18n.py sets the language it tests)."""
    import os

    # and English messages, whatever the developer's locale and the charter's own language (the examples are French);
    # the tests of how the language is chosen unset PARTNERCHECK_LANG themselves; and no plugin installed in the venv
    # (say the template plugin, pip install -e examples/...) is loaded: tests of entry points unset it themselves
    pinned = {"PARTNERCHECK_NO_CACHE": "1", "LC_ALL": "C.UTF-8", "PARTNERCHECK_LANG": "en", "PARTNERCHECK_DISABLE_PLUGIN_AUTOLOAD": "1"}
    before = {key: os.environ.get(key) for key in pinned}
    os.environ.update(pinned)
    yield
    for key, value in before.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """Run the CLI in-process: returns (exit code, stdout, stderr)."""
    from partnercheck.cli import run

    def invoke(*argv: str) -> tuple[int, str, str]:
        try:
            code = run(list(argv))
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


@pytest.fixture
def warnings_only(tmp_path):  # type: ignore[no-untyped-def]
    """The healthy charter without conflict resolution: a warning (GOV02), no error; its path."""
    import json

    from catalog.support import healthy

    data = healthy()
    del data["governance"]["conflict_resolution"]
    path = tmp_path / "warnings-only.yaml"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.fixture
def chromium():  # type: ignore[no-untyped-def]
    """Chromium and Playwright for a browser test; skips saying what is missing, fails instead when
    PARTNERCHECK_REQUIRE_BROWSER=1 (tests/browser_support.py)."""
    from browser_support import require_browser

    return require_browser()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Modules run by their share of slow tests, highest first (a venv-building module, all slow, leads),
    each kept whole so module fixtures are set up once: under pytest-xdist the long tests start at
    once instead of leaving one worker busy at the end."""
    total: Counter[object] = Counter(getattr(item, "module", None) for item in items)
    slow: Counter[object] = Counter(getattr(item, "module", None) for item in items if item.get_closest_marker("slow"))
    items.sort(key=lambda item: -slow[getattr(item, "module", None)] / total[getattr(item, "module", None)])


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding a healthy charter `c.yaml`; no configuration file nor installed plugin interferes."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PARTNERCHECK_DISABLE_PLUGIN_AUTOLOAD", "1")
    monkeypatch.delenv("PARTNERCHECK_PLUGINS", raising=False)
    shutil.copy(EXAMPLES / "plateforme-aide-a-la-personne.yaml", tmp_path / "c.yaml")
    return tmp_path


@pytest.fixture
def unpinned_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    """For tests of how the language is chosen: no PARTNERCHECK_LANG, so flags, configuration, charter and locale decide."""
    monkeypatch.delenv("PARTNERCHECK_LANG", raising=False)


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths `Engine.lint_bytes` checked, in order."""
    seen: list[str] = []
    from partnercheck.run.engine import Engine

    original = Engine.lint_bytes

    def counting(self: Any, path: str, raw: bytes):  # type: ignore[no-untyped-def]
        seen.append(path)
        return original(self, path, raw)

    monkeypatch.setattr(Engine, "lint_bytes", counting)
    return seen
