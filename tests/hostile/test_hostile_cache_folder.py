"""A results cache folder that is not partnercheck's own is refused (issue 17, item 9).

`.partnercheck_cache` can be committed to a checkout: as a symbolic link to
another folder, `check` wrote into the target and `cache clear` deleted the
target's files. Now such a folder is not used (a warning, the check runs
without a cache) and `cache clear`/`cache prune` refuse it and remove nothing;
clearing removes only the names partnercheck writes.
"""

from __future__ import annotations

import os

import pytest
from hostile_support import NO_PILOT, clean, write


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.delenv("PARTNERCHECK_NO_CACHE", raising=False)
    write(tmp_path, "repo/c.yaml", NO_PILOT)
    write(tmp_path, "victim/keep.json", "{}")
    write(tmp_path, "victim/ab/" + "0" * 64 + ".json", "{}")
    monkeypatch.chdir(tmp_path / "repo")
    return tmp_path


def victim_files(repo):
    return sorted(p.relative_to(repo / "victim").as_posix() for p in (repo / "victim").rglob("*"))


@pytest.mark.parametrize("link", [".partnercheck_cache", ".partnercheck_cache/results", ".partnercheck_cache/results/ab"])
def test_a_symlinked_cache_folder_is_neither_written_nor_cleared(cli, repo, link):
    before = victim_files(repo)
    if link != ".partnercheck_cache":
        write(repo / "repo", ".partnercheck_cache/CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n# partnercheck\n")
        (repo / "repo" / link).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(repo / "victim", repo / "repo" / link)
    code, out, err = cli("check", "--no-plugins", "--isolated", "c.yaml")
    clean(out, err)
    assert code == 1 and "results cache is not used" in err and "symbolic link" in err
    assert victim_files(repo) == before
    for action in ("clear", "prune"):
        code, out, err = cli("cache", action)
        clean(out, err)
        assert code == 2 and "symbolic link" in err and "nothing was removed" in err
        assert victim_files(repo) == before


def test_a_folder_that_is_not_partnercheck_s_cache_is_left_alone(cli, repo):
    write(repo / "repo", ".partnercheck_cache/results/ab/" + "1" * 64 + ".json", "{}")
    write(repo / "repo", ".partnercheck_cache/notes.txt", "mine")
    code, out, err = cli("check", "--no-plugins", "--isolated", "c.yaml")
    assert code == 1 and "no CACHEDIR.TAG" in err
    code, out, err = cli("cache", "clear")
    assert code == 2 and (repo / "repo/.partnercheck_cache/notes.txt").exists()
    assert (repo / "repo/.partnercheck_cache/results/ab/" / ("1" * 64 + ".json")).exists()


def test_clear_removes_only_what_partnercheck_wrote(cli, repo):
    code, _, err = cli("check", "--no-plugins", "--isolated", "c.yaml")
    cache = repo / "repo/.partnercheck_cache"
    assert code == 1 and err == "" and (cache / "CACHEDIR.TAG").is_file()
    entries = list((cache / "results").rglob("*.json"))
    assert entries
    write(cache, "results/ab/notes.txt", "not ours")
    write(cache, "mine.txt", "not ours")
    code, out, err = cli("cache", "clear")
    assert code == 0 and out.startswith(f"Removed {len(entries)} cached result")
    assert not any(e.exists() for e in entries)
    assert (cache / "results/ab/notes.txt").exists() and (cache / "mine.txt").exists()
