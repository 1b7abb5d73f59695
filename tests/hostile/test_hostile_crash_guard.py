"""An unexpected error while checking one file is that file's INT01, never the run's end (issue 17, item 1's follow-up).

Each stage of a file's check (the schema, references, the suppression
comments) is made to raise on one of three charters: that file gets INT01
naming the stage and the error, exit 2, the other two keep their findings,
and no traceback reaches the user (with `--debug`, it is on standard error).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_support import NO_PILOT, clean, findings, write


def charters(folder: Path) -> list[str]:
    return [str(write(folder, f"c{n}.yaml", NO_PILOT.replace("id: x", f"id: x{n}"))) for n in range(3)]


def breaks_on_x1(original):  # type: ignore[no-untyped-def]
    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        if "x1" in repr(args):
            raise KeyError("boom in the stage")
        return original(*args, **kwargs)

    return broken


def by_file(out: str) -> dict[str, list[dict]]:
    files: dict[str, list[dict]] = {}
    for f in findings(out):
        files.setdefault(Path(f["path"]).name, []).append(f)
    return files


def _engine():  # type: ignore[no-untyped-def]
    from partnercheck.run import engine

    return engine


def _schema():  # type: ignore[no-untyped-def]
    from partnercheck.checks.schema import CharterCheck

    return CharterCheck


def _suppressions():  # type: ignore[no-untyped-def]
    from partnercheck.run import suppressions

    return suppressions


#: stage name in the finding: (what holds the function, its name)
STAGES = {"references": (_engine, "check_references"), "schema": (_schema, "problems"), "suppression comments": (_suppressions, "apply")}


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_stage_that_raises_on_one_file_is_that_files_int01(cli, tmp_path, monkeypatch, stage, jobs):
    from partnercheck.run import parallel

    monkeypatch.setattr(parallel, "MIN_PARALLEL_BYTES", 0)  # with --jobs 2, the files go to workers
    holder, name = STAGES[stage]
    target = holder()
    monkeypatch.setattr(target, name, breaks_on_x1(getattr(target, name)))
    code, out, err = cli("check", "--no-plugins", "--isolated", "--no-cache", "--format", "json", "--jobs", jobs, *charters(tmp_path))
    clean(out, err)
    assert code == 2
    files = by_file(out)
    [crash] = [f for f in files["c1.yaml"] if f["code"] == "INT01"]
    assert f"({stage})" in crash["message"] and "KeyError: 'boom in the stage'" in crash["message"]
    for other in ("c0.yaml", "c2.yaml"):
        assert "PIL01" in {f["code"] for f in files[other]} and "INT01" not in {f["code"] for f in files[other]}


def test_the_traceback_of_a_stage_crash_is_shown_with_debug(cli, tmp_path, monkeypatch):
    from partnercheck.run import engine

    monkeypatch.setattr(engine, "check_references", breaks_on_x1(engine.check_references))
    code, out, err = cli("check", "--no-plugins", "--isolated", "--no-cache", "--format", "json", "--jobs", "1", "--debug", *charters(tmp_path))
    assert code == 2
    assert "Traceback" in err and "boom in the stage" in err and "Traceback" not in out


def test_an_internal_error_is_reported_even_when_int01_is_ignored(cli, tmp_path, monkeypatch):
    from partnercheck.run import engine

    monkeypatch.setattr(engine, "check_references", breaks_on_x1(engine.check_references))
    code, out, err = cli("check", "--no-plugins", "--isolated", "--no-cache", "--format", "json", "--jobs", "1", "--ignore", "INT01", *charters(tmp_path))
    assert code == 2
    assert any(f["code"] == "INT01" for f in findings(out))
