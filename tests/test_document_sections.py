"""document/sections.py: some top-level sections of a charter, cut out and parsed alone, hold the same data as the whole parse."""

from __future__ import annotations

from pathlib import Path

import pytest
from paths import EXAMPLES

from partnercheck.document.load import load_document
from partnercheck.document.incremental import top_level
from partnercheck.document.sections import charter_sections, many_sections, patterns, prune

KEYS = patterns(["/charter/id", "/partners/*/id", "/partners/*/status", "/pilot/partners"])  # SCA03's reads
CHARTERS = sorted(EXAMPLES.rglob("*.yaml"))


def expected(raw: bytes) -> dict | None:
    """The whole parse, cut down to the pointers read by hand."""
    doc = load_document("x.yaml", raw)
    if not doc.is_charter:
        return None
    data = doc.data
    out = {"partnercheck": data["partnercheck"]}
    if isinstance(data.get("charter"), dict) and "id" in data["charter"]:
        out["charter"] = {"id": data["charter"]["id"]}
    if "charter" in data and "charter" not in out:
        out["charter"] = {} if isinstance(data["charter"], dict) else data["charter"]
    if "partners" in data:
        partners = data["partners"]
        out["partners"] = [{k: v for k, v in p.items() if k in ("id", "status")} if isinstance(p, dict) else p for p in partners] if isinstance(partners, list) else partners
    if "pilot" in data:
        pilot = data["pilot"]
        out["pilot"] = {k: v for k, v in pilot.items() if k == "partners"} if isinstance(pilot, dict) else pilot
    return out


@pytest.mark.parametrize("path", CHARTERS, ids=lambda p: p.name)
def test_the_sections_are_those_of_the_whole_parse(path: Path) -> None:
    raw = path.read_bytes()
    assert charter_sections("x.yaml", raw, KEYS) == expected(raw)


@pytest.mark.parametrize(
    "text",
    [
        "partnercheck: 1\nshared: &p {id: a, name: A}\npartners: [*p]\npilot: {partners: [a]}\n",  # an alias to another section
        "---\npartnercheck: 1\npartners: [{id: a}]\n",  # a document marker
        "{partnercheck: 1, partners: [{id: a}]}\n",  # a flow mapping
        '"partnercheck": 1\n"partners": [{id: a}]\n',  # quoted keys
        "partnercheck: 1\npartners:\n- id: a\n  name: A\n# a comment\n- id: b\npilot: {partners: [b]}\n",  # a list at column 0
        "partnercheck: 1\npartners: [{id: a}, {id: a, id: b}]\n",  # a key written twice
        "partnercheck: 1\npartners: [{<<: {id: a}, name: A}]\n",  # a merge key
        "partnercheck: 1\npartners: [{id: !!str 12}, {id: 12}, {id: \"12\"}, {id: null}]\n",  # a tag, numbers, null
        "partnercheck: 1\npartners: [{id: a\n",  # a syntax error
    ],
)
def test_what_cannot_be_cut_plainly_is_parsed_whole(text: str) -> None:
    assert charter_sections("x.yaml", text.encode(), KEYS) == expected(text.encode())


def test_only_the_pointers_asked_for_are_read() -> None:
    text = "partnercheck: 1\npartners: [{id: a, name: A, status: left}, {id: '007', name: B}]\nobjectives: [{id: o, statement: 'x: y'}]\n"
    assert [k for k, _, _ in top_level(text)] == ["partnercheck", "partners", "objectives"]
    assert charter_sections("x.yaml", text.encode(), patterns(["/partners/*/id"])) == {"partnercheck": 1, "partners": [{"id": "a"}, {"id": "007"}]}
    assert charter_sections("x.yaml", text.encode(), KEYS) == prune(load_document("x.yaml", text.encode()).data, KEYS, ()) == expected(text.encode())
    assert charter_sections("x.yaml", b"not: a charter\n", KEYS) is None
    assert charter_sections("x.yaml", b"partnercheck: 7\npartners: []\n", KEYS) is None  # an unsupported version: no charter
    assert top_level("  indented: text\n") is None and top_level("- a list\n") is None


def test_many_files_in_worker_processes_keep_their_order() -> None:
    files = [(f"c{i}.yaml", f"partnercheck: 1\ncharter: {{id: c{i}}}\npartners: [{{id: p{i}}}]\nnotes: '{'x' * 4000}'\n".encode()) for i in range(80)]
    found = many_sections(files, KEYS, jobs=2)
    assert [d["charter"]["id"] for d in found] == [f"c{i}" for i in range(80)]
    assert found == many_sections(files, KEYS, jobs=1)
