"""docs/ci.md and the README's CI section stay true: every format documented, every
example output reproduced, every recipe consistent with the action, the hook and the CLI."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
from paths import ROOT
from ruamel.yaml import YAML

from partnercheck.cli import build_parser
from partnercheck.report.formats import BUILTIN

DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
ACTION = YAML(typ="safe").load((ROOT / "action.yml").read_text(encoding="utf-8"))
HOOKS = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
# a fenced block (any fence of three or more backticks) right after an HTML comment
MARKED = re.compile(r"<!-- (?P<mark>[^>]*?) -->\n(?P<fence>`{3,})[\w-]*\n(?P<body>.*?)\n(?P=fence)\n", re.DOTALL)
FENCED = re.compile(r"^(?P<fence>`{3,})(?P<lang>[\w-]*)\n(?P<body>.*?)\n(?P=fence)$", re.DOTALL | re.MULTILINE)


def marked(prefix: str) -> list[tuple[str, str]]:
    return [(m["mark"][len(prefix):].strip(), m["body"]) for m in MARKED.finditer(DOC) if m["mark"].startswith(prefix)]


def yaml_block(mark: str) -> Any:
    ((_, body),) = marked(mark)
    return YAML(typ="safe").load(body)


def test_every_format_has_a_section_and_no_section_is_stale() -> None:
    documented = re.findall(r"^### `([\w-]+)`$", DOC, re.MULTILINE)
    assert sorted(documented) == sorted(BUILTIN)


@pytest.mark.parametrize("command", [c for c, _ in marked("output of:")])
def test_example_outputs_are_what_the_command_prints(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    ((charter, text),) = marked("example charter:")
    (tmp_path / charter).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / charter).write_text(text + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    expected = dict(marked("output of:"))[command]
    argv = shlex.split(command)
    assert argv[0] == "partnercheck"
    code, out, err = cli(*argv[1:])
    assert code == 1, err
    assert out == expected + "\n"


def test_workflows_use_only_the_action_inputs() -> None:
    readme_blocks = [YAML(typ="safe").load(m["body"]) for m in FENCED.finditer(README) if m["lang"] == "yaml"]
    workflows = [yaml_block("github workflow"), *(b for b in readme_blocks if isinstance(b, dict) and "jobs" in b)]
    assert len(workflows) == 2, "docs/ci.md and the README each show a workflow"
    for workflow in workflows:
        steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
        action = next(s for s in steps if s.get("uses", "").startswith("partnercheck/partnercheck@"))
        assert set(action["with"]) <= set(ACTION["inputs"])
        if str(action["with"].get("sarif")).lower() == "true":
            assert workflow["permissions"]["security-events"] == "write"
        args = shlex.split(str(action["with"].get("args", "")))
        build_parser().parse_args(["check", *args, *str(action["with"].get("paths", ".")).split()])


def test_inputs_table_matches_the_action() -> None:
    rows = dict(re.findall(r"^\| `([\w-]+)` \| ([^|]+?) \|", DOC, re.MULTILINE))
    assert set(rows) == set(ACTION["inputs"])
    for name, spec in ACTION["inputs"].items():
        default = spec["default"] or "(none)"
        assert rows[name] in (f"`{default}`", default), name


def test_gitlab_recipe_writes_the_reports_it_declares() -> None:
    job = yaml_block("gitlab ci")["partnercheck"]
    command = next(line for line in job["script"] if line.startswith("partnercheck check"))
    args = build_parser().parse_args(shlex.split(command)[1:])
    outputs = dict(spec.split(":", 1) for spec in args.format if ":" in spec)
    assert set(outputs) | {spec for spec in args.format if ":" not in spec} <= set(BUILTIN)
    assert job["artifacts"]["reports"] == {"codequality": outputs["gitlab"], "junit": outputs["junit"]}


def test_pre_commit_recipe_names_the_hook() -> None:
    config = yaml_block("pre-commit config")
    (hook,) = config["repos"][0]["hooks"]
    assert hook["id"] == HOOKS[0]["id"]
    build_parser().parse_args(shlex.split(HOOKS[0]["entry"])[1:] + hook.get("args", []) + ["charter.yaml"])


def test_documented_regular_expression_matches_concise_output() -> None:
    pattern = re.search(r"`(\^\(\.\+\).*?\$)`", DOC)
    assert pattern is not None
    ((_, concise),) = [(c, body) for c, body in marked("output of:") if c.endswith("--format concise")]
    match = re.match(pattern.group(1), concise)
    assert match and match.groups()[:5] == ("charters/no-pilot.yaml", "1", "1", "PIL01", "error")
