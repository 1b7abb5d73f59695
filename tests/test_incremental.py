"""The language server's incremental reading (document/incremental.py, checks/section_schema.py) gives exactly what
reading whole gives: over many random one-character edits of the examples, the gallery and generated charters,
the same document (data, spans of every value and key, problems), the same schema problems, and through the
server's checker the same findings (codes, pointers, lines, columns, messages) as a full run."""

from __future__ import annotations

import copy
import random
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from unittest import mock

import pytest
from paths import EXAMPLES, ROOT

from partnercheck.checks.schema import charter_check
from partnercheck.checks.section_schema import SectionSchema
from partnercheck.document import incremental
from partnercheck.document.builder import Limits
from partnercheck.document.incremental import IncrementalReader, Sections, split
from partnercheck.document.load import Document, load_document
from partnercheck.document.parsing import parse
from partnercheck.server.checking import Checker

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import charter  # noqa: E402

CHARTERS = [p for p in sorted(EXAMPLES.rglob("*.yaml")) if not p.name.endswith(".expect.yaml") and "plugin" not in str(p)]
#: What one keystroke may type: letters, YAML's own signs, a line break, spaces, a tab; "" deletes.
KEYS = list("xé:-#\"'[]{},|>&*!%?\n 0") + ["  ", "\t", ""]


def texts() -> list[tuple[str, str]]:
    return [(p.name, p.read_text(encoding="utf-8")) for p in CHARTERS] + [("ten.yaml", charter(10)), ("hundred.yaml", charter(100, seed=3))]


def edits(text: str, count: int, rnd: random.Random) -> list[str]:
    """`count` versions, each one keystroke from the one before, or (one time in three) from the original."""
    versions, current = [], text
    for _ in range(count):
        if rnd.random() < 0.35:
            current = text
        at = rnd.randrange(len(current) + 1)
        key = rnd.choice(KEYS)
        end = at + 1 if (not key or rnd.random() < 0.3) and at < len(current) else at  # delete or replace a character
        current = current[:at] + key + current[end:]
        versions.append(current)
    return versions


def same_document(a, b) -> bool:
    return (a.text, a.data, a.index.values, a.index.keys, a.problems, a.is_charter) == (b.text, b.data, b.index.values, b.index.keys, b.problems, b.is_charter)


def test_the_examples_and_generated_charters_are_split_into_parts():
    for name, text in texts():
        parts = split(text)
        assert parts is not None, name
        assert "".join(part.text for part in parts) == text[text.index(parts[0].text) :], name
    items = [part for part in split(charter(100)) if part.item is not None and part.item >= 0]
    assert len(items) >= 100  # the partners, one part each (and the other long lists)


@dataclass(frozen=True)
class Reading:
    """One version of a text, as the incremental reader read it (one reader per text, fed its versions in order)."""

    name: str
    version: str
    doc: Document
    sections: Sections | None  # asked right after the reading: only the latest version's are kept
    as_whole: bool  # the same document as reading it whole gives


class WholeReadings:
    """Stands in for the reader's `load_document`: records each document it reads whole, copied as it came out.

    A version the reader gives up on is read whole by the reader itself; that reading, when it was of these very
    bytes with the default limits, is the document to compare with (copied before the reader could touch it), so
    the slow whole reading of an invalid text (the pure-Python parser's) is not done a second time."""

    def __init__(self) -> None:
        self.read: tuple[str, bytes, Limits | None, Document] | None = None

    def __call__(self, path: str, raw: bytes, limits: Limits | None = None) -> Document:
        doc = load_document(path, raw, limits)
        self.read = (path, raw, limits, copy.deepcopy(doc))
        return doc

    def whole(self, path: str, raw: bytes, limits: Limits | None = None) -> Document:
        """`load_document(path, raw, limits)`: the reader's own whole reading of them if it made one (the one
        just before), else a new one."""
        read, self.read = self.read, None
        if read is not None and read[:2] == (path, raw) and (read[2] or Limits()) == (limits or Limits()):
            return read[3]
        return load_document(path, raw, limits)


@lru_cache(maxsize=1)
def readings() -> tuple[Reading, ...]:
    """Each text and 40 random edits of it, read once for the tests of the document and of the schema by parts
    (reading is most of their cost; each still checks every version)."""
    rnd = random.Random(20)
    done = []
    spy = WholeReadings()
    with mock.patch.object(incremental, "load_document", spy):
        for name, text in texts():
            reader = IncrementalReader()
            for version in [text, *edits(text, 40, rnd)]:
                raw = version.encode("utf-8")
                got = reader.load(name, raw)
                done.append(Reading(name, version, got, reader.sections_of(got), same_document(got, spy.whole(name, raw))))
    return tuple(done)


