"""The rule-author harness, as a plugin author meets it (issue 18, item 9): lists or tuples
accepted, a case runs with the registry it came from, an unrelated broken plugin is reported
and not fatal, a crash is blamed on the rule, a message parameter nobody gives fails the case,
and a case file with a load problem (a duplicate key) is an error.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from partnercheck.testing import default_registry, rule_cases, run_case
from partnercheck.testing.registry import PluginLoadWarning
from test_plugins import CHARTER, PACK_PLUGIN, no_installed_plugins, pack, plugin, rule  # noqa: F401  (fixtures)

pytest_plugins = ["pytester"]  # the user's pytest runs on case files, in this process
#: As this project's pyproject sets it: pytest-asyncio's deprecation warning, unset, would reach this run's own summary.
ASYNCIO = ("-o", "asyncio_default_fixture_loop_scope=function")
GOOD = pack(rule("HAR01", "needs-representative", "{select: /partners/*, schema: {required: [representative]}}", message="Partner {id} names no representative."))
EXAMPLE = "partnercheck: 1\\ncharter: {id: x, title: X}\\npartners: [{id: a, name: A, type: funder%s}]"


def examples(text: str) -> str:
    """The packs' examples made valid charters: fails without a representative, passes with one."""
    return text.replace('fail: "partnercheck: 1"', f'fail: "{EXAMPLE % ""}"').replace('pass: "partnercheck: 1"', f'pass: "{EXAMPLE % ", representative: {name: R}"}"')


GOOD = examples(GOOD)


@pytest.fixture
def good_pack(tmp_path: Path) -> Path:
    path = tmp_path / "har.yaml"
    path.write_text(GOOD, encoding="utf-8")
    return path


@pytest.mark.parametrize("given", [list, tuple, lambda paths: paths[0], lambda paths: str(paths[0])], ids=["list", "tuple", "path", "str"])
def test_default_registry_takes_lists_tuples_or_one_pack(good_pack: Path, given) -> None:  # type: ignore[no-untyped-def]
    registry = default_registry(packs=given([good_pack]))
    assert "HAR01" in registry.rules


def test_a_case_runs_with_the_registry_it_came_from(good_pack: Path) -> None:
    from partnercheck.plugins.manager import PluginSelection, load_registry

    registry = load_registry(PluginSelection(extra_packs=(str(good_pack),)))
    cases = rule_cases(registry=registry, plugin=f"local:{good_pack}")
    assert [c.id for c in cases] == ["HAR01:fails", "HAR01:passes"]
    for case in cases:
        run_case(case)  # no registry given again


def test_an_unrelated_broken_plugin_is_reported_not_fatal(plugin, good_pack: Path) -> None:
    plugin("acme_neighbour", "raise RuntimeError('not configured')\n")
    with pytest.warns(PluginLoadWarning, match="plugin 'acme_neighbour' failed to import: RuntimeError: not configured"):
        registry = default_registry(packs=(str(good_pack),))
    for case in rule_cases(registry=registry, plugin=f"local:{good_pack}"):
        run_case(case)


def test_the_plugin_under_test_failing_to_load_is_fatal(plugin) -> None:
    plugin("acme_self", "raise RuntimeError('broken')\n")
    with pytest.raises(AssertionError, match="plugin 'acme_self' failed to import: RuntimeError: broken"):
        default_registry(modules=["acme_self"])


CRASHING = PACK_PLUGIN.format(pack="crash") + """
def crash(ctx):
    return [BareFinding(p.pointer, {"amount": p.value["budget"]}) for p in ctx.partners]

def partial(ctx):
    return [BareFinding(p.pointer, {"id": p.id}) for p in ctx.partners]

@hookimpl
def register_functions(register):
    register("acme.crash", crash)
    register("acme.partial", partial)
"""
CRASH_PACK = examples(pack(rule("CRH01", "crashes", "{function: acme.crash}"), rule("CRH02", "partial", "{function: acme.partial}", message="Partner {id} ({name}) spends {amount}.")))


