"""Broken plugins and rules are contained and named; the other rules still report (issue 8, item 7)."""

from __future__ import annotations

import threading
import time

import pytest
from hostile_support import NO_PILOT, clean, codes, findings, plugin, write

from partnercheck.rules.budget import RuleTimeout, budget_available, time_budget


def run(cli, tmp_path, plugin_file, *extra):
    charter = write(tmp_path, "charter.yaml", NO_PILOT)
    code, out, err = cli("check", "--no-plugins", "--isolated", "--format", "json", "--plugin", str(plugin_file), "--allow-local-plugins", *extra, str(charter))
    clean(out, err)
    return code, out, err


def internal(out: str, code: str) -> dict:
    [finding] = [f for f in findings(out) if f["code"] == code]
    return finding


def test_a_working_local_plugin_reports_under_its_name(cli, tmp_path):
    path = plugin(tmp_path, 'yield BareFinding("/charter", {"what": "seen"})')
    code, out, err = run(cli, tmp_path, path)
    [mine] = [f for f in findings(out) if f["code"] == "HOS01"]
    assert mine["plugin"] == f"local:{path}"
    assert mine["message"] == "hostile rule: seen"
    assert (mine["line"], code) == (2, 1)


def test_a_plugin_that_raises_on_import_is_skipped_and_named(cli, tmp_path):
    path = plugin(tmp_path, "return []", top="raise RuntimeError('broken at import')")
    code, out, err = run(cli, tmp_path, path)
    assert code == 2
    assert f"plugin 'local:{path}' failed to import: RuntimeError: broken at import; it was skipped" in err
    assert "PIL01" in codes(out)


