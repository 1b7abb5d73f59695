"""No network, no code from data, no runaway regular expressions (issue 8, item 8).

Every test here runs with sockets disabled: a connection attempt fails the
test, whatever the code under test does with the error.
"""

from __future__ import annotations

import socket

import pytest
from hostile_support import NO_PILOT, clean, codes, findings, write

from partnercheck.checks.safe_regex import backtracking_risk
from partnercheck.checks.safe_schema import schema_problems, validator

URLS = ["https://example.org/schemas/x.json", "http://example.org/x.json#/$defs/a", "other.schema.json", "file:///etc/passwd", "//example.org/x"]


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise AssertionError(f"partnercheck tried to reach the network: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield attempts
    assert attempts == []


def pack(code: str, check: str, options: str = "") -> str:
    return f"""\
pack: hostile
rules:
  - code: {code}
    name: hostile-{code.lower()}
    severity: warning
    summary: A declarative rule from a test pack.
    why: To see what partnercheck refuses in packs.
    message: "{{problem}}"
{options}    check:
{check}
    examples:
      fail: "partnercheck: 1"
      pass: "partnercheck: 1"
"""


def lint_with_pack(cli, tmp_path, text: str):
    path = write(tmp_path, "pack.yaml", text)
    charter = write(tmp_path, "charter.yaml", NO_PILOT)
    code, out, err = cli("check", "--no-plugins", "--isolated", "--format", "json", "--rules", str(path), str(charter))
    clean(out, err)
    return path, code, out, err


# $ref to anything outside the schema -------------------------------------------------


@pytest.mark.parametrize("url", URLS)
def test_a_remote_ref_in_a_declarative_check_is_a_pack_error_naming_file_and_line(cli, tmp_path, url):
    check = f'      select: /charter\n      schema:\n        properties:\n          id: {{$ref: "{url}"}}\n'
    path, code, out, err = lint_with_pack(cli, tmp_path, pack("HOS10", check))
    assert code == 2
    assert f"{path}:13: HOS10: $ref '{url}' points outside the schema" in err
    assert "never fetches" in err
    assert "PIL01" in codes(out) and "HOS10" not in codes(out)


def test_a_remote_ref_in_an_option_schema_is_a_pack_error(cli, tmp_path):
    options = '    options:\n      limit:\n        default: 3\n        schema: {$ref: "https://example.org/int.json"}\n'
    check = "      select: /charter\n      schema: {type: object}\n"
    path, code, out, err = lint_with_pack(cli, tmp_path, pack("HOS11", check, options))
    assert code == 2
    assert f"{path}:12: HOS11: $ref 'https://example.org/int.json'" in err


def test_local_refs_are_fine(cli, tmp_path):
    check = '      select: /charter\n      schema:\n        $defs: {slug: {type: string, pattern: "^[a-z]+$"}}\n        properties: {id: {$ref: "#/$defs/slug"}}\n'
    path, code, out, err = lint_with_pack(cli, tmp_path, pack("HOS12", check))
    assert err == ""
    assert "HOS12" not in codes(out)  # `x` is a valid slug


def test_a_remote_ref_in_a_plugin_schema_extension_skips_the_plugin(cli, tmp_path):
    source = """\
from partnercheck import hookimpl

@hookimpl
def register_schema_extensions(register):
    register("x-remote", {"type": "object", "properties": {"a": {"$ref": "https://example.org/a.json"}}})
"""
    plugin = write(tmp_path, "remote_plugin.py", source)
    charter = write(tmp_path, "charter.yaml", NO_PILOT + "x-remote: {a: 1}\n")
    code, out, err = cli("check", "--no-plugins", "--isolated", "--format", "json", "--plugin", str(plugin), "--allow-local-plugins", str(charter))
    clean(out, err)
    assert code == 2
    assert "schema extension 'x-remote' at /properties/a/$ref: $ref 'https://example.org/a.json' points outside the schema" in err
    assert "PIL01" in codes(out)


def test_even_an_unchecked_remote_ref_is_never_fetched():
    from jsonschema.exceptions import _WrappedReferencingError

    strict = validator({"$ref": "https://example.org/schemas/x.json"})
    with pytest.raises(_WrappedReferencingError):
        strict.is_valid(1)


def test_schema_problems_point_inside_the_schema():
    schema = {"items": [{"$dynamicRef": "https://example.org/d"}], "properties": {"a": {"$ref": "#/$defs/a"}}}
    assert [where for where, _ in schema_problems(schema)] == ["/items/0/$dynamicRef"]


# declarative packs cannot run code -------------------------------------------------------


def test_a_pack_naming_a_python_function_nobody_registered_runs_nothing(cli, tmp_path):
    path = write(tmp_path, "pack.yaml", pack("HOS13", "      function: os.system\n"))
    charter = write(tmp_path, "charter.yaml", NO_PILOT)
    code, out, err = cli("check", "--no-plugins", "--isolated", "--format", "json", "--rules", str(path), str(charter))
    clean(out, err)
    assert code == 2
    assert "names the function 'os.system', which no plugin registered; the rule was skipped" in err


def test_a_pack_with_a_python_tag_is_refused(cli, tmp_path):
    text = pack("HOS14", "      select: /charter\n      schema: !!python/object/apply:os.system [\"true\"]\n")
    path, code, out, err = lint_with_pack(cli, tmp_path, text)
    assert code == 2
    assert f"{path}:11:" in err and "never constructs tagged objects" in err


# regular expressions ----------------------------------------------------------------------

BAD_PATTERNS = [r"^(a+)+$", r"^(\w+\s?)*$", r"(.*,)*x", r"^(\d|\d\d)+$", r"(a.|.a)*$", r"^([a-z]+[0-9]*)+$"]
GOOD_PATTERNS = [r"^[a-z0-9][a-z0-9._-]*$", r"^\w+( \w+)*$", r"^(\d+-)*\d+$", r"^(oui|non)$", r"^([a-z]+\.)*[a-z]+$", r"(?i)accessib", r"^(a++)+$"]


@pytest.mark.parametrize("pattern", BAD_PATTERNS)
def test_catastrophic_patterns_are_flagged(pattern):
    assert "exponential" in (backtracking_risk(pattern) or "")


@pytest.mark.parametrize("pattern", GOOD_PATTERNS)
def test_ordinary_patterns_pass(pattern):
    assert backtracking_risk(pattern) is None


@pytest.mark.parametrize("where", ["pattern", "patternProperties"])
def test_a_catastrophic_pattern_in_a_pack_is_a_pack_error_naming_file_and_line(cli, tmp_path, where):
    schema = '{type: string, pattern: "^(a+)+$"}' if where == "pattern" else '{patternProperties: {"^(a+)+$": {type: string}}}'
    check = f"      select: /charter/id\n      schema:\n        allOf:\n          - {schema}\n"
    path, code, out, err = lint_with_pack(cli, tmp_path, pack("HOS15", check))
    assert code == 2
    assert f"{path}:13: HOS15: the pattern '^(a+)+$' nests repeats" in err
    assert "PIL01" in codes(out)


def test_an_invalid_pattern_in_a_pack_is_a_pack_error(cli, tmp_path):
    check = '      select: /charter/id\n      schema: {pattern: "(unclosed"}\n'
    path, code, out, err = lint_with_pack(cli, tmp_path, pack("HOS16", check))
    assert code == 2
    assert f"{path}:11: HOS16: the pattern '(unclosed' is not a valid regular expression" in err


def test_a_safe_pattern_in_a_pack_checks_charters(cli, tmp_path):
    check = '      select: /partners/*/id\n      schema: {pattern: "^[a-z]+-[a-z]+$"}\n'
    path, code, out, err = lint_with_pack(cli, tmp_path, pack("HOS17", check))
    assert err == ""
    [mine] = [f for f in findings(out) if f["code"] == "HOS17"]
    assert mine["pointer"] == "/partners/0/id" and mine["line"] == 4