def test_a_crash_is_blamed_on_the_rule_not_the_charter(plugin) -> None:
    plugin("acme_crash", CRASHING, crash_yaml=CRASH_PACK)
    registry = default_registry(modules=("acme_crash",))
    with pytest.raises(AssertionError) as caught:
        run_case(rule_cases(registry=registry, plugin="acme_crash")[0])
    assert "the rule crashed: INT01" in str(caught.value) and "KeyError: 'budget'" in str(caught.value)
    assert "the charter itself is invalid" not in str(caught.value)


def test_a_message_parameter_no_finding_gives_fails_the_case(plugin) -> None:
    from partnercheck.testing import assert_findings

    plugin("acme_crash", CRASHING, crash_yaml=CRASH_PACK)
    registry = default_registry(modules=("acme_crash",))
    with pytest.raises(AssertionError, match=r"its message 'default' or hint uses \{amount\}, \{name\}, which the finding's parameters do not give"):
        assert_findings("CRH02", CHARTER, [{"pointer": "/partners/0"}], registry=registry)


def test_a_case_file_with_a_duplicate_key_is_an_error(pytester: pytest.Pytester) -> None:
    """The user's `pytest` on the case file is run in this process (pytester), with the plugins an installed
    pytest loads (entry points, partnercheck's own among them): no interpreter nor plugin imports paid again."""
    from partnercheck.testing import load_case_file

    cases = pytester.path / "test_dup.cases.yaml"
    cases.write_text("rule: PIL01\ncases:\n  - charter: 'partnercheck: 1'\n    expect: []\n    expect: [{pointer: ''}]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"test_dup.cases.yaml:5: Duplicate key \"expect\""):
        load_case_file(cases)
    done = pytester.runpytest_inprocess("-q", "-p", "no:cacheprovider", "-p", "no:xdist", *ASYNCIO, str(cases))
    stdout = done.stdout.str()
    assert done.ret != 0 and 'Duplicate key "expect"' in stdout and "Traceback" not in stdout, stdout


def test_the_cases_of_a_plugin_that_did_not_load_fail_instead_of_vanishing(plugin) -> None:
    plugin("acme_broken_pack", PACK_PLUGIN.format(pack="broken"), broken_yaml="pack: acme\nrules: []\n")
    from partnercheck.plugins.manager import PluginSelection, load_registry

    registry = load_registry(PluginSelection(modules=("acme_broken_pack",)))
    with pytest.raises(AssertionError, match="plugin 'acme_broken_pack' ships a broken rule pack"):
        rule_cases(registry=registry, plugin="acme_broken_pack")
    with pytest.raises(AssertionError, match="no plugin 'acme-typo' is loaded"):
        rule_cases(registry=registry, plugin="acme-typo")


def test_a_case_file_runs_beside_a_pytest_plugin_that_wraps_each_test_call(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    """pytest-lsp (a test dependency, common among editor-tooling authors) wraps `pytest_runtest_call` and
    ran only items with `funcargs`: every YAML case failed with "wrap_controller … did not yield".
    The run is in this process (pytester), its plugins loaded from their entry points as an installed pytest does."""
    import importlib.util

    assert importlib.util.find_spec("pytest_lsp") is not None, "pytest-lsp, a test dependency, wraps every test call"
    (pytester.path / "test_pilot.cases.yaml").write_text(
        "rule: PIL01\ncases:\n  - name: no pilot\n    charter: |\n      partnercheck: 1\n      charter: {id: x, title: X}\n"
        "      partners: [{id: a, name: A, type: funder}]\n    expect: [{pointer: ''}]\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("PARTNERCHECK_DISABLE_PLUGIN_AUTOLOAD", "1")
    loaded: list[bool] = []

    class Probe:
        def pytest_configure(self, config: pytest.Config) -> None:
            loaded.append(config.pluginmanager.has_plugin("pytest-lsp"))

    done = pytester.runpytest_inprocess("-q", "-p", "no:cacheprovider", *ASYNCIO, str(pytester.path), plugins=[Probe()])
    stdout = done.stdout.str()
    assert loaded == [True], "the run loads pytest-lsp from its entry point, as a user's pytest does"
    assert done.ret == 0, stdout[-2000:]
    assert "1 passed" in stdout
