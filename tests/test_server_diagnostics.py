"""`partnercheck server`: diagnostics through a real LSP client over stdio are what `check` reports (issue 20)."""

from __future__ import annotations

import pytest
from lsp_support import change, check_json, configure, open_file, ranges, run, server, session, shared_server, spans  # noqa: F401 (fixtures)
from lsprotocol import types
from paths import EXAMPLES, ROOT

BROKEN = sorted((EXAMPLES / "broken").glob("*.yaml"))


@pytest.mark.slow
def test_the_broken_examples_give_the_codes_and_ranges_check_gives(server):
    async def scenario():
        client = server.client
        return [await open_file(client, path) for path in BROKEN]

    published = server.run(scenario())
    for path, diagnostics in zip(BROKEN, published):
        expected = check_json(path.relative_to(ROOT), ROOT)
        assert expected, path
        assert ranges(diagnostics) == spans(expected), path.name
        by_code = {f["code"]: f for f in expected}
        for d in diagnostics:
            assert d.source == "partnercheck" and d.message == by_code[str(d.code)]["message"] or any(f["message"] == d.message for f in expected)


def test_a_diagnostic_links_its_rule_documentation_and_keeps_its_severity(tmp_path, server):
    charter = tmp_path / "charter.yaml"
    charter.write_text((EXAMPLES / "broken" / "sans-pilote.yaml").read_text(encoding="utf-8"), encoding="utf-8")

    async def scenario():
        client = server.client
        return await open_file(client, charter)

    diagnostics = server.run(scenario())
    [pil01] = [d for d in diagnostics if d.code == "PIL01"]
    assert pil01.severity == types.DiagnosticSeverity.Error
    assert pil01.code_description is not None and pil01.code_description.href.endswith("docs/rules.md#pil01-no-pilot-designated")
    assert pil01.message.startswith("No pilot")


def test_fixing_a_finding_in_the_editor_makes_it_disappear(tmp_path, server):
    charter = tmp_path / "charter.yaml"
    text = (EXAMPLES / "broken" / "sans-pilote.yaml").read_text(encoding="utf-8")
    charter.write_text(text, encoding="utf-8")
    first_partner = text.split("  - id: ", 1)[1].split("\n", 1)[0].strip()

    async def scenario():
        client = server.client
        before = await open_file(client, charter)
        after = await change(client, charter, text + f"pilot:\n  partners: [{first_partner}]\n", 2)
        return before, after

    before, after = server.run(scenario())
    assert "PIL01" in {d.code for d in before}
    assert "PIL01" not in {d.code for d in after}
    assert {d.code for d in after} - {"PIL01"} <= {d.code for d in before} | {"PIL02", "PIL03", "PIL04", "PIL05"}


def test_the_language_follows_the_settings_then_the_charter(tmp_path):
    charter = tmp_path / "charter.yaml"
    charter.write_text((EXAMPLES / "broken" / "sans-pilote.yaml").read_text(encoding="utf-8"), encoding="utf-8")

    async def set_at_start():  # the setting at initialize, over the environment's PARTNERCHECK_LANG (en in the tests)
        async with session(tmp_path, {"language": "fr"}) as client:
            return await open_file(client, charter)

    async def unset_then_set():  # no language set, then English set while running: one server, the environment's language emptied
        async with session(tmp_path, {}, {"PARTNERCHECK_LANG": ""}) as client:
            return await open_file(client, charter), await configure(client, charter, {"language": "en"})

    french = run(set_at_start())
    assert next(d for d in french if d.code == "PIL01").message.startswith("Aucun pilote")
    charter_s_own, english = run(unset_then_set())  # no language set: the charter's (`language: fr`)
    assert next(d for d in charter_s_own if d.code == "PIL01").message.startswith("Aucun pilote")
    assert next(d for d in english if d.code == "PIL01").message.startswith("No pilot")


RAISING_PACK = """\
pack: crashing
rules:
  - code: CRA01
    name: crashing-rule
    severity: warning
    summary: A rule that raises.
    why: To test that a crash is contained.
    message: "crashing rule"
    check: {function: crashing.check}
    examples:
      fail: "partnercheck: 1"
      pass: "partnercheck: 1"
"""

RAISING_PLUGIN = """\
from pathlib import Path

from partnercheck import hookimpl


@hookimpl
def register_rule_packs(register):
    register(Path(__file__).parent / "crashing-pack.yaml")


@hookimpl
def register_functions(register):
    register("crashing.check", check)


def check(ctx):
    raise ZeroDivisionError("division by zero")
"""


