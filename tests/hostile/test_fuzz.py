"""Property-based fuzzing of the whole engine (issue 8, item 10).

Generated inputs: raw bytes, printable text, YAML token soup, charters built
loosely from the format, and the healthy example with parts replaced by junk,
dumped as YAML or JSON. For each: no exception escapes the engine, and every
finding has a well-formed JSON Pointer whose nearest existing ancestor is in
the data, and a position inside the file. Settings stay moderate so the suite
stays fast; tests/hostile/fuzz_atheris.py runs the same property for hours
(docs/security.md).
"""

from __future__ import annotations

import copy
import io
import json
import re
from datetime import date
from typing import Any

import pytest
from alias_bombs import alias_depth, alias_size
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paths import EXAMPLES
from ruamel.yaml import YAML

from partnercheck.config.settings import Settings
from partnercheck.document.load import load_document
from partnercheck.plugins.manager import PluginSelection, load_registry
from partnercheck.pointers import ancestors, resolve, split
from partnercheck.run.engine import Engine
from partnercheck.run.lint import check_files

ENGINE = Engine(load_registry(PluginSelection(autoload=False)), Settings(today=date(2026, 9, 15)))
HEALTHY = load_document("healthy.yaml", (EXAMPLES / "plateforme-aide-a-la-personne.yaml").read_bytes()).data
_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large]
FUZZ = settings(max_examples=200, deadline=None, database=None, suppress_health_check=_QUIET)
FEW = settings(max_examples=80, deadline=None, database=None, suppress_health_check=_QUIET)
BOMBS = settings(max_examples=30, deadline=None, database=None, suppress_health_check=_QUIET)
#: YAML 1.2 breaks lines on \r and \n only (not on NEL, LS and PS, as YAML 1.1 parsers do): findings count lines so.
_LINE_BREAKS = (re.compile("\r\n|\r|\n"),)
_MISSING = object()


def check_engine(raw: bytes, name: str = "fuzz.yaml") -> None:
    """The property: the engine returns, and every finding is well placed."""
    [result] = check_files([(name, raw)], [ENGINE], ENGINE)
    text = result.document.text if result.document is not None and result.document.text else raw.decode("utf-8", "replace")
    data = result.data
    splits = [breaks.split(text) for breaks in _LINE_BREAKS] if result.findings else []  # the text's lines, once for all its findings
    for finding in result.findings:
        assert finding.path == name
        assert finding.pointer == "" or finding.pointer.startswith("/"), finding
        assert not re.search("~[^01]|~$", finding.pointer), finding
        if data is not None:
            assert any(resolve(data, p, _MISSING) is not _MISSING for p in ancestors(finding.pointer))
        assert (finding.end_line, finding.end_column) >= (finding.line, finding.column), finding
        assert any(_inside(finding, lines) for lines in splits), (finding, text[:200])


def _inside(finding: Any, lines: list[str]) -> bool:
    """Line and column within the text; the end-of-file position counts when the text lacks a final line break."""
    if lines[-1]:
        lines = [*lines, ""]
    return 1 <= finding.line <= finding.end_line <= len(lines) and 1 <= finding.column <= len(lines[finding.line - 1]) + 1


# raw inputs --------------------------------------------------------------------------------

TOKENS = [
    "partnercheck: 1\n", "partnercheck: ", "charter:", "partners:", "pilot:", "id: a", "name: A", "type: funder",
    "- ", "  ", "    ", "\n", ": ", ", ", "{", "}", "[", "]", "? ", "&a ", "*a", "&b ", "*b", "<<: ", "<<: *a\n",
    "!!str ", "!!int ", "!!map ", "!foo ", "!include ", "!!python/object:os.system ", "'", '"', "\\", "\\u00e9", "\\ud800",
    "#", "# partnercheck: disable-line=PIL01 -- reason\n", "# partnercheck: disable-file=ALL\n", "|\n", ">-\n", "---\n",
    "...\n", "%YAML 1.2\n", "%TAG ! tag:x,2026:\n", "\t", "\r\n", "é", "日本", "\u2028", "2026-01-01", "null", "~",
    "true", "1e9", "0x1F", ".nan", "9" * 4400, "x-ext: ", "waivers:", "objectives:", "governance:", "responsibilities:",
]


@FUZZ
@given(st.binary(max_size=600))
def test_random_bytes(raw: bytes) -> None:
    check_engine(raw)


