"""The rule-author test harness, used by partnercheck's own tests and by plugins.

Write a charter snippet, the rule's options, and the findings you expect
(code, JSON Pointer, optionally line and a fragment of the message); get a
readable failure when they differ::

    from partnercheck.testing import assert_findings

    def test_two_accountables():
        assert_findings(
            "ACC02",
            '''
            partnercheck: 1
            charter: {id: x, title: X}
            partners: [{id: a, name: A, type: funder}, {id: b, name: B, type: funder}]
            objectives: [{id: o, statement: S, accountable: [a, b]}]
            ''',
            [{"pointer": "/objectives/0/accountable", "line": 5}],
        )

The same cases can be written as YAML (`test_*.cases.yaml`, collected by the
pytest plugin) and every rule's own `examples` and `tests` run through
`rule_cases()`.

Repository-level rules (such as SCA03) only fire when several charters are
checked in one run. A case (or a rule's `examples`) may therefore give
`alongside:`, a list of further charters checked in the same run; only the
findings of the case's own `charter` are compared, and an alongside charter
with document findings (DOC, SCH, REF) fails the case as a broken snippet.
In Python: `lint_text(charter, alongside=[...])`.

A rule's translations are checked with `assert_translated("ORG01", "fr")`
(`partnercheck.testing.translations`): every message key, the same
parameters, the field names kept, and each message coming back translated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what type checkers see; at run time `__getattr__` imports each name on first use
    from partnercheck.testing.harness import (
        DEFAULT_TODAY,
        DOCUMENT_CODES,
        Case,
        Expected,
        assert_findings,
        lint_text,
        load_case_file,
        rule_cases,
        run_case,
    )
    from partnercheck.testing.registry import PluginLoadWarning, default_registry
    from partnercheck.testing.translations import assert_translated, translation_problems

# The names are loaded on first use: the pytest plugin (`testing/pytest_plugin.py`) imports this
# package at every pytest start-up, where importing the engine would cost every unrelated test run.
_HARNESS = ("Case", "Expected", "DEFAULT_TODAY", "DOCUMENT_CODES", "assert_findings", "default_registry", "lint_text", "load_case_file", "rule_cases", "run_case")
_REGISTRY = ("PluginLoadWarning",)
_TRANSLATIONS = ("assert_translated", "translation_problems")

__all__ = [  # written out, so type checkers see each name as exported (mypy --strict: no implicit re-export)
    "Case",
    "Expected",
    "DEFAULT_TODAY",
    "DOCUMENT_CODES",
    "PluginLoadWarning",
    "assert_findings",
    "default_registry",
    "lint_text",
    "load_case_file",
    "rule_cases",
    "run_case",
    "assert_translated",
    "translation_problems",
]


def __getattr__(name: str) -> Any:
    if name in _HARNESS:
        from partnercheck.testing import harness

        return getattr(harness, name)
    if name in _REGISTRY:
        from partnercheck.testing import registry

        return getattr(registry, name)
    if name in _TRANSLATIONS:
        from partnercheck.testing import translations

        return getattr(translations, name)
    raise AttributeError(f"module 'partnercheck.testing' has no attribute {name!r}")
