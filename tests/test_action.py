"""The GitHub Action (`action.yml`): its structure, its pins, and its scripts run for real
with a fake runner environment (`GITHUB_OUTPUT`, `GITHUB_STEP_SUMMARY`, `GITHUB_EVENT_PATH`)."""

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
from wheelhouse import offline_pip, wheelhouse

ACTION_TEXT = (ROOT / "action.yml").read_text(encoding="utf-8")
ACTION = YAML(typ="safe").load(ACTION_TEXT)
STEPS: list[dict[str, Any]] = ACTION["runs"]["steps"]
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}")
BIN = str(Path(sys.executable).parent)  # where this environment's partnercheck is: the install step's output


def step(step_id: str | None = None, uses: str | None = None, name: str | None = None) -> dict[str, Any]:
    for s in STEPS:
        if (step_id and s.get("id") == step_id) or (uses and s.get("uses", "").startswith(uses)) or (name and s.get("name") == name):
            return s
    raise AssertionError(f"no step {step_id or uses or name}")


def expressions() -> list[str]:
    return [m.strip() for m in EXPRESSION.findall(json.dumps(ACTION))]


def check_jsonschema(schema: str, file: Path) -> tuple[int, str]:
    """`check-jsonschema --builtin-schema SCHEMA FILE`, its exit code and output: its click command run in this
    process (click's CliRunner), which spares an interpreter and check-jsonschema's imports on every call."""
    from check_jsonschema.cli.main_command import main
    from click.testing import CliRunner

    done = CliRunner().invoke(main, ["--builtin-schema", schema, "--color", "never", str(file)])
    return done.exit_code, done.output + (repr(done.exception) if done.exit_code not in (0, 1) else "")


def test_the_metadata_is_valid_against_the_action_schema() -> None:
    """SchemaStore's github-action.json, as vendored by check-jsonschema (`vendor.github-actions`)."""
    code, output = check_jsonschema("vendor.github-actions", ROOT / "action.yml")
    assert code == 0, output


def test_is_a_composite_action_with_the_documented_inputs() -> None:
    assert ACTION["runs"]["using"] == "composite"
    assert set(ACTION["inputs"]) == {"paths", "args", "sarif", "category", "python-version"}
    for name, spec in ACTION["inputs"].items():
        assert spec["description"] and "default" in spec and spec.get("required") is False, name
    assert ACTION["inputs"]["sarif"]["default"] == "false"
    assert ACTION["inputs"]["category"]["default"] == "partnercheck"


def test_every_input_is_used_and_every_reference_exists() -> None:
    used = {m for e in expressions() for m in re.findall(r"inputs\.([\w-]+)", e)}
    assert used == set(ACTION["inputs"])
    ids = {s["id"] for s in STEPS if "id" in s}
    for e in expressions():
        for step_id, output in re.findall(r"steps\.([\w-]+)\.outputs\.([\w-]+)", e):
            assert step_id in ids, e
            if "run" in step(step_id):
                assert f'echo "{output}=' in step(step_id)["run"], e
    for name, spec in ACTION["outputs"].items():
        assert EXPRESSION.fullmatch(spec["value"]), name


def test_run_steps_name_their_shell_and_take_inputs_through_the_environment() -> None:
    for s in STEPS:
        if "run" in s:
            assert s["shell"] == "bash", s["name"]
            assert "${{" not in s["run"], f"{s['name']}: expressions inside a script allow injection"


