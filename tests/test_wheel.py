"""The built wheel, installed in a fresh virtual environment, works on its own.

Nothing of the source checkout is importable there, so the schemas and rule
packs must come from inside the installed package: a packaging mistake (a
folder left out of the wheel, a resource read from the repository) fails here.
Slow (a venv and an install, from the session's wheelhouse: tests/wheelhouse.py), and never skipped.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from dataclasses import dataclass
from pathlib import Path

import pytest
from paths import EXAMPLES, ROOT
from wheelhouse import built_wheel, wheelhouse

HEALTHY = EXAMPLES / "plateforme-aide-a-la-personne.yaml"
BROKEN = EXAMPLES / "broken" / "sans-pilote.yaml"
TODAY = "2026-01-15"
pytestmark = pytest.mark.slow  # one wheel, venv and install for the module (--dist loadfile keeps it on one worker)


@dataclass(frozen=True)
class Installed:
    python: Path
    script: Path
    workdir: Path  # outside the checkout: nothing there to fall back on

    def run(self, *argv: str | Path) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "PARTNERCHECK_", "VIRTUAL_ENV"))}
        env.update(NO_COLOR="1", PYTHONIOENCODING="utf-8")
        return subprocess.run([str(a) for a in argv], cwd=self.workdir, env=env, capture_output=True, text=True, timeout=300)


def _run(*argv: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(a) for a in argv], cwd=cwd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{' '.join(map(str, argv))} failed:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """The session's wheel (tests/wheelhouse.py: built once from this tree) in a fresh venv, installed offline."""
    house = wheelhouse(tmp_path_factory)
    base = tmp_path_factory.mktemp("wheel")
    env_dir = base / "venv"
    venv.create(env_dir, with_pip=False, clear=True)  # no system site-packages: the editable install is not visible
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    # this pip, into the venv: spares installing pip there; no module compiled ahead: a run compiles (and keeps) what it imports
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-compile", "--no-index", "--find-links", house, built_wheel(house))
    workdir = base / "elsewhere"
    workdir.mkdir()
    return Installed(python, bindir / ("partnercheck.exe" if os.name == "nt" else "partnercheck"), workdir)


def test_the_package_is_the_installed_one(installed: Installed) -> None:
    probe = "import partnercheck, partnercheck.resources as r; print(partnercheck.__file__); print(r.data_dir('schemas')); print(r.data_dir('rules'))"
    done = installed.run(installed.python, "-c", probe)
    assert done.returncode == 0, done.stderr
    module, schemas, rules = (Path(line) for line in done.stdout.splitlines())
    package = module.parent
    assert "site-packages" in package.parts and ROOT not in package.parents
    assert schemas == package / "data" / "schemas" and rules == package / "data" / "rules"


def test_the_wheel_ships_schemas_and_rule_packs(installed: Installed) -> None:
    probe = (
        "from importlib.resources import files; import json; p = files('partnercheck');"
        "print(json.dumps({'schema': (p / 'data' / 'schemas' / 'charter.schema.json').is_file(),"
        " 'packs': sorted(x.name for x in (p / 'data' / 'rules').iterdir() if x.name.endswith('.yaml'))}))"
    )
    done = installed.run(installed.python, "-c", probe)
    assert done.returncode == 0, done.stderr
    shipped = json.loads(done.stdout)
    assert shipped["schema"] is True
    assert shipped["packs"] == sorted(p.name for p in (ROOT / "rules").glob("*.yaml"))


def test_check_healthy_example_json_exit_0(installed: Installed) -> None:
    done = installed.run(installed.script, "check", HEALTHY, "--format", "json", "--today", TODAY)
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert report["summary"]["files"] == 1
    assert [f for f in report["findings"] if f["severity"] in ("error", "warning")] == []


def test_check_broken_example_json_exit_1(installed: Installed) -> None:
    done = installed.run(installed.script, "check", BROKEN, "--format", "json", "--today", TODAY)
    assert done.returncode == 1, done.stdout + done.stderr
    codes = {f["code"] for f in json.loads(done.stdout)["findings"]}
    assert "PIL01" in codes  # a rule from a pack read inside the installed package


def test_missing_file_exit_2_without_traceback(installed: Installed) -> None:
    done = installed.run(installed.script, "check", installed.workdir / "absent.yaml")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and done.stderr.strip()


def test_schema_command_prints_the_packaged_schema(installed: Installed) -> None:
    done = installed.run(installed.script, "schema")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == json.loads((ROOT / "schemas" / "charter.schema.json").read_text(encoding="utf-8"))


def test_rule_command_explains_a_packaged_rule(installed: Installed) -> None:
    done = installed.run(installed.script, "rule", "PIL01")
    assert done.returncode == 0, done.stderr
    assert "PIL01" in done.stdout and "no-pilot-designated" in done.stdout


def test_rules_command_lists_every_packaged_rule(installed: Installed) -> None:
    from partnercheck.testing import default_registry

    done = installed.run(installed.script, "rules", "--format", "json")
    assert done.returncode == 0, done.stderr
    listed = sorted(r["code"] for r in json.loads(done.stdout) if r["plugin"] == "core")
    assert listed == sorted(code for code, rule in default_registry().rules.items() if rule.plugin == "core")


def test_module_version(installed: Installed) -> None:
    from partnercheck import __version__

    done = installed.run(installed.python, "-m", "partnercheck", "--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"partnercheck {__version__}"


def _imported(importtime_log: str) -> set[str]:
    """Module names from `python -X importtime` output."""
    return {line.rsplit("|", 1)[1].strip() for line in importtime_log.splitlines() if line.startswith("import time:") and "|" in line} - {"package"}


def test_version_imports_nothing_heavy(installed: Installed) -> None:
    """`--version` is answered by the CLI module alone (issue 7: under 60 ms): the import list is what keeps it fast."""
    startup = _imported(installed.run(installed.python, "-X", "importtime", "-c", "pass").stderr)
    done = installed.run(installed.python, "-X", "importtime", installed.script, "--version")
    assert done.returncode == 0 and done.stdout.startswith("partnercheck "), done.stderr
    added = _imported(done.stderr) - startup
    ours = {m for m in added if m.split(".")[0] == "partnercheck"}
    assert ours == {"partnercheck", "partnercheck.cli"}
    assert not added & {"argparse", "typing", "jsonschema", "rich", "ruamel.yaml", "pluggy", "json"}, sorted(added)


def test_the_translations_and_starters_ship_in_the_wheel(installed: Installed) -> None:
    done = installed.run(installed.script, "check", BROKEN, "--format", "json", "--today", TODAY, "--lang", "fr")
    messages = {f["code"]: f["message"] for f in json.loads(done.stdout)["findings"]}
    assert messages["PIL01"].startswith("Aucun pilote n'est désigné"), messages["PIL01"]
    done = installed.run(installed.script, "check", BROKEN, "--today", TODAY, "--lang", "fr")
    assert "Pas prête à signer" in done.stdout  # the reporters' words
    for lang, first in (("fr", "# Charte de partenariat"), ("en", "# Partnership charter")):
        done = installed.run(installed.script, "init", "-", "--lang", lang)
        assert done.returncode == 0 and done.stdout.startswith(first), done.stderr


def test_the_report_templates_ship_in_the_wheel(installed: Installed) -> None:
    done = installed.run(installed.script, "report", BROKEN, "-o", "-", "--today", TODAY)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("<!DOCTYPE html>") and '<html lang="fr">' in done.stdout  # the charter's language
    assert "Avant de signer" in done.stdout and '<svg class="partner-map ' in done.stdout
