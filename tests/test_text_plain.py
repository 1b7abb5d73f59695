"""Text output without colour is built without rich, and is exactly what rich prints without colour."""

from __future__ import annotations

import shutil
import sys
from datetime import date
from pathlib import Path

import pytest
from paths import EXAMPLES, ROOT

from partnercheck.config.settings import Settings
from partnercheck.plugins.manager import load_registry
from partnercheck.report.formats.text import render, render_plain, render_rich
from partnercheck.run.lint import Request, lint

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import repository  # noqa: E402

REGISTRY = load_registry()


def run_of(*paths: Path, today: date = date(2026, 1, 15)):  # type: ignore[no-untyped-def]
    return lint(Request(tuple(str(p) for p in paths)), REGISTRY, Settings(today=today))


def cases(tmp: Path) -> list[list[Path]]:
    broken = sorted((EXAMPLES / "broken").glob("*.yaml"))
    many = repository(25, tmp / "repo")  # past the scorecard's 20 files: the short listing
    for extra in range(6):
        shutil.copy(many[0], tmp / "repo" / f"copy-{extra}.yaml")
    return [[EXAMPLES / "plateforme-aide-a-la-personne.yaml"], *[[b] for b in broken], broken, [tmp / "repo"], [EXAMPLES]]


@pytest.mark.slow
@pytest.mark.parametrize("quiet", [False, True])
def test_plain_is_what_rich_prints(tmp_path: Path, quiet: bool) -> None:
    for paths in cases(tmp_path):
        run = run_of(*paths)
        plain = render_plain(run, {"quiet": quiet})
        assert plain is not None
        assert plain == render_rich(run, {"quiet": quiet, "color": False}), paths


def test_no_colour_needs_no_rich(tmp_path: Path) -> None:
    run = run_of(EXAMPLES / "broken")
    assert render(run, {"color": False}) == render_plain(run, {})
    assert "\x1b[" in render(run, {"color": True})  # colour: rich


def test_tabs_and_control_characters_are_left_to_rich() -> None:
    run = run_of(EXAMPLES / "broken" / "sans-pilote.yaml")
    assert run.active, "the broken example gives findings"
    for odd in ("\t", "\x0b", "\x1b"):
        run.active[0].message = f"a message with {odd} in it"
        assert render_plain(run, {}) is None
        assert render(run, {"color": False}) == render_rich(run, {"color": False})
