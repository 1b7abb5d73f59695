"""The VS Code extension (editors/vscode): a valid manifest, and the server started from its configured command (issue 20)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from paths import ROOT

EXTENSION = ROOT / "editors" / "vscode"


def manifest() -> dict:
    return json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))


def test_the_manifest_has_what_vs_code_requires():
    pkg = manifest()
    for field in ("name", "displayName", "description", "version", "publisher", "engines", "main", "activationEvents", "contributes"):
        assert pkg.get(field), field
    assert pkg["engines"]["vscode"].startswith("^1.")
    assert (EXTENSION / pkg["main"]).is_file()
    assert "onLanguage:yaml" in pkg["activationEvents"]
    assert "vscode-languageclient" in pkg["dependencies"]


def test_the_settings_name_the_command_and_the_language():
    properties = manifest()["contributes"]["configuration"]["properties"]
    assert properties["partnercheck.path"]["default"] == "partnercheck"
    assert properties["partnercheck.args"]["default"] == ["server"]
    assert set(properties["partnercheck.language"]["enum"]) == {"", "en", "fr"}
    for name, spec in properties.items():
        assert name.startswith("partnercheck.") and spec.get("description") and "default" in spec, name
    main = (EXTENSION / manifest()["main"]).read_text(encoding="utf-8")
    for name in properties:  # every setting is read by the client
        assert f'config.get("{name.removeprefix("partnercheck.")}")' in main, name


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_node_starts_the_server_from_the_configured_command():
    command = Path(sys.executable).parent / "partnercheck"
    done = subprocess.run(["node", str(EXTENSION / "start-server.test.js"), str(command)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    assert answer["serverInfo"]["name"] == "partnercheck" and answer["hover"] is True
