"""`partnercheck server`: hover, completion, navigation, rename and quick fixes through a real LSP client (issue 20)."""

from __future__ import annotations

import textwrap

import pytest
from lsp_support import change, configure, open_file, run, server, session, shared_server  # noqa: F401 (fixtures)
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.workspace import TextDocument

CHARTER = textwrap.dedent(
    """\
    partnercheck: 1
    charter:
      id: atelier
      title: Atelier partagé
      language: en
    partners:
      - id: region
        name: Région Île-de-France
        type: funder
      - id: greta
        name: GRETA des Yvelines
        type: training_body
    objectives:
      - id: qualifier
        statement: Qualifier 240 demandeurs d'emploi
        accountable: region
        contributors: [greta]
    governance:
      bodies:
        - id: copil
          name: Comité de pilotage
          members: [region, greta]
    """
)


def at(text: str, needle: str, line_hint: str | None = None, offset: int = 0) -> types.Position:
    """The position of `needle` (on the first line containing `line_hint`, if given), plus `offset` characters."""
    for number, line in enumerate(text.split("\n")):
        if (line_hint is None or line_hint in line) and needle in line:
            return types.Position(line=number, character=line.index(needle) + offset)
    raise AssertionError(needle)


def doc(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri)


def apply(text: str, edits: list[types.TextEdit]) -> str:
    document = TextDocument("file:///x.yaml", text)
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        document.apply_change(types.TextDocumentContentChangePartial(range=edit.range, text=edit.new_text))
    return document.source


@pytest.fixture
def charter(tmp_path):
    path = tmp_path / "charter.yaml"
    path.write_text(CHARTER, encoding="utf-8")
    return path


def test_hover_shows_the_finding_the_named_thing_and_the_key(charter, server):
    async def scenario():
        client = server.client
        diagnostics = await open_file(client, charter)
        ask = lambda position: client.text_document_hover_async(types.HoverParams(text_document=doc(charter.as_uri()), position=position))  # noqa: E731
        named = await ask(at(CHARTER, "region", "accountable", 2))
        key = await ask(at(CHARTER, "statement", offset=3))
        pil01 = await ask(at(CHARTER, "partnercheck", offset=2))
        return diagnostics, named, key, pil01

    diagnostics, named, key, pil01 = server.run(scenario())
    assert "PIL01" in {d.code for d in diagnostics}
    assert "partner" in named.contents.value and "Région Île-de-France" in named.contents.value and "funder" in named.contents.value
    assert key.contents.value == "`statement`: What the partners commit to achieve, in a sentence."
    assert "PIL01" in pil01.contents.value and "pilot:" in pil01.contents.value
    assert "S2 (a pilot whose legitimacy the partners recognise)" in pil01.contents.value  # a condition of success is named, not left as a code


def test_completion_offers_ids_with_their_names_keys_and_choices(charter, server):
    variants = {
        "in_list": (CHARTER.replace("    contributors: [greta]\n", "    contributors: [greta, \n"), "[greta, ", None, 8),
        "after_key": (CHARTER.replace("    contributors: [greta]\n", "    contributors: [greta]\n    endorsed_by: \n"), "endorsed_by: ", None, 13),
        "choice": (CHARTER.replace("    type: funder\n", "    type: \n"), "type: ", "type: ", 6),
        "key": (CHARTER.replace("    type: funder\n", "    type: funder\n    sta\n"), "sta", "    sta", 3),
    }

    async def scenario():
        client = server.client
        await open_file(client, charter)
        found = {}
        for version, (name, (text, needle, hint, offset)) in enumerate(variants.items(), start=2):
            await change(client, charter, text, version)
            position = at(text, needle, hint, offset)
            found[name] = await client.text_document_completion_async(types.CompletionParams(text_document=doc(charter.as_uri()), position=position))
        return found

    found = server.run(scenario())
    assert {(i.label, i.detail) for i in found["in_list"].items} == {("region", "Région Île-de-France"), ("greta", "GRETA des Yvelines")}
    assert {i.label for i in found["after_key"].items} == {"region", "greta"}
    assert {"funder", "training_body"} <= {i.label for i in found["choice"].items}
    keys = {i.label for i in found["key"].items}
    assert {"status", "name", "type"} <= keys and "statement" not in keys


