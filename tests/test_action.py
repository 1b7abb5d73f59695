"""The GitHub Action (`action.yml`): its structure, and its scripts run for real."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from formats_support import CHARTER, place_broken
from paths import ROOT
from ruamel.yaml import YAML

ACTION = YAML(typ="safe").load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS: list[dict[str, Any]] = ACTION["runs"]["steps"]
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}")


def step(step_id: str | None = None, uses: str | None = None, name: str | None = None) -> dict[str, Any]:
    for s in STEPS:
        if (step_id and s.get("id") == step_id) or (uses and s.get("uses", "").startswith(uses)) or (name and s.get("name") == name):
            return s
    raise AssertionError(f"no step {step_id or uses or name}")


def expressions() -> list[str]:
    return [m.strip() for m in EXPRESSION.findall(json.dumps(ACTION))]


def test_is_a_composite_action_with_the_documented_inputs() -> None:
    assert ACTION["runs"]["using"] == "composite"
    assert set(ACTION["inputs"]) == {"paths", "args", "sarif", "python-version"}
    for name, spec in ACTION["inputs"].items():
        assert spec["description"] and "default" in spec and spec.get("required") is False, name
    assert ACTION["inputs"]["sarif"]["default"] == "false"


def test_every_input_is_used_and_every_reference_exists() -> None:
    used = {m for e in expressions() for m in re.findall(r"inputs\.([\w-]+)", e)}
    assert used == set(ACTION["inputs"])
    ids = {s["id"] for s in STEPS if "id" in s}
    for e in expressions():
        for step_id, output in re.findall(r"steps\.([\w-]+)\.outputs\.([\w-]+)", e):
            assert step_id in ids, e
            assert f'echo "{output}=' in step(step_id)["run"], e
    for name, spec in ACTION["outputs"].items():
        assert EXPRESSION.fullmatch(spec["value"]), name


def test_run_steps_name_their_shell_and_take_inputs_through_the_environment() -> None:
    for s in STEPS:
        if "run" in s:
            assert s["shell"] == "bash", s["name"]
            assert "${{" not in s["run"], f"{s['name']}: expressions inside a script allow injection"


def test_installs_from_the_action_checkout_with_the_chosen_python() -> None:
    setup = step(uses="actions/setup-python@")
    assert setup["with"]["python-version"] == "${{ inputs.python-version }}"
    install = step(name="Install partnercheck")
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert 'pip install' in install["run"] and '"$ACTION_PATH"' in install["run"]
    assert STEPS.index(setup) < STEPS.index(install) < STEPS.index(step("check"))


def test_uploads_sarif_only_when_asked() -> None:
    upload = step(uses="github/codeql-action/upload-sarif@")
    assert "inputs.sarif == 'true'" in upload["if"] and "always()" in upload["if"]
    assert upload["with"]["sarif_file"] == "${{ steps.check.outputs.sarif-file }}"
    assert STEPS.index(step("check")) < STEPS.index(upload) < STEPS.index(step(name="Fail on findings"))


def run_script(script: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    full = {**os.environ, "PATH": path, **env}
    full.pop("GITHUB_ACTIONS", None)
    return subprocess.run(["bash", "-e", "-c", script], cwd=cwd, env=full, capture_output=True, text=True, timeout=120)


def outputs(file: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in file.read_text(encoding="utf-8").splitlines())


@pytest.mark.slow
@pytest.mark.parametrize("sarif", ["true", "false"])
def test_check_step_annotates_writes_sarif_and_records_the_exit_code(tmp_path: Path, sarif: str) -> None:
    place_broken(tmp_path)
    (tmp_path / "temp").mkdir()
    env = {"PATHS": "charters", "ARGS": "--today 2026-01-01 --fail-on error", "SARIF": sarif, "RUNNER_TEMP": str(tmp_path / "temp"), "GITHUB_OUTPUT": str(tmp_path / "out.txt")}
    done = run_script(step("check")["run"], env, tmp_path)
    assert done.returncode == 0, done.stderr  # the step records the code; a later step fails the job
    assert f"::error file={CHARTER}," in done.stdout
    recorded = outputs(tmp_path / "out.txt")
    assert recorded["exit-code"] == "1"
    if sarif == "true":
        log = json.loads(Path(recorded["sarif-file"]).read_text(encoding="utf-8"))
        assert any(r["ruleId"] == "PIL01" for r in log["runs"][0]["results"])
    else:
        assert "sarif-file" not in recorded


def test_check_step_on_a_clean_charter_records_zero(tmp_path: Path) -> None:
    env = {"PATHS": str(ROOT / "examples" / "plateforme-aide-a-la-personne.yaml"), "ARGS": "--fail-on error", "SARIF": "false", "RUNNER_TEMP": str(tmp_path), "GITHUB_OUTPUT": str(tmp_path / "out.txt")}
    done = run_script(step("check")["run"], env, tmp_path)
    assert done.returncode == 0, done.stderr
    assert outputs(tmp_path / "out.txt")["exit-code"] == "0"


def test_fail_step_exits_with_the_recorded_code(tmp_path: Path) -> None:
    fail = step(name="Fail on findings")
    assert fail["if"] == "${{ steps.check.outputs.exit-code != '0' }}"
    assert run_script(fail["run"], {"CODE": "1"}, tmp_path).returncode == 1
