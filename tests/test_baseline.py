"""The baseline through the CLI: keyed by file, code and pointer, so it survives edits elsewhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

# PIL02 (warning) at /pilot; MEM01 (warning) at /partners/0 and /partners/1 once a partner is added.
CHARTER = """partnercheck: 1
charter: {id: x, title: X}
partners: [{id: a, name: A, type: funder}]
pilot: {partners: [a]}
"""
SELECT = ("--select", "PIL02,MEM01", "--isolated")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "charters").mkdir()
    (tmp_path / "charters" / "c.yaml").write_text(CHARTER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(cli, *flags: str) -> tuple[int, list[dict], str]:
    code, out, err = cli("check", "charters", "--format", "json", *SELECT, *flags)
    return code, json.loads(out)["findings"] if out else [], err


def test_baseline_holds_after_lines_are_inserted_above(cli, repo: Path) -> None:
    code, out, err = cli("baseline", "charters", "-o", "baseline.json", *SELECT)
    assert code == 0, err
    assert "Wrote 2 findings of 1 file to baseline.json" in out
    entries = json.loads((repo / "baseline.json").read_text())["findings"]
    assert [(e["path"], e["code"], e["pointer"]) for e in entries] == [("charters/c.yaml", "MEM01", "/partners/0"), ("charters/c.yaml", "PIL02", "/pilot")]

    edited = CHARTER.replace("charter: {id: x, title: X}\n", "# a comment\nvision: >\n  Former ensemble.\ncharter: {id: x, title: X}\n")
    (repo / "charters" / "c.yaml").write_text(edited)
    code, found, err = check(cli, "--baseline", "baseline.json")
    assert code == 0, err
    assert all(f["suppressed"] and f["suppression"]["kind"] == "baseline" for f in found)
    assert {f["line"] for f in found} == {6, 7}  # moved, still matched
    assert "stale" not in err


def test_a_new_finding_elsewhere_still_fails(cli, repo: Path) -> None:
    cli("baseline", "charters", "-o", "baseline.json", *SELECT)
    two = CHARTER.replace("[{id: a, name: A, type: funder}]", "[{id: a, name: A, type: funder}, {id: b, name: B, type: funder}]")
    (repo / "charters" / "c.yaml").write_text(two)
    code, found, _ = check(cli, "--baseline", "baseline.json")
    assert code == 1
    assert [(f["code"], f["pointer"]) for f in found if not f["suppressed"]] == [("MEM01", "/partners/1")]


def test_text_output_counts_baselined_findings(cli, repo: Path) -> None:
    cli("baseline", "charters", "-o", "baseline.json", *SELECT)
    code, out, _ = cli("check", "charters", *SELECT, "--baseline", "baseline.json", "--color", "never")
    assert code == 0 and "no findings (2 baselined)." in out and "waived" not in out


def test_stale_entries_are_reported_and_pruned(cli, repo: Path) -> None:
    cli("baseline", "charters", "-o", "baseline.json", *SELECT)
    fixed = CHARTER.replace("pilot: {partners: [a]}", "pilot: {partners: [a], mandate: {granted_by: all, granted_on: 2025-01-01, basis: convention}}")
    (repo / "charters" / "c.yaml").write_text(fixed)
    code, _, err = check(cli, "--baseline", "baseline.json")
    assert code == 0
    assert "1 stale entry" in err and "charters/c.yaml PIL02 at /pilot" in err and "--prune-baseline" in err

    code, _, err = check(cli, "--baseline", "baseline.json", "--prune-baseline")
    assert code == 0 and "removed 1 stale entry" in err
    entries = json.loads((repo / "baseline.json").read_text())["findings"]
    assert [(e["code"], e["pointer"]) for e in entries] == [("MEM01", "/partners/0")]
    code, _, err = check(cli, "--baseline", "baseline.json")
    assert "stale" not in err


def test_baseline_paths_are_relative_to_the_baseline_file(cli, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cli("baseline", "charters", "-o", "ci/baseline.json", *SELECT)
    entries = json.loads((repo / "ci" / "baseline.json").read_text())["findings"]
    assert {e["path"] for e in entries} == {"../charters/c.yaml"}
    monkeypatch.chdir(repo / "charters")
    code, out, _ = cli("check", "c.yaml", "--format", "json", *SELECT, "--baseline", "../ci/baseline.json")
    assert code == 0 and all(f["suppressed"] for f in json.loads(out)["findings"])


def test_comment_suppressed_findings_are_not_recorded(cli, repo: Path) -> None:
    (repo / "charters" / "c.yaml").write_text(CHARTER.replace("pilot: {partners: [a]}", "pilot: {partners: [a]}  # partnercheck: disable-line=PIL02 -- vote in March"))
    cli("baseline", "charters", "-o", "baseline.json", *SELECT)
    entries = json.loads((repo / "baseline.json").read_text())["findings"]
    assert [e["code"] for e in entries] == ["MEM01"]


@pytest.mark.parametrize("content, message", [(None, "no such file"), ("{not json", "not a partnercheck baseline"), ('{"findings": []}', "not a partnercheck baseline")])
def test_bad_baseline_exits_2(cli, repo: Path, content: str | None, message: str) -> None:
    if content is not None:
        (repo / "baseline.json").write_text(content)
    code, found, err = check(cli, "--baseline", "baseline.json")
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1


def test_prune_without_baseline_is_a_usage_error(cli, repo: Path) -> None:
    code, _, err = check(cli, "--prune-baseline")
    assert code == 2 and "--prune-baseline needs --baseline FILE" in err


def test_the_baseline_stores_ids_and_serves_every_language(cli, repo: Path) -> None:
    code, _, _ = cli("baseline", "charters", *SELECT, "-o", "baseline.json")
    assert code == 0
    entries = json.loads((repo / "baseline.json").read_text(encoding="utf-8"))["findings"]
    assert entries and all("message" not in e and e["text"]["id"].startswith(e["code"] + ":") for e in entries)
    code, found, _ = check(cli, "--baseline", "baseline.json", "--lang", "fr")
    assert code == 0 and found and all(f["suppressed"] for f in found)


def test_a_baseline_written_with_english_messages_still_matches(cli, repo: Path) -> None:
    """The previous format kept each entry's English `message`; matching never used it, so it still reads."""
    cli("baseline", "charters", *SELECT, "-o", "baseline.json")
    data = json.loads((repo / "baseline.json").read_text(encoding="utf-8"))
    for entry in data["findings"]:
        entry["message"] = "the English of an older partnercheck"
        del entry["text"]
    (repo / "baseline.json").write_text(json.dumps(data), encoding="utf-8")
    code, found, _ = check(cli, "--baseline", "baseline.json")
    assert code == 0 and found and all(f["suppressed"] for f in found)
    code, _, _ = cli("check", "charters", "--format", "json", *SELECT, "--baseline", "baseline.json", "--prune-baseline")
    assert code == 0
    kept = json.loads((repo / "baseline.json").read_text(encoding="utf-8"))["findings"]
    assert [e["message"] for e in kept] == ["the English of an older partnercheck"] * len(kept)