def test_definition_references_symbols_and_rename(charter, server):
    async def scenario():
        client = server.client
        await open_file(client, charter)
        uri = charter.as_uri()
        use = at(CHARTER, "greta", "contributors", 1)
        definition = await client.text_document_definition_async(types.DefinitionParams(text_document=doc(uri), position=use))
        refs = await client.text_document_references_async(types.ReferenceParams(text_document=doc(uri), position=use, context=types.ReferenceContext(include_declaration=True)))
        symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc(uri)))
        renamed = await client.text_document_rename_async(types.RenameParams(text_document=doc(uri), position=use, new_name="greta-78"))
        try:
            await client.text_document_rename_async(types.RenameParams(text_document=doc(uri), position=use, new_name="region"))
            refused = None
        except JsonRpcException as exc:
            refused = str(exc)
        return definition, refs, symbols, renamed, refused

    definition, refs, symbols, renamed, refused = server.run(scenario())
    assert definition.range.start == at(CHARTER, "greta", "- id: greta")
    assert sorted(r.range.start.line for r in refs) == [9, 16, 21]
    assert [(s.name, s.detail) for s in symbols] == [("region", "Région Île-de-France"), ("greta", "GRETA des Yvelines"), ("copil", "Comité de pilotage"), ("qualifier", "Qualifier 240 demandeurs d'emploi")]
    after = apply(CHARTER, renamed.changes[charter.as_uri()])
    assert after == CHARTER.replace("greta\n", "greta-78\n").replace("[greta]", "[greta-78]").replace(", greta]", ", greta-78]")
    assert "GRETA des Yvelines" in after
    assert refused is not None and "region" in refused


def actions_for(client, uri, diagnostic):
    return client.text_document_code_action_async(types.CodeActionParams(text_document=doc(uri), range=diagnostic.range, context=types.CodeActionContext(diagnostics=[diagnostic])))


def test_quick_fixes_insert_the_snippet_disable_the_line_waive_and_correct(charter, server):
    text = CHARTER.replace("    contributors: [greta]\n", "    contributors: [gretta]\n").replace("    accountable: region\n", "").replace("type: funder", "type: fundr")

    async def scenario():
        client = server.client
        uri = charter.as_uri()
        diagnostics = await open_file(client, charter, text)
        by_code = {str(d.code): d for d in diagnostics}
        ref01 = await actions_for(client, uri, by_code["REF01"])
        pil01 = await actions_for(client, uri, by_code["PIL01"])
        acc01 = await actions_for(client, uri, by_code["ACC01"])
        sch01 = await actions_for(client, uri, by_code["SCH01"])
        return by_code, ref01, pil01, acc01, sch01

    by_code, ref01, pil01, acc01, sch01 = server.run(scenario())
    [choice] = [a for a in sch01 if a.title.startswith("Replace")]
    assert apply(text, choice.edit.changes[charter.as_uri()]) == text.replace("type: fundr", "type: funder")
    [fix] = [a for a in ref01 if a.title == "Replace with `greta`"]
    assert apply(text, fix.edit.changes[charter.as_uri()]) == text.replace("[gretta]", "[greta]")
    [snippet] = [a for a in acc01 if a.title.startswith("Insert")]
    fixed = apply(text, snippet.edit.changes[charter.as_uri()])
    assert "    statement: Qualifier 240 demandeurs d'emploi\n    contributors: [gretta]\n    accountable: " in fixed
    [pilot] = [a for a in pil01 if a.title.startswith("Insert")]
    piloted = apply(text, pilot.edit.changes[charter.as_uri()])
    assert piloted == text + "pilot:\n  partners: [<partner id>]\n"  # the hint's placeholder, never a made-up id
    typed = pilot.command.arguments[1]  # the placeholder is selected, for the user to type over
    row = piloted.split("\n")[typed["start"]["line"]]
    assert row[typed["start"]["character"] : typed["end"]["character"]] == "<partner id>"
    [disable] = [a for a in ref01 if a.title.startswith("Disable")]
    disabled = apply(text, disable.edit.changes[charter.as_uri()])
    assert "contributors: [gretta]  # partnercheck: disable-line=REF01 -- reason\n" in disabled
    selected = disable.command.arguments[1]
    line = disabled.split("\n")[selected["start"]["line"]]
    assert line[selected["start"]["character"] : selected["end"]["character"]] == "reason"
    [waive] = [a for a in acc01 if a.title.startswith("Waive")]
    waived = apply(text, waive.edit.changes[charter.as_uri()])
    assert "\nwaivers:\n  - rule: ACC01\n    at: /objectives/0\n    reason: reason\n    expires_on: " in waived


