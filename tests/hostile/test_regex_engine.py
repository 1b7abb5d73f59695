"""Patterns run on RE2 (linear time) with Python's meaning; no private CPython module (issue 17 item 8, issue 14).

`(?i)^(aa|Aa)+$` and `^([\\u4e01-\\u9fff]x|\\wx)+$` slipped past the
backtracking screen and, on Python's `re`, never ended on a long value even
with `--rule-timeout 0`. Each test bounds the time with a generous margin:
on Python's `re` the same call takes longer than the age of the universe.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hostile_support import NO_PILOT, clean, findings, write

from partnercheck.checks.regex import runs_on_re2, search, translate
from partnercheck.checks.safe_regex import backtracking_risk
from partnercheck.checks.safe_schema import validator

SRC = Path(__file__).resolve().parents[2] / "src" / "partnercheck"
#: Each issue pattern with a value that makes a backtracking engine explode.
EXPLOSIVE = [(r"(?i)^(aa|Aa)+$", "aA" * 30_000 + "!"), ("^([\u4e01-\u9fff]x|\\wx)+$", "\u4e01x" * 30_000 + "!")]


def quickly(call, *args):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = call(*args)
    assert time.perf_counter() - start < 2.0
    return result


@pytest.mark.parametrize(("pattern", "value"), EXPLOSIVE)
def test_the_issue_patterns_run_in_linear_time(pattern: str, value: str) -> None:
    assert runs_on_re2(pattern)
    assert quickly(search, pattern, value) is False
    assert quickly(search, pattern, value[:-1]) is True


@pytest.mark.parametrize(("pattern", "value"), EXPLOSIVE)
def test_schema_validation_runs_them_in_linear_time(pattern: str, value: str) -> None:
    assert quickly(validator({"pattern": pattern}).is_valid, value) is False
    schema = {"type": "object", "patternProperties": {pattern: {"type": "integer"}}, "additionalProperties": False}
    assert quickly(validator(schema).is_valid, {value: 1}) is False
    assert quickly(validator(schema).is_valid, {value[:-1]: 1}) is True


def test_a_pack_with_the_case_insensitive_pattern_runs_with_no_time_budget(cli, tmp_path: Path) -> None:
    pack = write(tmp_path, "pack.yaml", PACK.format(pattern=r"(?i)^(aa|Aa)+$"))
    charter = write(tmp_path, "charter.yaml", NO_PILOT.replace("title: Plateforme", "title: " + "aA" * 30_000 + "!"))
    start = time.perf_counter()
    code, out, err = cli("check", "--no-plugins", "--isolated", "--format", "json", "--rule-timeout", "0", "--rules", str(pack), str(charter))
    assert time.perf_counter() - start < 20
    clean(out, err)
    assert err == "" and code == 1
    assert [f["pointer"] for f in findings(out) if f["code"] == "HOS30"] == ["/charter/title"]


def test_a_pack_with_the_range_pattern_is_refused_at_once(cli, tmp_path: Path) -> None:
    pack = write(tmp_path, "pack.yaml", PACK.format(pattern="^([\\u4e01-\\u9fff]x|\\\\wx)+$"))
    charter = write(tmp_path, "charter.yaml", NO_PILOT.replace("title: Plateforme", "title: " + "\u4e01x" * 30_000 + "!"))
    code, out, err = cli("check", "--no-plugins", "--isolated", "--format", "json", "--rule-timeout", "0", "--rules", str(pack), str(charter))
    assert code == 2 and "HOS30: the pattern" in err and "start with the same character" in err


PACK = """\
pack: hostile
rules:
  - code: HOS30
    name: hostile-hos30
    severity: warning
    summary: A declarative rule from a test pack.
    why: To see a pattern run on a long value.
    message: "{{problem}}"
    check:
      select: /charter/title
      schema: {{pattern: "{pattern}"}}
    examples:
      fail: "partnercheck: 1"
      pass: "partnercheck: 1"
"""

#: Patterns and values where RE2's own reading differs from Python's: the translation must keep Python's.
MEANING = [
    (r"^\w+$", ["été", "日本語", "a_1", "a-b", "٣", ""]),
    (r"^\d+$", ["123", "٣٤", "１２", "1a", "12\n"]),
    (r"^\s*$", ["", " \t", "\u3000", "\xa0", "\x85", "\u2028", "x", "\x1c"]),
    (r"\S+", [" ", "\u3000", "é", "\n\t"]),
    (r"^\W+$", ["-!", "é", " ", "_"]),
    (r"^\D+$", ["abc", "a٣", "é"]),
    (r"^[a-z0-9][a-z0-9._-]*$", ["ok-1", "ok\n", "ok\n\n", "Ok", "é"]),
    (r"^[\w.-]+@[\w-]+\Z", ["é.b@c-d", "a@b\n"]),
    (r"(?i)^accessib\w*$", ["Accessibilité", "ACCESSIB", "inaccessible", "ACCESSIBLE\n"]),
    (r"^[]a]+$", ["]a", "b"]),
    (r"^[^]a]+$", ["bc", "a"]),
    (r"(?:\u00e9|\U0001F600)+", ["é", "😀", "e"]),
    (r"^[\d\s]+$", ["1 ٣", "a"]),
    (r"^\p", None),  # invalid in Python: stays invalid
]


@pytest.mark.parametrize(("pattern", "values"), [m for m in MEANING if m[1] is not None])
def test_patterns_keep_pythons_meaning(pattern: str, values: list[str]) -> None:
    assert runs_on_re2(pattern)
    assert [search(pattern, v) for v in values] == [re.search(pattern, v) is not None for v in values]


@pytest.mark.parametrize("pattern", [r"^x-", r"^(oui|non)$", r"\S", r"(?<=a)b"])
def test_patterns_without_repeats_stay_with_python_re(pattern: str) -> None:
    """No repeat, no backtracking to fear, and Python's re is faster per call (every charter key meets ^x-)."""
    assert not runs_on_re2(pattern)
    assert search(pattern, "x-a") == (re.search(pattern, "x-a") is not None)