def test_a_rule_that_raises_is_int01_and_the_server_keeps_answering(tmp_path):
    plugin, charter, text = _crashing_plugin_beside_a_charter(tmp_path)

    async def scenario():
        async with session(tmp_path, {"plugins": [str(plugin)]}) as client:
            refused = await open_file(client, charter)  # no permission at start: the plugin's code never runs
            first = await configure(client, charter, {"allowLocalPlugins": True})
            second = await change(client, charter, text + "\n", 2)
            return refused, first, second

    refused, first, second = run(scenario())
    assert "INT01" not in {d.code for d in refused} and "PIL01" in {d.code for d in refused}
    for diagnostics in (first, second):
        [crash] = [d for d in diagnostics if d.code == "INT01"]
        assert "CRA01" in crash.message and "ZeroDivisionError" in crash.message
        assert "PIL01" in {d.code for d in diagnostics}


@pytest.mark.slow
def test_hostile_files_are_reported_and_the_server_survives(tmp_path):
    charter = tmp_path / "charter.yaml"
    bomb = "partnercheck: 1\n" + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9) if i else 'x'}]\n" for i in range(12)) + "charter: {id: x, title: t}\n"
    long_text = "partnercheck: 1\ncharter:\n  id: x\n  title: |\n" + "".join(f"    line {i} of a very long title\n" for i in range(100_000))

    async def scenario():
        async with session(tmp_path) as client:
            bombed = await open_file(client, charter, bomb)
            long = await change(client, charter, long_text, 2)
            after = await change(client, charter, (EXAMPLES / "broken" / "sans-pilote.yaml").read_text(encoding="utf-8"), 3)
            return bombed, long, after

    bombed, long, after = run(scenario())
    assert bombed and all(str(d.code).startswith(("DOC", "SCH")) for d in bombed[:1])
    assert long and all(d.range.start.line < 100_010 for d in long)
    assert "PIL01" in {d.code for d in after}  # still answering, and right


def test_a_configuration_file_s_errors_are_shown_on_its_line(tmp_path, server):
    config = tmp_path / ".partnercheck.yaml"
    config.write_text("select: [PIL01]\n", encoding="utf-8")
    charter = tmp_path / "charter.yaml"
    charter.write_text((EXAMPLES / "broken" / "sans-pilote.yaml").read_text(encoding="utf-8"), encoding="utf-8")

    async def scenario():
        client = server.client
        fine = await open_file(client, config)
        broken = await change(client, config, "select: [PIL01]\nseverity:\n  PIL01: bogus\n", 2)
        selected = await open_file(client, charter)
        return fine, broken, selected

    fine, broken, selected = server.run(scenario())
    assert fine == []
    [error] = broken
    assert error.range.start.line == 2 and "bogus" in error.message
    assert {d.code for d in selected} == {"PIL01"}  # the saved configuration governs the charter


def test_the_other_commands_do_not_import_pygls():
    import subprocess
    import sys

    probe = "import sys\nfrom partnercheck.cli import run\nrun(['check', '--format', 'json', sys.argv[1]])\n"
    probe += "print('pygls' in sys.modules, 'lsprotocol' in sys.modules, file=sys.stderr)"
    done = subprocess.run([sys.executable, "-c", probe, str(BROKEN[0])], capture_output=True, text=True)
    assert done.stderr.strip().splitlines()[-1] == "False False"


def test_other_yaml_files_get_no_diagnostics(tmp_path, server):
    compose = tmp_path / "compose.yaml"
    compose.write_text("services:\n  web: {image: nginx}\n", encoding="utf-8")

    async def scenario():
        client = server.client
        published = await open_file(client, compose)
        offered = await client.text_document_completion_async(types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=compose.as_uri()), position=types.Position(line=1, character=2)))
        return published, offered

    published, offered = server.run(scenario())
    assert published == [] and not (offered.items if offered is not None else [])  # no charter key offered in a compose file


def test_a_grouped_finding_s_related_places_become_related_information(tmp_path):
    """A finding repeated across partners is grouped as `check` groups it: one diagnostic at the first place, the
    others as related information naming the item there."""
    from partnercheck.server.checking import Checker
    from partnercheck.server.diagnostics import diagnostic

    text = "partnercheck: 1\ncharter: {id: c, title: C}\npartners:\n  - {id: a, name: A, type: funder}\n  - {id: b, name: B, type: funder}\n"
    path = tmp_path / "charter.yaml"
    path.write_text(text, encoding="utf-8")
    checked = Checker().check(path, text)
    grouped = [f for f in checked.findings if f.related]
    assert grouped, "two partners without a representative must make one grouped finding"
    finding = grouped[0]
    shown = diagnostic(finding, checked, path.as_uri())
    [other] = shown.related_information
    assert (other.location.uri, other.location.range.start.line) == (path.as_uri(), 4)
    assert other.message == f"{finding.code}: b"
    assert finding.line == 4 and finding.pointer.startswith("/partners/0")


