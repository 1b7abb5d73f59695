"""Limits that hold through aliases (issue 17, items 1 and 2).

Anchors chained so that the document nests thousands of levels once aliases
are followed once reached jsonschema's recursion limit and aborted the whole
run; a long scalar aliased many times expanded to gigabytes. The depth limit
now applies to the document as expanded, and aliases may repeat a bounded
amount of text, both checked before anything is built from the data.
"""

from __future__ import annotations

import json

import pytest
from alias_bombs import alias_depth, alias_size
from hostile_support import NO_PILOT, clean, write

from partnercheck.document.builder import Limits


def run(cli, *argv):
    code, out, err = cli("check", "--no-plugins", "--isolated", "--no-cache", *argv)
    clean(out, err)
    return code, out, err


@pytest.mark.parametrize("where", ["title", "partners"])
def test_a_depth_bomb_through_aliases_is_doc06_and_the_other_files_are_checked(cli, tmp_path, monkeypatch, where):
    bomb = alias_depth(where=where)
    assert len(bomb) < 2_500
    write(tmp_path, "bomb.yaml", bomb)
    write(tmp_path, "good.yaml", NO_PILOT)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(cli, "--format", "json", "--format", "sarif:out.sarif", "bomb.yaml", "good.yaml")
    assert code == 1, err
    by_file = {}
    for f in json.loads(out)["findings"]:
        by_file.setdefault(f["path"], set()).add(f["code"])
    assert by_file["bomb.yaml"] == {"DOC06"}
    assert "PIL01" in by_file["good.yaml"]
    assert json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))["runs"]
    for command in (["report", "bomb.yaml", "-o", "r.html"], ["baseline", "bomb.yaml", "good.yaml", "-o", "b.json"]):
        code, out, err = cli(*command, "--no-plugins", "--isolated")
        clean(out, err)
        assert "internal error" not in err and "RecursionError" not in err


def test_depth_through_aliases_up_to_the_limit_is_accepted(cli, tmp_path):
    depth = Limits().max_depth
    ok = write(tmp_path, "ok.yaml", alias_depth(anchors=2, levels=depth // 2 - 2))
    code, out, err = run(cli, "--format", "json", str(ok))
    assert "DOC06" not in {f["code"] for f in json.loads(out)["findings"]}


@pytest.mark.parametrize("partners", [False, True])
def test_a_long_scalar_aliased_many_times_is_doc04(cli, tmp_path, partners):
    path = write(tmp_path, "big.yaml", alias_size(20_000, 1_000, partners))
    code, out, err = run(cli, "--format", "json", str(path))
    findings = json.loads(out)["findings"]
    assert [f["code"] for f in findings] == ["DOC04"]
    assert "characters" in findings[0]["message"]


def test_ordinary_merges_stay_within_the_limit(cli, tmp_path):
    lines = ["partnercheck: 1", "charter: {id: x, title: T}", "x-defaults: &d {type: funder, status: active}", "partners:"]
    lines += [f"  - {{<<: *d, id: p{i}, name: Partner {i}}}" for i in range(2_000)]
    path = write(tmp_path, "merges.yaml", "\n".join(lines) + "\n")
    code, out, err = run(cli, "--format", "json", str(path))
    assert not {"DOC04", "DOC06"} & {f["code"] for f in json.loads(out)["findings"]}