def test_random_edits_read_by_parts_give_the_document_read_whole():
    for reading in readings():
        assert reading.as_whole, (reading.name, reading.version)
    by_parts = sum(reading.sections is not None for reading in readings())
    assert by_parts > len(readings()) / 3  # most edits are read by parts, not all given up to a whole reading


def test_unsafe_texts_are_read_whole():
    base = charter(10)
    unsafe = {
        "anchor": base.replace("vision:", "vision: &v") + "x-copy: *v\n",
        "tab": base.replace("vision:", "vision:\t"),
        "crlf": base.replace("\n", "\r\n"),
        "bom": "\ufeff" + base,
        "flow root": "{partnercheck: 1}\n",
        "directive": "%YAML 1.2\n---\n" + base,
        "two documents": base + "---\npartnercheck: 1\n",
        "duplicate section": base + "vision: encore\n",
        "quoted key": base + '"x-note": 1\n',
        "indented root": "  " + base.replace("\n", "\n  "),
    }
    reader = IncrementalReader()
    for name, text in unsafe.items():
        got = reader.load("c.yaml", text.encode("utf-8"))
        assert reader.sections_of(got) is None, name
        assert same_document(got, load_document("c.yaml", text.encode("utf-8"))), name


def test_a_failure_of_the_reader_falls_back_to_reading_whole(monkeypatch):
    def broken(text):
        raise RuntimeError("a bug")

    monkeypatch.setattr(incremental, "split", broken)
    text = charter(10).encode("utf-8")
    reader = IncrementalReader()
    got = reader.load("c.yaml", text)
    assert reader.sections_of(got) is None and same_document(got, load_document("c.yaml", text))


def test_only_the_latest_version_s_parts_are_kept(monkeypatch):
    # What the reader keeps is the subject, not the documents: a version it gives up on is read whole by
    # `load_document`, which keeps nothing of the reader's; a stand-in spares parsing whole the broken ones.
    whole = []
    monkeypatch.setattr(incremental, "load_document", lambda path, raw, limits=None: whole.append(raw) or Document(path))
    reader = IncrementalReader()
    text = charter(100)
    for version in edits(text, 30, random.Random(4)) + [text]:
        reader.load("c.yaml", version.encode("utf-8"))
    assert whole  # some versions were given up on, between versions read by parts
    kept = reader._last["c.yaml"].kept
    assert len(kept) == len(split(text))
    reader.forget("c.yaml")
    assert "c.yaml" not in reader._last


def test_a_version_read_whole_keeps_the_parts_for_the_next(monkeypatch):
    text = charter(100)
    broken = text.replace("vision:", 'vision: "', 1)  # an unclosed quote: no YAML, read whole
    reader = IncrementalReader()
    reader.load("c.yaml", text.encode("utf-8"))
    got = reader.load("c.yaml", broken.encode("utf-8"))
    assert reader.sections_of(got) is None and same_document(got, load_document("c.yaml", broken.encode("utf-8")))
    parsed = []
    monkeypatch.setattr(incremental, "parse", lambda text, limits: parsed.append(text) or parse(text, limits))
    fixed = text.replace("vision:", "vision: x", 1)
    got = reader.load("c.yaml", fixed.encode("utf-8"))
    assert reader.sections_of(got) is not None and same_document(got, load_document("c.yaml", fixed.encode("utf-8")))
    assert len(parsed) == 1 and "vision: x" in parsed[0]  # only the edited part is parsed again


def test_the_schema_by_sections_gives_the_problems_of_the_whole_schema():
    check = charter_check()
    sections = SectionSchema()  # one for every version, in the order they were read: what it keeps of a section is reused
    invalid = 0
    for reading in readings():
        if not reading.doc.is_charter:
            continue
        expected = check.problems(reading.doc.data)
        assert sections.problems(check, reading.name, reading.doc.data, reading.sections) == expected, (reading.name, reading.version)
        invalid += bool(expected)
    assert invalid  # some edits broke the schema, and were told


def findings(checked) -> list[tuple]:
    return [(f.code, f.pointer, f.line, f.column, f.end_line, f.end_column, f.severity, f.message, f.hint) for f in checked.findings]


@pytest.mark.slow
def test_the_server_s_checks_after_random_edits_are_those_of_a_full_run(tmp_path):
    incremental, whole = Checker(), Checker(incremental=False)
    rnd = random.Random(11)
    compared = 0
    spy = WholeReadings()  # a version the server's reader gave up on and read whole is not parsed whole again for the full run
    with mock.patch("partnercheck.document.incremental.load_document", spy), mock.patch("partnercheck.run.engine.load_document", spy.whole):
        for name, text in texts():
            path = tmp_path / name
            for version in [text, *edits(text, 8, rnd)]:
                got, expected = incremental.check(path, version), whole.check(path, version)
                assert findings(got) == findings(expected), (name, version)
                compared += bool(expected.findings)
    assert compared
