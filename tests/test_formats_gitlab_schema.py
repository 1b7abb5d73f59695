"""GitLab Code Quality output is what GitLab reads: a JSON array whose every entry is valid against GitLab's own
schema (vendored in tests/data/gitlab/, see SOURCE.md there), with the fields GitLab's documentation requires.

GitLab's parser stops at the first entry its schema rejects, and keys entries by fingerprint (a repeated one
replaces the earlier entry), so one bad or repeated entry would silently hide findings in a merge request."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft7Validator
from paths import DATA, EXAMPLES

SCHEMA = DATA / "gitlab" / "codeclimate.json"
#: What GitLab's documentation ("Code Quality report format") requires beyond the schema.
SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


@pytest.fixture(scope="module")
def validator() -> Draft7Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema)


def report(cli, tmp_path: Path, *args: str) -> list[dict]:  # type: ignore[no-untyped-def]
    out = tmp_path / "gl-code-quality-report.json"
    code, _, err = cli("check", *args, "--today", "2026-01-15", "--format", f"gitlab:{out}")
    assert code in (0, 1, 2), err
    entries = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(entries, list)
    return entries


def problems(entry: dict, validator: Draft7Validator) -> list[str]:
    found = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(entry)]
    location = entry.get("location", {})
    if not isinstance(entry.get("check_name"), str) or not entry["check_name"]:
        found.append("check_name: missing")
    if not isinstance(location.get("path"), str) or not location["path"] or location["path"].startswith(("/", "../")):
        found.append(f"location.path: {location.get('path')!r} is not a path in the repository")
    begin = location.get("lines", {}).get("begin", location.get("positions", {}).get("begin", {}).get("line"))
    if not isinstance(begin, int) or begin < 1:
        found.append(f"location: no first line ({begin!r})")
    if entry.get("severity") not in SEVERITIES:
        found.append(f"severity: {entry.get('severity')!r}")
    return found


@pytest.mark.parametrize("target", ["plateforme-aide-a-la-personne.yaml", "broken", "gallery"])
def test_every_entry_on_the_examples_is_valid_for_gitlab(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, validator: Draft7Validator, target: str) -> None:
    monkeypatch.chdir(EXAMPLES)  # GitLab maps paths relative to the repository, where CI runs
    entries = report(cli, tmp_path, target)
    assert entries or target == "plateforme-aide-a-la-personne.yaml"
    assert {e["location"]["path"].split("/")[0] for e in entries} <= {target}
    assert [p for e in entries for p in problems(e, validator)] == []
    assert len({e["fingerprint"] for e in entries}) == len(entries), "GitLab keeps one entry per fingerprint"


def test_unreadable_files_suppressions_and_hints_stay_valid(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, validator: Draft7Validator) -> None:
    """A file that is not YAML (`critical`), a suppressed finding (left out), a hint (`content.body`): all valid."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.yaml").write_text("partnercheck: 1\ncharter: [unclosed\n", encoding="utf-8")
    (tmp_path / "quiet.yaml").write_text("# partnercheck: disable-file=PIL01 -- a test\npartnercheck: 1\ncharter: {id: x, title: X}\n", encoding="utf-8")
    entries = report(cli, tmp_path, "bad.yaml", "quiet.yaml")
    assert [p for e in entries for p in problems(e, validator)] == []
    assert any(e["severity"] == "critical" and e["location"]["path"] == "bad.yaml" for e in entries)
    assert not any(e["check_name"].startswith("PIL01") for e in entries)
    assert any(isinstance(e.get("content", {}).get("body"), str) for e in entries)


def test_the_schema_rejects_what_gitlab_rejects(validator: Draft7Validator) -> None:
    """The vendored schema is GitLab's: an entry without a fingerprint or with a line that is not a number fails."""
    good = {"description": "d", "check_name": "c", "fingerprint": "f", "severity": "minor", "location": {"path": "a.yaml", "lines": {"begin": 1}}}
    assert problems(good, validator) == []
    assert not validator.is_valid({k: v for k, v in good.items() if k != "fingerprint"})
    assert not validator.is_valid({**good, "location": {"path": "a.yaml", "lines": {"begin": "1"}}})
