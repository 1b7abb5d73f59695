"""The YAML test suite (`tests/data/yaml-test-suite/`) through the loader and the engine.

Every case's `in.yaml` is linted: nothing raises, every case gets a document
finding (DOC01/02/04/05/06 for what the parser rejects or refuses, DOC03 for
valid YAML that is not a charter), and the conformance figures recorded in
`docs/yaml-conformance.md` stay true.

Regenerate the figures after a parser change or upgrade:

    python tests/test_yaml_test_suite.py           # print the figures block
    python tests/test_yaml_test_suite.py --write   # rewrite it in docs/yaml-conformance.md
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest
from paths import DATA, ROOT

SUITE = DATA / "yaml-test-suite"
CONFORMANCE_DOC = ROOT / "docs" / "yaml-conformance.md"
BEGIN, END = "<!-- figures: begin -->", "<!-- figures: end -->"
REGENERATE = "python tests/test_yaml_test_suite.py --write"

#: What the parser rejects (DOC01) or what the loader refuses to build (DOC04 alias bomb, DOC06 depth).
FATAL = {"DOC01", "DOC04", "DOC06"}
DOC_CODES = {"DOC01", "DOC02", "DOC03", "DOC04", "DOC05", "DOC06"}

#: The parser strategies compared in the doc: label -> parsers tried in order (see partnercheck.document.parsing).
STRATEGIES = (
    ("C parser alone (libyaml, ruamel.yaml.clib)", ("c",)),
    ("pure-Python parser alone (ruamel.yaml)", ("pure",)),
    ("C, then pure on rejection (what partnercheck does)", ("c", "pure")),
)


def case_dirs() -> list[Path]:
    """One directory per case; a case with variants has one sub-folder per variant."""
    return sorted(p.parent for p in SUITE.rglob("in.yaml"))


def case_id(case: Path) -> str:
    return case.relative_to(SUITE).as_posix()


def is_invalid(case: Path) -> bool:
    return (case / "error").exists()


CASES = case_dirs()


# the figures ------------------------------------------------------------------
def rejects(raw: bytes, parsers: tuple[str, ...]) -> bool:
    """True when decoding or parsing with `parsers` gives DOC01."""
    from partnercheck.document.builder import Limits
    from partnercheck.document.decoding import decode
    from partnercheck.document.parsing import parse

    text, problem = decode(raw)
    if problem is not None or text is None:
        return True
    return any(p.code == "DOC01" for p in parse(text, Limits(), parsers).problems)


@dataclass(frozen=True)
class Figures:
    label: str
    caught: list[str]  # invalid cases given DOC01
    missed: list[str]  # invalid cases accepted
    wrongly_rejected: list[str]  # valid cases given DOC01


@lru_cache(maxsize=1)
def compute() -> tuple[Figures, ...]:
    raws = {case_id(c): ((c / "in.yaml").read_bytes(), is_invalid(c)) for c in CASES}
    out = []
    for label, parsers in STRATEGIES:
        verdicts = {cid: (rejects(raw, parsers), invalid) for cid, (raw, invalid) in raws.items()}
        out.append(
            Figures(
                label,
                caught=[cid for cid, (rejected, invalid) in verdicts.items() if invalid and rejected],
                missed=[cid for cid, (rejected, invalid) in verdicts.items() if invalid and not rejected],
                wrongly_rejected=[cid for cid, (rejected, invalid) in verdicts.items() if rejected and not invalid],
            )
        )
    return tuple(out)


@lru_cache(maxsize=1)
def valid_with_duplicate_keys() -> list[str]:
    """Valid cases given DOC02: keys equal by YAML's own definition (the suite leaves that to loaders)."""
    from partnercheck.document.load import load_document

    found = []
    for case in CASES:
        if not is_invalid(case):
            doc = load_document(case_id(case), (case / "in.yaml").read_bytes())
            if any(p.code == "DOC02" for p in doc.problems):
                found.append(case_id(case))
    return found


