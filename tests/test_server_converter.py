"""The server's converter reads `initialize`'s parameters and writes its result field by field (server/converter.py):
exactly what pygls's own converter reads and writes, for the capabilities real editors send."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter

from partnercheck.server.app import build
from partnercheck.server.converter import converter, reachable

EDITORS = sorted(path.stem.rsplit("_v", 1)[0].replace("_", "-") for path in (Path(pytest_lsp.__file__).parent / "clients").glob("*.json"))


@pytest.fixture(scope="module")
def pygls_s():
    return default_converter()


@pytest.fixture(scope="module")
def ours():
    return converter()


@pytest.mark.parametrize("editor", sorted(set(EDITORS)))
def test_an_editor_s_initialize_params_read_as_pygls_reads_them(editor, pygls_s, ours):
    sent = types.InitializeParams(
        capabilities=pytest_lsp.client_capabilities(editor),
        process_id=42,
        root_uri="file:///work",
        initialization_options={"language": "fr", "debounce": 0},
        workspace_folders=[types.WorkspaceFolder(uri="file:///work", name="work")],
        client_info=types.ClientInfo(name=editor, version="1"),
    )
    wire = json.loads(json.dumps(pygls_s.unstructure(sent)))
    read = ours.structure(wire, types.InitializeParams)
    assert read == pygls_s.structure(wire, types.InitializeParams)
    assert read.capabilities != types.ClientCapabilities() and read.workspace_folders[0].name == "work" and read.client_info.name == editor
    assert pygls_s.unstructure(read) == wire


def test_the_server_s_initialize_result_written_as_pygls_writes_it(pygls_s):
    server = build()
    params = types.InitializeParams(capabilities=pytest_lsp.client_capabilities("visual-studio-code"), root_uri=None)
    answering = server.protocol.lsp_initialize(params)
    handler, args, _ = next(answering)  # the server's own initialize handler, then pygls builds the capabilities
    handler(*args)
    with pytest.raises(StopIteration) as done:
        answering.send(None)
    result = done.value.value
    written = server.protocol._converter.unstructure(result)
    assert written == pygls_s.unstructure(result)
    assert written["capabilities"]["completionProvider"]["triggerCharacters"] == [" ", "[", ",", "-", ":"]
    assert "declarationProvider" not in written["capabilities"]  # left at its default: not written


def test_no_function_is_generated_for_the_capabilities(ours):
    """What makes the first answer sooner: no cattrs function is generated, then compiled, for a class only `initialize` carries."""
    made = ours
    read, written = reachable(types.InitializeParams), reachable(types.InitializeResult)
    assert types.ClientCapabilities in read and len(read) > 50 and types.ServerCapabilities in written and len(written) > 30
    assert {made.get_structure_hook(kind).__module__ for kind in read} == {"partnercheck.server.converter"}
    assert {made.get_unstructure_hook(kind).__module__ for kind in written} == {"partnercheck.server.converter"}
    assert made.get_structure_hook(types.DidChangeTextDocumentParams).__module__ != "partnercheck.server.converter"  # a message of every keystroke keeps cattrs's own
