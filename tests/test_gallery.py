"""The gallery of real charters: partnercheck is held to an expert's judgement written before it ran.

Each `examples/gallery/<name>.yaml` is a real, public partnership document transcribed with its
source in a header comment; beside it, `<name>.expect.yaml` says which rules must fire (`must`),
which must not (`must_not`), which are left open (`debatable`), a health rank (`rank_hint`) and why
(`notes`). Where the tool disagrees today, `observed_disagreements` names the code and why, and the
test for exactly that code is a strict expected failure: when the tool is fixed, the test says so.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from paths import EXAMPLES, ROOT
from ruamel.yaml import YAML

from partnercheck.cli import run
from partnercheck.testing import default_registry

GALLERY = EXAMPLES / "gallery"
CHARTERS = sorted(p for p in GALLERY.glob("*.yaml") if not p.name.endswith(".expect.yaml"))
KEYS = {"source", "today", "must", "must_not", "debatable", "rank_hint", "notes", "observed_disagreements"}
LOADING = ("DOC", "SCH", "REF")
SOURCE_HEADER = re.compile(r"^# Source ?:", re.MULTILINE)


def expect_path(charter: Path) -> Path:
    return charter.with_name(charter.stem + ".expect.yaml")


@lru_cache(maxsize=None)
def expectation(charter: Path) -> dict[str, Any]:
    return YAML(typ="safe").load(expect_path(charter).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def codes_raised(charter: Path) -> frozenset[str]:
    """The codes `partnercheck check` reports on one charter, at the date its judgement fixes."""
    out = io.StringIO()
    today = str(expectation(charter)["today"])
    with contextlib.redirect_stdout(out):
        code = run(["check", "--today", today, "--format", "json", "--isolated", str(charter)])
    report = json.loads(out.getvalue())
    assert code in (0, 1) and report["errors"] == [], report["errors"]
    return frozenset(f["code"] for f in report["findings"])


def disagreements(charter: Path) -> dict[str, str]:
    return {d["code"]: d["why"] for d in expectation(charter).get("observed_disagreements") or []}


def judged_cases() -> list[Any]:
    cases = []
    for charter in CHARTERS:
        known = disagreements(charter)
        for verdict in ("must", "must_not"):
            for code in expectation(charter)[verdict]:
                marks = [pytest.mark.xfail(strict=True, reason=known[code])] if code in known else []
                cases.append(pytest.param(charter, verdict, code, marks=marks, id=f"{charter.stem}-{verdict}-{code}"))
    return cases


def test_the_gallery_holds_at_least_six_real_charters() -> None:
    assert len(CHARTERS) >= 6


@pytest.mark.parametrize("charter", CHARTERS, ids=[p.stem for p in CHARTERS])
def test_a_charter_cites_its_source_and_has_a_complete_judgement(charter: Path) -> None:
    header = charter.read_text(encoding="utf-8").split("\npartnercheck:", 1)[0]
    assert SOURCE_HEADER.search(header), f"{charter.name}: no `# Source:` comment before `partnercheck:`"
    assert expect_path(charter).is_file(), f"{charter.name}: no {expect_path(charter).name}"
    expect = expectation(charter)
    assert KEYS <= set(expect), f"{expect_path(charter).name} lacks {sorted(KEYS - set(expect))}"
    assert expect["rank_hint"] in (1, 2, 3, 4, 5)
    assert str(expect["notes"]).strip()


@pytest.mark.parametrize("charter", CHARTERS, ids=[p.stem for p in CHARTERS])
def test_a_judgement_names_real_codes_once_and_disagrees_only_where_it_judged(charter: Path) -> None:
    expect = expectation(charter)
    judged = [code for verdict in ("must", "must_not", "debatable") for code in expect[verdict]]
    unknown = [code for code in judged if default_registry().find(code) is None]
    assert unknown == [], f"{charter.name}: no such rule {unknown}"
    assert len(judged) == len(set(judged)), f"{charter.name}: a code is judged twice"
    for code, why in disagreements(charter).items():
        assert code in expect["must"] or code in expect["must_not"], f"{charter.name}: {code} disagrees with no judgement"
        assert str(why).strip(), f"{charter.name}: the disagreement on {code} gives no reason"


@pytest.mark.parametrize("charter", CHARTERS, ids=[p.stem for p in CHARTERS])
def test_a_charter_loads_without_document_schema_or_reference_findings(charter: Path) -> None:
    allowed = set(expectation(charter)["must"])
    failing = sorted(code for code in codes_raised(charter) if code.startswith(LOADING) and code not in allowed)
    assert failing == [], f"{charter.name} does not load cleanly: {failing}"


@pytest.mark.parametrize(("charter", "verdict", "code"), judged_cases())
def test_the_tool_agrees_with_the_judgement(charter: Path, verdict: str, code: str) -> None:
    raised = code in codes_raised(charter)
    if verdict == "must":
        assert raised, f"{charter.name}: {code} must fire and does not"
    else:
        assert not raised, f"{charter.name}: {code} must not fire and does"


def test_the_gallery_readme_lists_exactly_the_charters() -> None:
    listed = set(re.findall(r"^\| `([a-z0-9.-]+)` \|", (GALLERY / "README.md").read_text(encoding="utf-8"), re.MULTILINE))
    assert listed == {p.stem for p in CHARTERS}


def test_the_readme_points_to_the_gallery() -> None:
    assert "`examples/gallery/`" in (ROOT / "README.md").read_text(encoding="utf-8")