def figures_block() -> str:
    """The generated part of docs/yaml-conformance.md (between the markers)."""
    from importlib.metadata import version

    invalid = sum(map(is_invalid, CASES))
    valid = len(CASES) - invalid
    rows = [
        f"Cases: {len(CASES)} ({invalid} invalid, marked `error`; {valid} valid).",
        "",
        f"| parser | invalid cases caught (DOC01), of {invalid} | valid cases wrongly rejected (DOC01), of {valid} |",
        "|---|---|---|",
    ]
    for f in compute():
        rows.append(f"| {f.label} | {len(f.caught)} | {len(f.wrongly_rejected)} |")
    retry = compute()[-1]
    rows += [
        "",
        f"Valid cases partnercheck still rejects ({len(retry.wrongly_rejected)}): " + ", ".join(retry.wrongly_rejected) + ".",
        "",
        f"Invalid cases partnercheck accepts ({len(retry.missed)}): " + ", ".join(retry.missed) + ".",
        "",
        "Valid cases given DOC02 duplicate-key: " + ", ".join(valid_with_duplicate_keys()) + ".",
        "",
        f"Measured with ruamel.yaml {version('ruamel.yaml')} and ruamel.yaml.clib {version('ruamel.yaml.clib')}.",
    ]
    return "\n".join(rows)


def documented_block() -> str:
    text = CONFORMANCE_DOC.read_text(encoding="utf-8")
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    return text[start:end].strip("\n")


def _comparable(block: str) -> list[str]:
    """The block without the version line: an upgrade that changes no figure needs no rewrite."""
    return [line for line in block.splitlines() if not line.startswith("Measured with")]


def write_figures() -> None:
    text = CONFORMANCE_DOC.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    CONFORMANCE_DOC.write_text(f"{head}{BEGIN}\n{figures_block()}\n{END}{tail}", encoding="utf-8")


# the tests --------------------------------------------------------------------
@pytest.fixture(scope="module")
def engine():
    from partnercheck.config.settings import Settings
    from partnercheck.run.engine import Engine
    from partnercheck.testing import default_registry

    return Engine(default_registry(), Settings(today=date(2026, 1, 1)))


def test_the_suite_is_there() -> None:
    assert len(CASES) > 300
    assert any(is_invalid(c) for c in CASES) and not all(is_invalid(c) for c in CASES)
    assert any(len(c.relative_to(SUITE).parts) == 2 for c in CASES), "cases with variants live in sub-folders"


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_case_gets_a_document_finding(case: Path, engine) -> None:
    raw = (case / "in.yaml").read_bytes()
    result = engine.lint_bytes(f"{case_id(case)}/in.yaml", raw)  # must not raise
    codes = {f.code for f in result.findings}
    assert codes, "no finding at all"
    assert codes <= DOC_CODES, f"none of these files is a charter, yet: {sorted(codes - DOC_CODES)}"
    if not codes & FATAL:
        assert "DOC03" in codes, "parsed YAML that is not a charter must get DOC03"
    assert ("DOC01" in codes) == rejects(raw, STRATEGIES[-1][1]), "the engine must parse as the documented strategy does"
    lines = result.document.line_count
    for f in result.findings:
        assert f.message and f.plugin == "core"
        assert 0 < f.line <= lines and f.column >= 1, f"{f.code} placed outside the file: {f.line}:{f.column}"
        assert (f.end_line, f.end_column) >= (f.line, f.column), f"{f.code} ends before it starts"


@pytest.mark.slow
def test_documented_figures_are_current() -> None:
    documented, current = _comparable(documented_block()), _comparable(figures_block())
    assert documented == current, f"docs/yaml-conformance.md is out of date; run `{REGENERATE}`.\nNow:\n" + "\n".join(current)


def test_the_retry_rejects_only_what_both_parsers_reject() -> None:
    c, pure, retry = compute()
    assert set(retry.wrongly_rejected) == set(c.wrongly_rejected) & set(pure.wrongly_rejected)
    assert set(retry.caught) == set(c.caught) & set(pure.caught)
    assert len(retry.wrongly_rejected) < min(len(c.wrongly_rejected), len(pure.wrongly_rejected))


def test_the_c_parser_is_the_more_lenient_on_invalid_input() -> None:
    """docs/yaml-conformance.md says so: the retry catches exactly what the C parser alone catches."""
    c, pure, retry = compute()
    assert set(c.caught) <= set(pure.caught)
    assert retry.caught == c.caught


if __name__ == "__main__":
    if "--write" in sys.argv[1:]:
        write_figures()
        print(f"updated {CONFORMANCE_DOC.relative_to(ROOT)}")
    else:
        print(figures_block())