def test_each_quick_fix_applied_removes_its_finding(charter, server):
    text = CHARTER.replace("    contributors: [greta]\n", "    contributors: [gretta]\n")

    async def scenario():
        client = server.client
        uri = charter.as_uri()
        diagnostics = await open_file(client, charter, text)
        ref01 = next(d for d in diagnostics if d.code == "REF01")
        results = {}
        for title in ("Replace", "Disable", "Waive"):
            [action] = [a for a in await actions_for(client, uri, ref01) if a.title.startswith(title)]
            after = await change(client, charter, apply(text, action.edit.changes[uri]), {"Replace": 2, "Disable": 3, "Waive": 4}[title])
            results[title] = after
            await change(client, charter, text, {"Replace": 12, "Disable": 13, "Waive": 14}[title])
        return results

    results = server.run(scenario())
    for title, diagnostics in results.items():
        assert "REF01" not in {d.code for d in diagnostics}, title


EXTENDING_PLUGIN = """\
from partnercheck import hookimpl


@hookimpl
def register_schema_extensions(register):
    register("x-acme", {"type": "object", "description": "ACME's own data.", "properties": {"tier": {"enum": ["gold", "silver"], "description": "The tier."}}})
"""


def test_completion_offers_a_plugin_s_schema_extension(charter):
    plugin = charter.parent / "acme_plugin.py"
    plugin.write_text(EXTENDING_PLUGIN, encoding="utf-8")
    typing_key = CHARTER + "x-\n"
    typing_value = CHARTER + "x-acme:\n  tier: \n"

    async def scenario():
        async with session(charter.parent, {"plugins": [str(plugin)], "allowLocalPlugins": True}) as client:
            await open_file(client, charter)
            ask = lambda position: client.text_document_completion_async(types.CompletionParams(text_document=doc(charter.as_uri()), position=position))  # noqa: E731
            await change(client, charter, typing_key, 2)
            keys = await ask(types.Position(line=typing_key.count("\n") - 1, character=2))
            await change(client, charter, typing_value, 3)
            values = await ask(types.Position(line=typing_value.count("\n") - 1, character=8))
            return keys, values

    keys, values = run(scenario())
    assert ("x-acme", "ACME's own data.") in {(i.label, i.detail) for i in keys.items}
    assert {i.label for i in values.items} == {"gold", "silver"}


def test_completion_details_follow_the_language_of_the_settings_then_the_charter(tmp_path):
    """A key's detail speaks the language the document's diagnostics speak: the server's setting, else the charter's own."""
    typing_key = CHARTER.replace("    type: funder\n", "    type: funder\n    na\n")
    position = at(typing_key, "na", "    na", 2)

    async def ask(client, path):
        found = await client.text_document_completion_async(types.CompletionParams(text_document=doc(path.as_uri()), position=position))
        return {i.label: i.detail for i in found.items}

    async def set_at_start():  # the setting at initialize, over the environment's PARTNERCHECK_LANG (en in the tests) and the charter's `en`
        path = tmp_path / "charter.yaml"
        path.write_text(CHARTER, encoding="utf-8")
        async with session(tmp_path, {"language": "fr"}) as client:
            await open_file(client, path)
            await change(client, path, typing_key, 2)
            return await ask(client, path)

    async def unset_then_set():  # no language set (the environment's emptied), then English set while running
        path = tmp_path / "charter.yaml"
        async with session(tmp_path, {}, {"PARTNERCHECK_LANG": ""}) as client:
            await open_file(client, path)
            await change(client, path, typing_key.replace("language: en", "language: fr"), 2)
            charter_s_own = await ask(client, path)
            await configure(client, path, {"language": "en"})
            return charter_s_own, await ask(client, path)

    french = run(set_at_start())
    assert french["name"] == "Le nom complet du partenaire." and french["type"] == "Le type d'acteur qu'est le partenaire."
    charter_s_own, english = run(unset_then_set())
    assert charter_s_own["name"] == "Le nom complet du partenaire."
    assert english["name"] == "The partner's full name."
