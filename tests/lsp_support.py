"""A real LSP client (pytest-lsp's, on pygls) talking to `partnercheck server` over stdio, for the server's end-to-end tests."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import io
import json
import os
import sys
from pathlib import Path
from typing import Any, AsyncIterator, Iterator

import pytest
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient, client_capabilities
from pytest_lsp.client import register_lsp_features

TIMEOUT = 60


@contextlib.asynccontextmanager
async def session(root: Path, options: dict[str, Any] | None = None, env: dict[str, str] | None = None) -> AsyncIterator[LanguageClient]:
    """A client connected to a fresh server whose workspace is `root`; `options` are its initializationOptions."""
    client = LanguageClient(converter_factory=_client_converter)  # as pytest-lsp's make_test_lsp_client, its converter kept
    register_lsp_features(client)
    await client.start_io(sys.executable, "-m", "partnercheck", "server", env={**os.environ, **(env or {})}, cwd=str(root))
    await client.initialize_session(
        types.InitializeParams(capabilities=client_capabilities("visual-studio-code"), root_uri=root.as_uri(), initialization_options={"debounce": 0, **(options or {})})
    )
    try:
        yield client
    finally:
        await asyncio.wait_for(client.shutdown_session(), TIMEOUT)
        await client.stop()


def run(coroutine: Any) -> Any:
    return asyncio.run(asyncio.wait_for(coroutine, TIMEOUT * 3))


class Shared:
    """One server for the tests of a module whose proof does not need a fresh process (not start-up, settings at
    initialize, a crash or a restart): each test opens its own files (distinct URIs, outside the server's root, so
    its workspace adds no neighbouring charter) and `tidy` closes them after it. The client lives on one event loop,
    kept between the tests; each server start costs about a second of CPU."""

    def __init__(self, root: Path) -> None:
        self.loop = asyncio.new_event_loop()
        self._session = session(root)
        self.client: LanguageClient = self.loop.run_until_complete(self._session.__aenter__())
        self._known: set[str] = set()

    def run(self, coroutine: Any) -> Any:
        return self.loop.run_until_complete(asyncio.wait_for(coroutine, TIMEOUT * 3))

    def tidy(self) -> None:
        """Close the documents opened since the last tidy (each had its diagnostics published) and wait until the
        server has cleared them, so no test sees another's."""
        opened = set(self.client.diagnostics) - self._known
        self._known |= opened
        for uri in sorted(opened):
            waiting = self.client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            self.client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
            self.run(until(self.client, uri, waiting))

    def close(self) -> None:
        try:
            self.loop.run_until_complete(asyncio.wait_for(self._session.__aexit__(None, None, None), TIMEOUT))
        finally:
            self.loop.close()


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shared]:
    """The module's one server (see `Shared`); a test module imports this fixture and `server`."""
    shared = Shared(tmp_path_factory.mktemp("shared-server"))
    try:
        yield shared
    finally:
        shared.close()


@pytest.fixture
def server(shared_server: Shared) -> Iterator[Shared]:
    """The module's shared server, its documents closed after the test."""
    yield shared_server
    shared_server.tidy()


async def open_file(client: LanguageClient, path: Path, text: str | None = None) -> list[types.Diagnostic]:
    """Open `path` (its text on disk unless given) and wait for its diagnostics."""
    uri = path.as_uri()
    waiting = client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=path.read_text(encoding="utf-8") if text is None else text)))
    await until(client, uri, waiting)
    return list(client.diagnostics[uri])


async def change(client: LanguageClient, path: Path, text: str, version: int) -> list[types.Diagnostic]:
    """Replace the whole text of `path` and wait for its diagnostics."""
    uri = path.as_uri()
    waiting = client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)])
    )
    await until(client, uri, waiting)
    return list(client.diagnostics[uri])


async def configure(client: LanguageClient, path: Path, settings: dict[str, Any]) -> list[types.Diagnostic]:
    """Send `settings` as `workspace/didChangeConfiguration` and wait for `path`'s diagnostics, checked again under them."""
    uri = path.as_uri()
    waiting = client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"partnercheck": settings}))
    await until(client, uri, waiting)
    return list(client.diagnostics[uri])


async def until(client: LanguageClient, uri: str, waiting: Any) -> None:
    """Wait for diagnostics of `uri` (another document's may come first)."""
    while True:
        params = await asyncio.wait_for(waiting, TIMEOUT)
        if params.uri == uri:
            return
        waiting = client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)


def check_json(path: Path, cwd: Path, *extra: str) -> list[dict[str, Any]]:
    """The findings `partnercheck check --format json` reports for `path`, not suppressed: the CLI run in this
    process from `cwd` (the server, the other side of the comparison, is a process of its own)."""
    from partnercheck.cli import run as cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli(["check", "--format", "json", "--no-cache", *extra, str(path)])
    assert code in (0, 1), err.getvalue()
    return [f for f in json.loads(out.getvalue())["findings"] if not f["suppressed"]]


def spans(findings: list[dict[str, Any]]) -> list[tuple[str, int, int, int, int]]:
    """check's findings as LSP ranges: 0-based lines and columns, the end exclusive."""
    return sorted((f["code"], f["line"] - 1, f["column"] - 1, f["end_line"] - 1, f["end_column"]) for f in findings)


def ranges(diagnostics: list[types.Diagnostic]) -> list[tuple[str, int, int, int, int]]:
    return sorted((str(d.code), d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character) for d in diagnostics)


@functools.cache
def _client_converter() -> Any:
    """One converter for every client of the test process: the functions cattrs generates for each LSP class (about
    0.07 s of CPU per session) are made once, as each client talks the same protocol."""
    converter = default_converter()
    _read_code_actions_right(converter)
    return converter


def _read_code_actions_right(converter: Any) -> None:
    """lsprotocol reads any object with a `command` key as a `Command`, so a `CodeAction` carrying a command (an edit, then
    the reason selected) would lose its edit; a client such as VS Code tells them apart by `command` being a string."""
    from typing import Union

    def structure(value: Any, _: type) -> Any:
        kind = types.Command if isinstance(value.get("command"), str) else types.CodeAction
        return converter.structure(value, kind)

    converter.register_structure_hook(Union[types.Command, types.CodeAction], structure)