@pytest.mark.slow
@FUZZ
@given(st.text(max_size=600))
def test_random_text(text: str) -> None:
    check_engine(text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(st.lists(st.sampled_from(TOKENS), max_size=80).map("".join))
def test_yaml_token_soup(text: str) -> None:
    check_engine(text.encode("utf-8", "surrogatepass"))


@BOMBS
@given(st.integers(1, 6), st.integers(1, 60), st.sampled_from(["title", "partners", "vision"]))
def test_alias_depth_bombs(anchors: int, levels: int, where: str) -> None:
    check_engine(alias_depth(anchors, levels, where).encode("utf-8"))


@BOMBS
@given(st.integers(1, 12_000), st.integers(1, 200), st.booleans())
def test_alias_size_bombs(chars: int, repeats: int, partners: bool) -> None:
    check_engine(alias_size(chars, repeats, partners).encode("utf-8"))


# charter-shaped data --------------------------------------------------------------------------

SLUG = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,6}", fullmatch=True)
DATES = st.sampled_from(["2026-01-01", "2025-06-30", "2028-12-31", "2026-02-30", "demain", "2026-9-1"])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**9), st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=15), SLUG, DATES)
JUNK = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8) | SLUG, inner, max_size=3), max_leaves=10)
REFS = st.lists(SLUG, max_size=3) | st.just("all") | JUNK

PARTNER = st.fixed_dictionaries(
    {"id": SLUG, "name": st.text(max_size=15)},
    optional={
        "type": st.sampled_from(["funder", "employer", "local_authority", "association", "institution", "training_provider"]) | JUNK,
        "status": st.sampled_from(["active", "left", "observer", "joining"]) | JUNK,
        "signed": st.booleans() | JUNK,
        "interests": st.lists(st.text(max_size=10), max_size=2) | JUNK,
        "joined_on": DATES,
        "representative": st.fixed_dictionaries({"name": st.text(max_size=10)}) | JUNK,
    },
)
OBJECTIVE = st.fixed_dictionaries(
    {"id": SLUG, "statement": st.text(max_size=15)},
    optional={"accountable": SLUG | JUNK, "endorsed_by": REFS, "target": JUNK, "deadline": DATES, "measures": REFS},
)
CHARTER = st.fixed_dictionaries(
    {"partnercheck": st.just(1) | SCALARS, "charter": st.fixed_dictionaries({"id": SLUG, "title": st.text(max_size=15)}, optional={"status": JUNK, "period": JUNK, "review": JUNK})},
    optional={
        "partners": st.lists(PARTNER, max_size=5) | JUNK,
        "pilot": st.fixed_dictionaries({}, optional={"partners": REFS, "mandate": JUNK, "granted_by": REFS}) | JUNK,
        "objectives": st.lists(OBJECTIVE, max_size=4) | JUNK,
        "vision": st.text(max_size=30) | JUNK,
        "governance": JUNK,
        "responsibilities": st.lists(st.fixed_dictionaries({"activity": st.text(max_size=10)}, optional={"responsible": REFS, "accountable": REFS, "consulted": REFS}), max_size=3) | JUNK,
        "beneficiaries": JUNK,
        "evaluation": JUNK,
        "waivers": st.lists(st.fixed_dictionaries({"code": st.sampled_from(["PIL01", "BEN01", "ZZZ99"]) | JUNK}, optional={"reason": JUNK, "expires_on": DATES}), max_size=2) | JUNK,
        "x-ext": JUNK,
    },
)


#: The dumper of the YAML inputs: libyaml's emitter where ruamel.yaml.clib is installed (four times faster than the
#: pure one, most of an example's cost after the engine), the pure one elsewhere.
_YAML = YAML(typ="safe")


def dump(data: Any, as_yaml: bool) -> bytes:
    if not as_yaml:
        return json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass")
    stream = io.StringIO()
    _YAML.dump(data, stream)
    return stream.getvalue().encode("utf-8", "surrogatepass")


@pytest.mark.slow
@FUZZ
@given(CHARTER, st.booleans())
def test_charter_shaped_data(data: dict[str, Any], as_yaml: bool) -> None:
    check_engine(dump(data, as_yaml), "charter.yaml" if as_yaml else "charter.json")


def _paths(node: Any, pointer: str = "") -> list[str]:
    found, stack = [], [(pointer, node)]
    while stack:
        at, value = stack.pop()
        found.append(at)
        if isinstance(value, dict):
            stack.extend((f"{at}/{k}", v) for k, v in value.items() if "/" not in k and "~" not in k)
        elif isinstance(value, list):
            stack.extend((f"{at}/{i}", v) for i, v in enumerate(value))
    return sorted(found)


HEALTHY_PATHS = [p for p in _paths(HEALTHY) if p and p != "/partnercheck"]


@pytest.mark.slow
@FEW
@given(st.lists(st.tuples(st.sampled_from(HEALTHY_PATHS), JUNK | st.just(_MISSING)), min_size=1, max_size=4), st.booleans())
def test_the_healthy_example_with_junk_in_places(changes: list[tuple[str, Any]], as_yaml: bool) -> None:
    data = copy.deepcopy(HEALTHY)
    for pointer, value in changes:
        *parents, last = split(pointer)
        container = resolve(data, "/" + "/".join(parents) if parents else "", _MISSING)
        if isinstance(container, dict) and last in container:
            if value is _MISSING:
                del container[last]
            else:
                container[last] = value
        elif isinstance(container, list) and last.isdigit() and int(last) < len(container):
            container[int(last)] = None if value is _MISSING else value
    check_engine(dump(data, as_yaml))
