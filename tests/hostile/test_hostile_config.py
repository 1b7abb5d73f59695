"""A repository's configuration cannot read files outside its own tree (issue 17, item 3).

Paths written in a configuration file (`rules`, `local-plugins`, `extends`)
must stay inside the tree that holds the file (its repository, or the folder
the run started in); paths given on the command line stay free. A file that
is not a valid rule pack is never quoted beyond a short excerpt.
"""

from __future__ import annotations

import os

import pytest
from hostile_support import NO_PILOT, clean, write

SECRET = "npm_SECRETSECRETSECRETSECRET1234567890"
NPMRC = f"//registry.npmjs.org/:_authToken={SECRET}\n"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """`outside/.npmrc` (a secret) beside `repo/` (a git checkout holding a charter), run from `repo/`."""
    write(tmp_path, "outside/.npmrc", NPMRC)
    write(tmp_path, "repo/charter.yaml", NO_PILOT)
    (tmp_path / "repo/.git").mkdir()
    monkeypatch.chdir(tmp_path / "repo")
    return tmp_path / "repo"


@pytest.mark.parametrize("key", ["rules", "local-plugins"])
@pytest.mark.parametrize("how", ["absolute", "relative", "symlink"])
def test_a_configuration_path_outside_its_tree_is_refused(cli, repo, key, how):
    target = repo.parent / "outside/.npmrc"
    if how == "symlink":
        os.symlink(target, repo / "packs.yaml")
    given = {"absolute": str(target), "relative": "../outside/.npmrc", "symlink": "packs.yaml"}[how]
    write(repo, ".partnercheck.yaml", f"{key}: [{given!r}]\n")
    for fmt in ("text", "github", "json"):
        code, out, err = cli("check", "charter.yaml", "--no-plugins", "--format", fmt)
        clean(out, err)
        assert code == 2
        assert SECRET not in out + err and "_authToken" not in out + err
        assert "outside the tree" in err and ".partnercheck.yaml:1" in err


def test_extends_outside_the_tree_is_refused(cli, repo):
    write(repo.parent, "outside/base.yaml", "ignore: [PIL01]\n")
    write(repo, ".partnercheck.yaml", "extends: ../outside/base.yaml\n")
    code, out, err = cli("check", "charter.yaml", "--no-plugins")
    clean(out, err)
    assert code == 2 and "outside the tree" in err


def test_paths_inside_the_tree_still_work(cli, repo):
    write(repo, ".partnercheck.yaml", "ignore: [PIL01]\n")
    write(repo, "sub/.partnercheck.yaml", "extends: ../.partnercheck.yaml\n")
    write(repo, "sub/c.yaml", NO_PILOT)
    code, out, err = cli("check", "sub/c.yaml", "--no-plugins", "--select", "PIL01")
    clean(out, err)
    assert code == 0, err


def test_without_a_repository_the_tree_is_the_folder_the_run_started_in(cli, tmp_path, monkeypatch):
    write(tmp_path, "outside/.npmrc", NPMRC)
    write(tmp_path, "work/charter.yaml", NO_PILOT)
    write(tmp_path, "work/.partnercheck.yaml", "rules: [../outside/.npmrc]\n")
    monkeypatch.chdir(tmp_path / "work")
    code, out, err = cli("check", "charter.yaml", "--no-plugins")
    assert code == 2 and "outside the tree" in err and SECRET not in err


def test_a_pack_given_on_the_command_line_is_read_but_not_echoed(cli, repo):
    code, out, err = cli("check", "charter.yaml", "--no-plugins", "--rules", str(repo.parent / "outside/.npmrc"))
    clean(out, err)
    assert code == 2
    assert "must be a mapping" in err
    assert SECRET not in err and "_authToken" not in err


@pytest.mark.parametrize("content", [
    "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n",
    "pack: p\nrules: " + '"' + "s" * 200 + '"\n',
    "pack: {token: " + "s" * 200 + "}\nrules: []\n",
])
def test_an_invalid_pack_is_quoted_only_in_a_short_excerpt(cli, repo, content):
    write(repo, "not-a-pack.yaml", content)
    code, out, err = cli("check", "charter.yaml", "--no-plugins", "--rules", "not-a-pack.yaml")
    clean(out, err)
    assert code == 2
    assert "daemon" not in err and "s" * 40 not in err
