"""Installed plugins are found as importlib.metadata finds them; importlib.metadata is imported only when one may exist."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

from partnercheck.plugins.installed import entry_points, may_declare

DIST = "acme_plugin-1.2.dist-info"


def _install(folder: Path, entry_points_txt: str, dist: str = DIST) -> Path:
    info = folder / dist
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-plugin\nVersion: 1.2\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(entry_points_txt, encoding="utf-8")
    return folder


def _names(found: object) -> list[tuple[str, str, str]]:
    return [(ep.name, ep.value, ep.dist.version if ep.dist else "") for ep in found]  # type: ignore[attr-defined]


@pytest.mark.parametrize("group", ["partnercheck", "console_scripts", "pytest11", "no_such_group"])
def test_the_entry_points_are_importlib_metadatas(group: str) -> None:
    assert _names(entry_points(group)) == _names(metadata.entry_points(group=group))


def test_a_distribution_declaring_the_group_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _install(tmp_path, "[console_scripts]\nacme = acme:main\n\n[partnercheck]\nacme = acme_plugin\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert may_declare("partnercheck")
    assert _names(entry_points("partnercheck")) == [("acme", "acme_plugin", "1.2")]


@pytest.mark.parametrize("text", ["[console_scripts]\npartnercheck = acme:main\n", "# [partnercheck]\n", "[console_scripts]\nx = partnercheck.cli:main\n"])
def test_a_distribution_that_only_names_the_project_declares_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    _install(tmp_path, text)
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    assert not may_declare("partnercheck")
    assert list(entry_points("partnercheck")) == []


def test_an_egg_info_folder_counts_as_importlib_metadata_counts_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _install(tmp_path, "[partnercheck]\nacme = acme_plugin\n", dist="acme_plugin.egg-info")
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    assert may_declare("partnercheck")


def test_a_zip_on_the_path_is_left_to_importlib_metadata(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr(f"{DIST}/entry_points.txt", "[partnercheck]\nacme = acme_plugin\n")
    monkeypatch.setattr(sys, "path", [str(archive), str(tmp_path / "missing")])
    assert may_declare("partnercheck")


def test_another_finder_of_distributions_is_left_to_importlib_metadata(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class Finder:
        @staticmethod
        def find_distributions(context: object = None) -> list[object]:
            return []

    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    assert not may_declare("partnercheck")
    monkeypatch.setattr(sys, "meta_path", [Finder(), *sys.meta_path])
    assert may_declare("partnercheck")


def test_importlib_metadata_is_imported_only_when_a_plugin_may_be_installed(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from partnercheck.plugins.installed import may_declare\n"
        "from partnercheck.plugins.manager import PluginSelection, load_registry\n"
        "registry = load_registry(PluginSelection())\n"
        "print(registry.plugins[0].name, may_declare('partnercheck'), 'importlib.metadata' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PARTNERCHECK_DISABLE_PLUGIN_AUTOLOAD"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path, check=True)
    core, declared, imported = done.stdout.split()
    assert core == "core" and imported == declared