def test_every_action_used_is_pinned_to_a_commit_with_its_version_in_a_comment() -> None:
    lines = [line.strip() for line in ACTION_TEXT.splitlines() if line.strip().startswith("uses:")]
    assert len(lines) == sum(1 for s in STEPS if "uses" in s) == 3
    for line in lines:
        assert re.fullmatch(r"uses: [\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), line
    majors = {s["uses"].split("@")[0]: None for s in STEPS if "uses" in s}
    assert set(majors) == {"actions/setup-python", "actions/cache", "github/codeql-action/upload-sarif"}
    assert "# v4." in next(l for l in lines if "upload-sarif" in l)  # v3 is deprecated
    assert "# v7." in next(l for l in lines if "setup-python" in l)  # v5 ran on Node 20


def test_the_jobs_python_is_left_alone_and_pip_downloads_are_cached() -> None:
    setup = step(uses="actions/setup-python@")
    assert setup["with"]["update-environment"] is False
    assert setup["with"]["python-version"] == "${{ inputs.python-version }}"
    cache = step(uses="actions/cache@")
    assert cache["with"]["path"] == "${{ steps.pip-cache.outputs.dir }}"
    install = step("install")
    assert install["env"]["PIP_CACHE_DIR"] == "${{ steps.pip-cache.outputs.dir }}"
    assert install["env"]["PYTHON"] == "${{ steps.python.outputs.python-path }}"
    assert STEPS.index(setup) < STEPS.index(step("pip-cache")) < STEPS.index(cache) < STEPS.index(install) < STEPS.index(step("check"))


def test_uploads_sarif_only_when_asked_and_not_from_a_fork() -> None:
    upload = step(uses="github/codeql-action/upload-sarif@")
    assert upload["if"] == "${{ always() && steps.upload.outputs.upload == 'true' }}"
    decide = step("upload")
    assert "inputs.sarif == 'true'" in decide["if"] and "always()" in decide["if"]
    assert upload["with"] == {"sarif_file": "${{ steps.check.outputs.sarif-file }}", "category": "${{ inputs.category }}"}
    assert STEPS.index(step("check")) < STEPS.index(decide) < STEPS.index(upload) < STEPS.index(step(name="Fail on findings"))


def run_script(script: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "RUNNER_TEMP": str(cwd / "temp"), "RUNNER_OS": "Linux", "GITHUB_OUTPUT": str(cwd / "out.txt"), **env}
    (cwd / "temp").mkdir(exist_ok=True)
    full.pop("GITHUB_ACTIONS", None)
    return subprocess.run(["bash", "-e", "-c", script], cwd=cwd, env=full, capture_output=True, text=True, timeout=300)


def outputs(file: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in file.read_text(encoding="utf-8").splitlines()) if file.exists() else {}


@pytest.mark.slow
@pytest.mark.parametrize("sarif", ["true", "false"])
def test_check_step_annotates_summarises_writes_sarif_and_records_the_exit_code(tmp_path: Path, sarif: str) -> None:
    place_broken(tmp_path)
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    env = {"BIN": BIN, "PATHS": "charters", "ARGS": "--today 2026-01-01 --fail-on error", "SARIF": sarif, "GITHUB_STEP_SUMMARY": str(summary)}
    done = run_script(step("check")["run"], env, tmp_path)
    assert done.returncode == 0, done.stderr  # the step records the code; a later step fails the job
    assert f"::error file={CHARTER}," in done.stdout
    recorded = outputs(tmp_path / "out.txt")
    assert recorded["exit-code"] == "1"
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n") and "PIL01" in written and "|" in written  # appended, in Markdown
    if sarif == "true":
        log = json.loads(Path(recorded["sarif-file"]).read_text(encoding="utf-8"))
        assert any(r["ruleId"] == "PIL01" for r in log["runs"][0]["results"])
    else:
        assert "sarif-file" not in recorded


def test_args_and_paths_are_parsed_like_a_shell(tmp_path: Path) -> None:
    place_broken(tmp_path, "my charters/sans pilote.yaml")
    env = {"BIN": BIN, "PATHS": '"my charters"', "ARGS": '--today 2026-01-01 --select "PIL01" --fail-on \'error\'', "SARIF": "false"}
    done = run_script(step("check")["run"], env, tmp_path)
    assert done.returncode == 0, done.stderr
    assert outputs(tmp_path / "out.txt")["exit-code"] == "1", done.stdout + done.stderr  # 2 if the quotes reached partnercheck
    assert "::error file=my charters/sans pilote.yaml," in done.stdout and "title=PIL01" in done.stdout
    assert {line.split("title=", 1)[1].split(" ", 1)[0] for line in done.stdout.splitlines() if "title=" in line} == {"PIL01"}


def test_args_are_never_evaluated(tmp_path: Path) -> None:
    env = {"BIN": BIN, "PATHS": "absent.yaml", "ARGS": "$(touch pwned) `touch pwned2`", "SARIF": "false"}
    run_script(step("check")["run"], env, tmp_path)
    assert not (tmp_path / "pwned").exists() and not (tmp_path / "pwned2").exists()
    assert outputs(tmp_path / "out.txt")["exit-code"] == "2"


def test_check_step_on_a_clean_charter_records_zero(tmp_path: Path) -> None:
    env = {"BIN": BIN, "PATHS": str(ROOT / "examples" / "plateforme-aide-a-la-personne.yaml"), "ARGS": "--fail-on error", "SARIF": "false"}
    done = run_script(step("check")["run"], env, tmp_path)
    assert done.returncode == 0, done.stderr
    assert outputs(tmp_path / "out.txt")["exit-code"] == "0"


def _event(tmp_path: Path, event: dict[str, Any]) -> str:
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("event", "upload"),
    [
        ({"pull_request": {"head": {"repo": {"full_name": "someone/fork"}}}}, "false"),
        ({"pull_request": {"head": {"repo": {"full_name": "owner/charters"}}}}, "true"),
        ({"ref": "refs/heads/main"}, "true"),  # a push
        (None, "true"),  # no event file
    ],
)
def test_the_upload_is_skipped_with_a_notice_on_a_fork_pull_request(tmp_path: Path, event: dict[str, Any] | None, upload: str) -> None:
    env = {"BIN": BIN, "REPOSITORY": "owner/charters", "GITHUB_EVENT_PATH": _event(tmp_path, event) if event else ""}
    done = run_script(step("upload")["run"], env, tmp_path)
    assert done.returncode == 0, done.stderr
    assert outputs(tmp_path / "out.txt")["upload"] == upload
    assert ("::notice title=partnercheck::SARIF upload skipped" in done.stdout) == (upload == "false")


