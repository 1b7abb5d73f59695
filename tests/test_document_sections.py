"""document/sections.py: some top-level sections of a charter, cut out and parsed alone, hold the same data as the whole parse."""

from __future__ import annotations

from pathlib import Path

import pytest
from paths import EXAMPLES

from partnercheck.document.load import load_document
from partnercheck.document.sections import blocks, charter_sections, many_sections

KEYS = {"charter", "partners", "pilot"}
CHARTERS = sorted(EXAMPLES.rglob("*.yaml"))


def expected(raw: bytes) -> dict | None:
    doc = load_document("x.yaml", raw)
    if not doc.is_charter:
        return None
    return {k: v for k, v in doc.data.items() if k in KEYS or k == "partnercheck"}


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
    ],
)
def test_what_cannot_be_cut_plainly_is_parsed_whole(text: str) -> None:
    assert charter_sections("x.yaml", text.encode(), KEYS) == expected(text.encode())


def test_only_the_sections_asked_for_are_parsed() -> None:
    text = "partnercheck: 1\npartners: [{id: a}]\nobjectives: [{id: o, statement: 'x: y'}]\n"
    assert [k for k, _ in blocks(text)] == ["partnercheck", "partners", "objectives"]
    assert charter_sections("x.yaml", text.encode(), {"partners"}) == {"partnercheck": 1, "partners": [{"id": "a"}]}
    assert charter_sections("x.yaml", b"not: a charter\n", {"partners"}) is None
    assert blocks("  indented: text\n") is None and blocks("- a list\n") is None


def test_many_files_in_worker_processes_keep_their_order() -> None:
    files = [(f"c{i}.yaml", f"partnercheck: 1\ncharter: {{id: c{i}}}\npartners: [{{id: p{i}}}]\nnotes: '{'x' * 4000}'\n".encode()) for i in range(80)]
    found = many_sections(files, KEYS, jobs=2)
    assert [d["charter"]["id"] for d in found] == [f"c{i}" for i in range(80)]
    assert found == many_sections(files, KEYS, jobs=1)
