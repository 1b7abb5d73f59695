"""Support for the output-format tests: a broken charter in a working directory, linted."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from paths import EXAMPLES

from partnercheck.config.settings import Settings
from partnercheck.findings import Severity
from partnercheck.plugins.manager import load_registry
from partnercheck.run.engine import RunResult
from partnercheck.run.lint import Request, lint

#: The broken example every format is checked on; it demonstrates PIL01.
BROKEN = EXAMPLES / "broken" / "sans-pilote.yaml"
#: Where the tests put it, relative to their working directory.
CHARTER = "charters/sans-pilote.yaml"
TODAY = date(2026, 1, 1)
FORMATS = ("text", "concise", "json", "sarif", "github", "junit", "gitlab", "markdown")


def place_broken(root: Path, name: str = CHARTER, prefix: str = "") -> Path:
    """Copy the broken charter under `root` (optionally with lines added on top)."""
    target = root / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(prefix + BROKEN.read_text(encoding="utf-8"), encoding="utf-8")
    return target


def lint_paths(*paths: str, **settings: Any) -> RunResult:
    """Lint `paths` (relative to the working directory) as `partnercheck check` does, without configuration files."""
    options = {"today": TODAY, "fail_on": Severity.WARNING, **settings}
    return lint(Request(tuple(paths)), load_registry(), Settings(**options))


def render(name: str, run: RunResult, cwd: Path) -> str:
    """`run` in format `name`, as the command renders it for standard output."""
    from partnercheck.report.formats import BUILTIN

    return BUILTIN[name](run, {"color": False, "quiet": False, "cwd": str(cwd)})
