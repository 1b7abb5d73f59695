"""docs/security.md states what the code does: its limits, flags, codes and files."""

from __future__ import annotations

import re

from paths import ROOT

from partnercheck.checks.safe_schema import schema_problems
from partnercheck.document.builder import Limits
from partnercheck.plugins.manager import PluginSelection, load_registry
from partnercheck.resources import load_schema
from partnercheck.bounded import MAX_BASELINE_BYTES, MAX_SIDE_FILE_BYTES
from partnercheck.printable import MAX_ITEMS
from partnercheck.report.formats.html import MAX_CHARACTERS_PER_CHARTER
from partnercheck.rules.budget import DEFAULT_FILE_TIMEOUT, DEFAULT_RULE_TIMEOUT, MAX_RULE_TIMEOUT
from partnercheck.run.engine import MAX_FINDINGS_PER_FILE, MAX_HINT
from partnercheck.rules.pack import EXCERPT
from partnercheck.run.baseline import MAX_COUNT

DOC = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")


def test_the_limits_table_matches_the_code():
    limits = Limits()
    assert f"| file size | 10 MiB ({limits.max_bytes:,} bytes) |" in DOC
    assert limits.max_bytes == 10 * 1024 * 1024
    assert f"| nesting of lists and mappings | {limits.max_depth} levels |" in DOC
    assert f"| nodes reached through aliases | {limits.max_alias_nodes:,} |" in DOC
    assert f"| time one rule spends on one file | {DEFAULT_RULE_TIMEOUT:g} s |" in DOC
    assert f"from 0 to {MAX_RULE_TIMEOUT:,.0f}" in DOC
    assert f"| text repeated through aliases | {limits.max_alias_chars:,} characters, or the file's own length if larger |" in DOC
    assert f"or a configuration file | 10 MiB ({MAX_SIDE_FILE_BYTES:,} bytes) |" in DOC
    assert f"| a baseline file (`--baseline`) | 64 MiB ({MAX_BASELINE_BYTES:,} bytes) |" in DOC
    assert f"| findings one baseline entry accepts (`count`) | {MAX_COUNT:,} |" in DOC
    assert f"by at most {EXCERPT} characters" in DOC
    assert f"| time all the work on one file takes (reading, schema, references, rules, suppression comments) | {DEFAULT_FILE_TIMEOUT:g} s |" in DOC
    assert f"| findings one file reports | {MAX_FINDINGS_PER_FILE:,} | DOC10 `too-many-findings` at line 1 of the file: the first {MAX_FINDINGS_PER_FILE:,} found" in DOC
    assert f"| items of a list or mapping in a message (a rule's parameter) | {MAX_ITEMS}, then" in DOC
    assert f"| a hint a plugin gives as plain text | {MAX_HINT:,} characters" in DOC
    assert f"| {MAX_CHARACTERS_PER_CHARTER // (1024 * 1024)} MiB of text per charter |" in DOC


def test_every_flag_the_page_names_exists(cli):
    help_text = cli("check", "--help")[1]
    flags = set(re.findall(r"(--[a-z][a-z-]+)", DOC))
    assert {"--max-file-size", "--rule-timeout", "--allow-local-plugins", "--plugin", "--no-plugins"} <= flags
    assert sorted(f for f in flags if f not in help_text) == []


def test_every_code_the_page_names_is_a_rule():
    registry = load_registry(PluginSelection(autoload=False))
    for code, name in re.findall(r"\b([A-Z]{3}\d\d) `([a-z-]+)`", DOC):
        assert registry.rules[code].name == name


def test_the_files_the_page_names_exist():
    for path in re.findall(r"`?(tests/hostile/[\w./]+\.py)`?", DOC):
        assert (ROOT / path).is_file(), path


def test_partnercheck_own_schemas_hold_no_remote_reference_and_no_risky_pattern():
    for name in ("charter", "rule-pack", "config"):
        assert schema_problems(load_schema(name)) == [], name