def test_did_change_configuration_applies_the_fail_level_and_language(tmp_path, server):
    charter = tmp_path / "charter.yaml"
    charter.write_text((EXAMPLES / "broken" / "sans-pilote.yaml").read_text(encoding="utf-8"), encoding="utf-8")

    async def scenario():
        client = server.client
        before = await open_file(client, charter)
        try:
            return before, await configure(client, charter, {"failLevel": "error", "language": "fr"})
        finally:  # the module's server back to its settings for the next tests
            restored = await configure(client, charter, {"failLevel": None, "language": None})
            assert ranges(restored) == ranges(before) and [d.severity for d in restored] == [d.severity for d in before]

    before, after = server.run(scenario())
    severity = lambda found, code: next(d.severity for d in found if d.code == code)  # noqa: E731
    assert severity(before, "EVA03") == types.DiagnosticSeverity.Warning
    assert severity(after, "EVA03") == types.DiagnosticSeverity.Hint  # below the fail level
    assert severity(after, "PIL01") == types.DiagnosticSeverity.Error
    assert next(d for d in after if d.code == "PIL01").message.startswith("Aucun pilote")


def test_hover_on_an_id_works_when_a_plugin_s_rule_runs_in_a_worker(tmp_path):
    """A plugin's Python rule under a budget makes the file go through a killable worker, which sends back only
    the findings' positions: hover on a reference must still find the id (found by a new-user trial)."""
    plugin, charter, text = _crashing_plugin_beside_a_charter(tmp_path)
    line = next(i for i, row in enumerate(text.splitlines()) if row.strip().startswith("accountable: "))
    column = text.splitlines()[line].index("accountable: ") + len("accountable: ") + 1

    async def scenario():
        async with session(tmp_path, {"plugins": [str(plugin)], "allowLocalPlugins": True}) as client:
            diagnostics = await open_file(client, charter)
            hovered = await client.text_document_hover_async(types.HoverParams(text_document=types.TextDocumentIdentifier(uri=charter.as_uri()), position=types.Position(line=line, character=column)))
            return diagnostics, hovered

    diagnostics, hovered = run(scenario())
    assert "INT01" in {d.code for d in diagnostics}  # the plugin's rule did run
    assert hovered is not None and "**partner** `" in hovered.contents.value


def _crashing_plugin_beside_a_charter(folder):
    """The local plugin whose rule raises, and a broken example charter beside it: (plugin, charter, its text)."""
    (folder / "crashing-pack.yaml").write_text(RAISING_PACK, encoding="utf-8")
    plugin = folder / "crashing_plugin.py"
    plugin.write_text(RAISING_PLUGIN, encoding="utf-8")
    charter = folder / "charter.yaml"
    text = (EXAMPLES / "broken" / "sans-pilote.yaml").read_text(encoding="utf-8")
    charter.write_text(text, encoding="utf-8")
    return plugin, charter, text


def test_a_saved_rule_pack_is_read_again_as_a_saved_configuration_is(tmp_path):
    """The plans a server keeps were built from their rule packs: `reads` names such a pack (or a local plugin's
    module), so that saving it in the editor drops the plans and the next check uses the pack as saved."""
    from test_plugins import pack, rule

    from partnercheck.server.checking import Checker
    from partnercheck.server.settings import ServerSettings

    text = "partnercheck: 1\ncharter: {id: c, title: C}\npartners:\n  - {id: a, name: A, type: funder}\n"
    charter = tmp_path / "charter.yaml"
    charter.write_text(text, encoding="utf-8")
    rules = tmp_path / "pack.yaml"

    def write(message: str) -> None:
        rules.write_text(pack(rule("TRI01", "no-website", "{select: /partners/*, schema: {required: [website]}}", message=message)), encoding="utf-8")

    write("AAAA")
    checker = Checker(ServerSettings(rule_packs=(str(rules),)))
    assert [f.message for f in checker.check(charter, text).findings if f.code == "TRI01"] == ["AAAA"]
    assert checker.reads(rules) and not checker.reads(charter) and not checker.reads(tmp_path / "other.yaml")
    write("BBBB")
    checker.forget()  # what saving a file that `reads` names does (server/app.py)
    assert [f.message for f in checker.check(charter, text).findings if f.code == "TRI01"] == ["BBBB"]
    assert not Checker().reads(rules)  # no plan kept yet: nothing was built from it


def test_a_problem_is_told_once_per_configuration(monkeypatch):
    """A broken pack's message is not repeated at every keystroke, but it is said again after the settings change or a
    saved file makes the server plan again: broken, fixed, then broken the same way is told twice."""
    from partnercheck.server.app import PartnercheckServer

    server = PartnercheckServer()
    shown: list[str] = []
    monkeypatch.setattr(server, "window_show_message", lambda params: shown.append(params.message))
    for _ in range(2):
        server.tell("rule pack pack.yaml: broken")
    assert shown == ["partnercheck: rule pack pack.yaml: broken"]
    server.configure({})
    server.tell("rule pack pack.yaml: broken")
    server.replan()
    server.tell("rule pack pack.yaml: broken")
    assert len(shown) == 3