def test_an_installed_module_that_raises_on_import_is_skipped_and_named(cli, tmp_path, monkeypatch):
    write(tmp_path, "hostile_broken_module.py", "raise ImportError('missing dependency')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv("PARTNERCHECK_PLUGINS", "hostile_broken_module")
    charter = write(tmp_path, "charter.yaml", NO_PILOT)
    code, out, err = cli("check", "--no-plugins", "--isolated", "--format", "json", str(charter))
    clean(out, err)
    assert code == 2
    assert "plugin 'hostile_broken_module' failed to import: ImportError: missing dependency" in err
    assert "PIL01" in codes(out)


def test_a_plugin_whose_hook_raises_is_skipped_and_named(cli, tmp_path):
    path = plugin(tmp_path, "return []", hook="raise KeyError('no such thing')")
    code, out, err = run(cli, tmp_path, path)
    assert code == 2
    assert "raised KeyError while registering" in err and f"local:{path}" in err
    assert "HOS01" not in codes(out) and "PIL01" in codes(out)


def test_a_rule_that_raises_is_int01_naming_rule_and_plugin(cli, tmp_path):
    path = plugin(tmp_path, "raise ZeroDivisionError('division by zero')")
    code, out, err = run(cli, tmp_path, path)
    assert code == 2
    crash = internal(out, "INT01")
    assert "HOS01 (hostile-rule)" in crash["message"] and f"local:{path}" in crash["message"]
    assert "ZeroDivisionError" in crash["message"]
    assert "PIL01" in codes(out)


def test_a_rule_that_calls_sys_exit_is_contained(cli, tmp_path):
    path = plugin(tmp_path, "import sys\nsys.exit(0)")
    code, out, err = run(cli, tmp_path, path)
    assert code == 2
    assert "SystemExit" in internal(out, "INT01")["message"]
    assert "PIL01" in codes(out)


@pytest.mark.parametrize(
    "returned",
    [
        '[{"pointer": "/charter"}]',
        '[BareFinding("charter/id")]',
        "[42]",
        '[BareFinding("/charter", params=None)]',
        '[BareFinding(None)]',
    ],
)
def test_malformed_findings_are_int01(cli, tmp_path, returned):
    path = plugin(tmp_path, f"return {returned}")
    code, out, err = run(cli, tmp_path, path)
    assert code == 2
    assert "where a BareFinding" in internal(out, "INT01")["message"]
    assert "PIL01" in codes(out)


@pytest.mark.parametrize(
    "body",
    [
        "while True:\n    pass",
        "while True:\n    try:\n        sum(range(10_000))\n    except Exception:\n        pass",
        "import time\ntime.sleep(3600)\nreturn []",
        "import re\nre.match(r'(a+)+b', 'a' * 64)\nreturn []",
    ],
    ids=["busy-loop", "loop-swallowing-exceptions", "sleep", "catastrophic-regex"],
)
def test_a_rule_past_its_budget_is_int02_and_the_others_still_report(cli, tmp_path, body):
    path = plugin(tmp_path, body)
    code, out, err = run(cli, tmp_path, path, "--rule-timeout", "0.5")
    assert code == 2
    timeout = internal(out, "INT02")
    assert timeout["severity"] == "error"
    assert "HOS01 (hostile-rule)" in timeout["message"] and f"local:{path}" in timeout["message"]
    assert "time budget of 0.5 s" in timeout["message"]
    assert "PIL01" in codes(out)


def test_a_repository_rule_past_its_budget_is_int02(cli, tmp_path):
    path = plugin(tmp_path, "while True:\n    pass", scope="repository")
    code, out, err = run(cli, tmp_path, path, "--rule-timeout", "0.5")
    assert code == 2
    assert "HOS01 (hostile-rule)" in internal(out, "INT02")["message"]
    assert "PIL01" in codes(out)


def test_a_zero_rule_timeout_means_no_budget(cli, tmp_path):
    path = plugin(tmp_path, "import time\ntime.sleep(0.3)\nyield BareFinding('/charter', {'what': 'finished'})")
    code, out, err = run(cli, tmp_path, path, "--rule-timeout", "0")
    assert "INT02" not in codes(out)
    assert any(f["message"] == "hostile rule: finished" for f in findings(out))


def test_a_bad_rule_timeout_is_a_usage_error(cli, tmp_path):
    code, out, err = cli("check", "--rule-timeout", "soon", str(write(tmp_path, "c.yaml", NO_PILOT)))
    assert code == 2 and "invalid number of seconds 'soon'" in err
    clean(out, err)


def test_the_budget_stops_a_block_in_the_main_thread():
    assert budget_available()
    with pytest.raises(RuleTimeout):
        with time_budget(0.05):
            while True:
                pass
    with time_budget(5):  # an earlier budget left no timer behind
        time.sleep(0.1)


def test_outside_the_main_thread_there_is_no_budget():
    seen: list[object] = []

    def work() -> None:
        seen.append(budget_available())
        with time_budget(0.01):
            time.sleep(0.05)
        seen.append("finished")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert seen == [False, "finished"]


# local plugins run only when allowed -------------------------------------------------------


def test_a_local_plugin_does_not_run_without_allow_local_plugins(cli, tmp_path):
    marker = tmp_path / "RAN"
    path = plugin(tmp_path, "return []", top=f"open({str(marker)!r}, 'w').close()")
    charter = write(tmp_path, "charter.yaml", NO_PILOT)
    code, out, err = cli("check", "--no-plugins", "--isolated", "--format", "json", "--plugin", str(path), str(charter))
    clean(out, err)
    assert code == 2
    assert f"local plugin {path} was not loaded" in err and "--allow-local-plugins" in err
    assert not marker.exists()
    assert "PIL01" in codes(out)


def test_a_missing_local_plugin_is_a_clear_error(cli, tmp_path):
    charter = write(tmp_path, "charter.yaml", NO_PILOT)
    code, out, err = cli("check", "--no-plugins", "--isolated", "--plugin", str(tmp_path / "nope.py"), "--allow-local-plugins", str(charter))
    clean(out, err)
    assert code == 2
    assert "no such file" in err


def test_the_selection_exposes_local_plugins_for_configuration(tmp_path):
    from partnercheck.plugins.manager import PluginSelection, load_registry

    path = plugin(tmp_path, "return []")
    refused = load_registry(PluginSelection(autoload=False, local_plugins=(str(path),)))
    allowed = load_registry(PluginSelection(autoload=False, local_plugins=(str(path),), allow_local=True))
    assert "HOS01" not in refused.rules and any("--allow-local-plugins" in e for e in refused.errors)
    assert allowed.rules["HOS01"].plugin == f"local:{path}" and not allowed.errors