def test_the_pip_cache_key_follows_the_action_and_the_python(tmp_path: Path) -> None:
    env = {"ACTION_PATH": str(ROOT), "PYTHON": sys.executable}
    done = run_script(step("pip-cache")["run"], env, tmp_path)
    assert done.returncode == 0, done.stderr
    recorded = outputs(tmp_path / "out.txt")
    assert recorded["dir"] == str(tmp_path / "temp" / "partnercheck-pip-cache")
    assert re.fullmatch(rf"partnercheck-pip-Linux-{sys.version_info[0]}\.{sys.version_info[1]}-[0-9a-f]{{16}}", recorded["key"]), recorded["key"]


@pytest.mark.slow
def test_install_step_makes_its_own_venv(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The job's Python gets nothing: partnercheck goes into a venv under RUNNER_TEMP (built from the Action's folder,
    its dependencies from the session's wheelhouse as from the Action's pip cache: tests/wheelhouse.py)."""
    env = {"ACTION_PATH": str(ROOT), "PYTHON": sys.executable, "PIP_CACHE_DIR": str(tmp_path / "pip-cache"), **offline_pip(wheelhouse(tmp_path_factory))}
    done = run_script(step("install")["run"], env, tmp_path)
    assert done.returncode == 0, done.stderr
    venv_bin = Path(outputs(tmp_path / "out.txt")["bin"])
    assert venv_bin == tmp_path / "temp" / "partnercheck-venv" / "bin"
    version = subprocess.run([str(venv_bin / "partnercheck"), "--version"], capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and version.stdout.startswith("partnercheck "), version.stderr


def test_fail_step_exits_with_the_recorded_code(tmp_path: Path) -> None:
    fail = step(name="Fail on findings")
    assert fail["if"] == "${{ steps.check.outputs.exit-code != '0' }}"
    assert run_script(fail["run"], {"CODE": "1"}, tmp_path).returncode == 1
