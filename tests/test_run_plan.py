"""The typed run plan: configuration returns a frozen `RunPlan` from typed `Flags`; argparse stays in `cli/`."""

from __future__ import annotations

import ast
import dataclasses
from datetime import date
from pathlib import Path

import pytest
from paths import EXAMPLES, ROOT

from partnercheck.config.plan import Flags, Output, RunPlan, plan
from partnercheck.config.resolve import Overrides
from partnercheck.errors import UsageError
from partnercheck.findings import Severity

HEALTHY = str(EXAMPLES / "plateforme-aide-a-la-personne.yaml")
SRC = ROOT / "src" / "partnercheck"


def test_the_plan_carries_the_flags_into_the_settings(tmp_path: Path) -> None:
    (tmp_path / ".partnercheck.yaml").write_text("fail-on: error\nmax-warnings: 3\n", encoding="utf-8")
    charter = tmp_path / "c.yaml"
    charter.write_bytes(Path(HEALTHY).read_bytes())
    found = plan(Flags(paths=(str(charter),), today=date(2030, 2, 3), overrides=Overrides(min_score=70), formats=("json",), jobs=3, no_cache=True, no_plugins=True))
    assert isinstance(found, RunPlan)
    assert found.today == date(2030, 2, 3) == found.resolver.settings_for(charter).today
    assert (found.settings.fail_on, found.settings.max_warnings, found.settings.min_score) == (Severity.ERROR, 3, 70)
    assert found.outputs == (Output("json"),) and found.jobs == 3 and found.cache_dir is None
    assert [t.display for t in found.walk.targets] == [str(charter)]
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.jobs = 1  # type: ignore[misc]


def test_flags_win_over_the_configuration(tmp_path: Path) -> None:
    (tmp_path / ".partnercheck.yaml").write_text("fail-on: error\nlang: fr\n", encoding="utf-8")
    found = plan(Flags(paths=(str(tmp_path),), overrides=Overrides(fail_on=Severity.INFO, lang="en"), no_plugins=True))
    assert found.settings.fail_on is Severity.INFO and found.lang == "en"


@pytest.mark.parametrize(
    ("formats", "message"),
    [(("nope",), "unknown format 'nope'"), (("json", "text"), "only one format can go to standard output"), (("json:x.json", "sarif:x.json"), "both write x.json")],
)
def test_outputs_are_checked_when_planning(tmp_path: Path, formats: tuple[str, ...], message: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError, match=message):
        plan(Flags(paths=(HEALTHY,), formats=formats, no_plugins=True))


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_argparse_outside_the_command_line() -> None:
    outside = [p.relative_to(SRC).as_posix() for p in SRC.rglob("*.py") if "cli" not in p.relative_to(SRC).parts and "argparse" in _imports(p)]
    assert outside == []
    assert not [p for p in SRC.rglob("*.py") if "cli" not in p.relative_to(SRC).parts and "Namespace" in p.read_text(encoding="utf-8")]


def test_today_is_declared_once() -> None:
    declared = [p.relative_to(SRC).as_posix() for p in SRC.rglob("*.py") for line in p.read_text(encoding="utf-8").splitlines() if 'add_argument("--today"' in line]
    assert declared == ["cli/options.py"]
    copied = [p.relative_to(SRC).as_posix() for p in SRC.rglob("*.py") for line in p.read_text(encoding="utf-8").splitlines() if ".today = " in line]
    assert copied == ["config/plan.py"]


@pytest.mark.parametrize("command", [("check", HEALTHY), ("config", HEALTHY), ("baseline", HEALTHY, "-o", "b.json"), ("report", HEALTHY, "-o", "r.html")])
def test_every_command_takes_today(cli, command: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = cli(*command, "--today", "2026-01-15")
    assert code in (0, 1), err
    code, _, err = cli(*command, "--today", "15/01/2026")
    assert code == 2 and "use YYYY-MM-DD" in err