def test_an_invalid_pattern_is_still_invalid() -> None:
    with pytest.raises(re.error):
        search(r"^\p", "x")


@pytest.mark.parametrize("pattern", [r"\bword\b", r"(?<=a)b", r"a(?!b)", r"(a)\1", r"^(a++)+$", r"(?x) a b", r"[\W]", r"\N{BULLET}"])
def test_features_re2_lacks_stay_with_python_re(pattern: str) -> None:
    assert translate(pattern) is None or not runs_on_re2(pattern)
    assert search(pattern, "xx word ab aa • ") == (re.search(pattern, "xx word ab aa • ") is not None)


def test_case_folding_screens_patterns_that_stay_on_python_re() -> None:
    pattern = r"(?i)(?=a)^(aa|Aa)+$"  # look-ahead: Python's re runs it
    assert not runs_on_re2(pattern)
    assert "exponential" in (backtracking_risk(pattern, fold_case=True) or "")
    assert backtracking_risk(r"(?i)^(ab|cd)+$", fold_case=True) is None


def test_no_module_imports_a_private_regex_module() -> None:
    private = re.compile(r"^\s*(?:import|from)\s+(?:re\._\w+|sre_\w+)|^\s*from\s+re\s+import\s+_", re.MULTILINE)
    offenders = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py") if private.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


@pytest.mark.parametrize(("pattern", "values"), [m for m in MEANING if m[1] is not None])
def test_re2_answers_alike_through_the_packages_public_search(pattern: str, values: list[str]) -> None:
    """Matching calls RE2 below the package's wrapper (no match object, regex.py); where that is not there, the
    package's public search on the same UTF-8 bytes answers, and both answer as Python's re (lone surrogate included)."""
    from partnercheck.checks.regex import compile_pattern

    compiled = compile_pattern(pattern)
    fallback = type(compiled)(compiled._compiled)
    fallback._match = None
    for value in [*values, "a\ud800"]:
        assert compiled.found(value) == fallback.found(value) == (re.search(pattern, value.replace("\ud800", "\ufffd")) is not None)


def test_answers_kept_for_short_texts_are_bounded_and_the_same() -> None:
    from partnercheck.checks import regex

    compiled = regex.compile_pattern(r"^[a-z0-9][a-z0-9._-]*$")
    texts = [f"p{i:05d}" for i in range(regex._KNOWN + 10)] + ["Nope", "x" * (regex._KNOWN_LENGTH + 1)]
    first = [compiled.found(t) for t in texts]
    assert first == [compiled.found(t) for t in texts] == [re.search(r"^[a-z0-9][a-z0-9._-]*$", t) is not None for t in texts]
    assert 0 < len(compiled._known) <= regex._KNOWN and "x" * (regex._KNOWN_LENGTH + 1) not in compiled._known


#: A valid charter whose partner ids meet the charter schema's own id pattern (`^[a-z0-9][a-z0-9._-]*$`).
VALID = {"partnercheck": 1, "charter": {"id": "x", "title": "Plateforme"}, "partners": [{"id": "a-1", "name": "Association A", "type": "funder"}]}


def test_the_charter_schemas_own_patterns_run_without_importing_re2() -> None:
    """They ship with partnercheck and run on Python's re: a run on a valid charter loads no RE2 (start-up, issue 14)."""
    import subprocess
    import sys

    code = f"import sys; from partnercheck.checks.schema import charter_check; print(charter_check().problems({VALID!r}), 're2' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["[]", "False"]


def test_a_schema_extension_never_shares_the_trust_of_the_charter_schema() -> None:
    import json

    from partnercheck.checks.schema import CharterCheck, own_patterns

    ours = "^[a-z0-9][a-z0-9._-]*$"
    assert ours in own_patterns()
    assert ours not in own_patterns((("x-acme", json.dumps({"type": "string", "pattern": ours})),))
    assert ours not in own_patterns((("x-acme", json.dumps({"type": "object", "patternProperties": {ours: {}}})),))
    for pattern, value in EXPLOSIVE:
        check = CharterCheck((("x-acme", json.dumps({"type": "string", "pattern": pattern})),))
        assert check.quick is not None
        assert quickly(check.quick, {**VALID, "x-acme": value}) is False
        assert quickly(check.quick, {**VALID, "x-acme": value[:-1]}) is True


def test_trusted_patterns_keep_their_answers() -> None:
    from partnercheck.checks.regex import matcher

    for pattern, values in [m for m in MEANING if m[1] is not None]:
        trusted, untrusted = matcher(pattern, trusted=True), matcher(pattern)
        assert [trusted(v) for v in [*values, "a\ud800"]] == [untrusted(v) for v in [*values, "a\ud800"]]
