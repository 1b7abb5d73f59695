"""The template plugin, installed for real: a clean venv, partnercheck built from
this tree (the session's wheel: tests/wheelhouse.py), then `examples/partnercheck-plugin-example`. Its rules must be listed,
explained and fire, and its own tests must pass with that venv's pytest.

One venv for the whole module (installing takes a few seconds); every test reads it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from mypy_support import strict_mypy
from wheelhouse import TEMPLATE, built_wheel, wheelhouse

pytestmark = pytest.mark.slow  # one venv for the module (--dist loadfile keeps it on one worker)
JUNK = shutil.ignore_patterns(".git", "__pycache__", ".pytest_cache", ".hypothesis", ".benchmarks", "*.egg-info", "build", "dist", ".venv", "*.pyc")


@dataclass
class Venv:
    root: Path
    plugin: Path  # the installed copy of the template, with its tests
    work: Path

    def bin(self, name: str) -> str:
        return str(self.root / "bin" / name)

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PARTNERCHECK_", "PYTHON", "VIRTUAL_ENV", "PYTEST"))}
        env.update(PATH=f"{self.root / 'bin'}{os.pathsep}{env.get('PATH', '')}", NO_COLOR="1", COLUMNS="200", VIRTUAL_ENV=str(self.root))
        return env

    def run(self, *argv: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(argv, cwd=cwd or self.work, env=self.env(), capture_output=True, text=True, timeout=600)

    def partnercheck(self, *args: str) -> subprocess.CompletedProcess[str]:
        return self.run(self.bin("partnercheck"), *args)


def _install(venv: Venv, house: Path, *targets: str) -> None:
    """This interpreter's pip installs into the venv (`--python`), which spares the venv its own pip; offline, from the session's wheelhouse;
    no module compiled ahead (a run compiles, and keeps, what it imports)."""
    offline = ("--no-compile", "--no-index", "--find-links", str(house))
    done = venv.run(sys.executable, "-m", "pip", "--python", venv.bin("python"), "install", "--quiet", *offline, *targets)
    if done.returncode != 0:
        raise AssertionError(f"pip install {' '.join(targets)} failed:\n{done.stdout}\n{done.stderr}")


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Venv:
    house = wheelhouse(tmp_path_factory)
    base = tmp_path_factory.mktemp("template-plugin")
    plugin = base / "plugin"
    shutil.copytree(TEMPLATE, plugin, ignore=JUNK)
    work = base / "work"
    work.mkdir()
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(base / "venv")], check=True, capture_output=True, timeout=300)
    env = Venv(base / "venv", plugin, work)
    _install(env, house, str(built_wheel(house)), f"{plugin}[test]")  # one resolution: the plugin's `partnercheck` is this tree's wheel
    return env


CHARTER = textwrap.dedent(
    """\
    partnercheck: 1
    charter: {id: plateforme, title: Plateforme, language: fr}
    vision: Qualifier les demandeurs d'emploi aux métiers de l'aide à domicile.
    partners:
      - id: rectorat
        name: Rectorat
        type: institution
      - id: region
        name: Conseil régional
        type: funder
        contributions: [{kind: funding, description: fonctionnement}]
    pilot: {partners: [rectorat]}
    governance:
      bodies:
        - {id: copil, name: Comité de pilotage, level: strategic, members: [rectorat, region]}
    x-org-example:
      funding_agreement: CONV-2026-014
      reviewed_on: next week
    """
)


def test_the_venv_is_clean_and_runs_the_copy_it_built(venv: Venv) -> None:
    assert "include-system-site-packages = false" in (venv.root / "pyvenv.cfg").read_text()
    where = venv.run(venv.bin("python"), "-c", "import partnercheck, partnercheck_plugin_example as p; print(partnercheck.__file__); print(p.__file__)")
    assert where.returncode == 0, where.stderr
    for line in where.stdout.splitlines():
        assert Path(line).resolve().is_relative_to(venv.root.resolve()), line


def test_rules_lists_the_plugin_rules_with_the_plugin_name(venv: Venv) -> None:
    done = venv.partnercheck("rules", "--format", "json")
    assert done.returncode == 0, done.stderr
    ours = {r["code"]: r for r in json.loads(done.stdout) if r["plugin"] == "org-example"}
    assert sorted(ours) == ["ORG01", "ORG02"]
    assert {r["plugin_version"] for r in ours.values()} == {"0.1.0"}
    assert ours["ORG01"]["name"] == "funding-amount-unstated" and ours["ORG01"]["options"] == {"funder_types": ["funder"]}
    table = venv.partnercheck("rules", "--pack", "org-example")
    assert table.returncode == 0, table.stderr
    rows = [line.split() for line in table.stdout.splitlines()[1:] if line.strip()]
    assert [(row[0], row[1], row[-1]) for row in rows] == [("ORG01", "funding-amount-unstated", "org-example"), ("ORG02", "minutes-unpublished", "org-example")]


def test_rule_explains_a_plugin_rule(venv: Venv) -> None:
    done = venv.partnercheck("rule", "ORG01")
    assert done.returncode == 0, done.stderr
    text = " ".join(done.stdout.split())
    for expected in (
        "ORG01 funding-amount-unstated (org-example pack, warning by default)",
        "Why it matters",
        "The partners plan their work on the money announced.",
        "Wilder (sufficient funds, staff, materials and time)",
        "funder_types",
        "Example that fails",
        "contributions: [{kind: funding, description: fonctionnement}]",
        "plugin org-example 0.1.0",
    ):
        assert expected in text
    by_name = venv.partnercheck("rule", "minutes-unpublished")
    assert by_name.returncode == 0 and "ORG02 minutes-unpublished" in by_name.stdout


def test_plugins_shows_the_version_and_what_it_registered(venv: Venv) -> None:
    done = venv.partnercheck("plugins", "--format", "json")
    assert done.returncode == 0, done.stderr
    plugin = next(p for p in json.loads(done.stdout) if p["name"] == "org-example")
    assert plugin == {
        "name": "org-example",
        "version": "0.1.0",
        "registered": {"rules": ["ORG01", "ORG02"], "functions": ["org_example.funding_amount_unstated"], "schema extensions": ["x-org-example"]},
        "error": None,
    }
    table = venv.partnercheck("plugins")
    row = next(line for line in table.stdout.splitlines() if line.startswith("org-example"))
    assert "0.1.0" in row and "ORG01, ORG02" in row and "loaded" in row


def test_the_plugin_rules_and_schema_fire_on_a_charter(venv: Venv) -> None:
    (venv.work / "charte.yaml").write_text(CHARTER, encoding="utf-8")
    done = venv.partnercheck("check", "charte.yaml", "--format", "json", "--today", "2026-01-15")
    assert done.returncode == 1, done.stderr
    findings = json.loads(done.stdout)["findings"]
    ours = [(f["code"], f["pointer"], f["line"], f["plugin"], f["severity"]) for f in findings if f["code"].startswith("ORG")]
    assert ours == [
        ("ORG01", "/partners/1/contributions/0", 11, "org-example", "warning"),
        ("ORG02", "/governance/bodies/0", 15, "org-example", "warning"),
    ]
    extension = [(f["pointer"], f["line"]) for f in findings if f["code"] == "SCH01"]
    assert extension == [("/x-org-example/reviewed_on", 18)]
    assert done.stderr == ""


def test_disabling_the_plugin_removes_its_rules_and_schema(venv: Venv) -> None:
    (venv.work / "charte.yaml").write_text(CHARTER, encoding="utf-8")
    done = venv.partnercheck("check", "charte.yaml", "--format", "json", "--disable-plugin", "org-example")
    assert done.returncode == 1, done.stderr
    codes = {f["code"] for f in json.loads(done.stdout)["findings"]}
    assert not {"ORG01", "ORG02", "SCH01"} & codes


def test_the_template_own_tests_pass_with_the_harness(venv: Venv) -> None:
    done = venv.run(venv.bin("python"), "-m", "pytest", "-v", "-p", "no:cacheprovider", cwd=venv.plugin)
    assert done.returncode == 0, done.stdout + done.stderr
    passed = [line for line in done.stdout.splitlines() if line.endswith("PASSED") or " PASSED " in line]
    from_yaml = [line for line in passed if "test_funding.cases.yaml::" in line]
    from_python = [line for line in passed if "test_funding.py::" in line]
    assert len(from_yaml) == 4, done.stdout
    assert any("test_a_funding_contribution_without_amount_is_flagged" in line for line in from_python)
    assert any("ORG02:fails" in line for line in from_python) and any("ORG01:a funder that has left is not asked" in line for line in from_python)
    assert "SKIPPED" not in done.stdout and "FAILED" not in done.stdout


def test_a_failing_case_file_reads_plainly(venv: Venv) -> None:
    bad = venv.plugin / "tests" / "test_wrong.cases.yaml"
    bad.write_text(
        textwrap.dedent(
            """\
            rule: ORG01
            cases:
              - name: wrongly expects nothing
                charter: |
                  partnercheck: 1
                  charter: {id: x, title: X}
                  partners: [{id: region, name: Région, type: funder}]
                expect: []
            """
        ),
        encoding="utf-8",
    )
    try:
        done = venv.run(venv.bin("python"), "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_wrong.cases.yaml", cwd=venv.plugin)
    finally:
        bad.unlink()
    assert done.returncode == 1
    assert "case ORG01:wrongly expects nothing failed:" in done.stdout
    assert "unexpected: ORG01 at '/partners/0' (line 3, column 12): Partner `region` (funder) lists no funding contribution" in done.stdout
    assert "Traceback" not in done.stdout


def test_the_template_passes_mypy_strict_against_the_installed_wheel(venv: Venv, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The wheel ships `py.typed`: mypy, reading the venv's site-packages, checks the plugin against partnercheck's own types
    (with the session's strict cache: tests/mypy_support.py)."""
    with strict_mypy(tmp_path_factory) as mypy:
        done = venv.run(*mypy, "--python-executable", venv.bin("python"), "src", "tests", cwd=venv.plugin)
    assert done.returncode == 0, done.stdout + done.stderr
    site = venv.run(venv.bin("python"), "-c", "import partnercheck, pathlib; print((pathlib.Path(partnercheck.__file__).parent / 'py.typed').is_file())")
    assert site.stdout.strip() == "True"
