"""The language server: pygls's `LanguageServer` with partnercheck's features wired in.

Documents are checked on open, on save and, after a pause (`debounce`), on
change; each check publishes the document's diagnostics. Settings come from
`initializationOptions` and `workspace/didChangeConfiguration`; a saved
configuration file drops the plans and checks the open documents again.
Every handler is guarded: an unexpected error is logged and the server
keeps answering.
"""

from __future__ import annotations

import asyncio
import logging
import os
from pathlib import Path
from typing import Any, Callable

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from partnercheck import __version__
from partnercheck.config.files import YAML_NAMES
from partnercheck.server.checking import Checked, Checker
from partnercheck.server.diagnostics import diagnostics
from partnercheck.server.documents import path_of
from partnercheck.server.settings import read_settings

log = logging.getLogger(__name__)


class PartnercheckServer(LanguageServer):
    """The server and what it knows: the checker, and each open document's last check."""

    def __init__(self) -> None:
        super().__init__("partnercheck", __version__)
        self.checker = Checker()
        self.checked: dict[str, Checked] = {}
        self._pending: dict[str, asyncio.TimerHandle] = {}
        self._told: set[str] = set()

    # settings ----------------------------------------------------------------
    def configure(self, given: Any) -> None:
        settings, problems = read_settings(given, self.checker.settings)
        for problem in problems:
            self.tell(problem, types.MessageType.Warning)
        self.checker.configure(settings)

    def tell(self, message: str, kind: types.MessageType = types.MessageType.Error) -> None:
        """Show a message once per session (a plugin error is not repeated at every keystroke)."""
        if message in self._told:
            return
        self._told.add(message)
        self.window_show_message(types.ShowMessageParams(type=kind, message=f"partnercheck: {message}"))

    # checking ----------------------------------------------------------------
    def schedule(self, uri: str) -> None:
        """Check `uri` after the debounce pause; a later change restarts the pause."""
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        delay = self.checker.settings.debounce
        if delay <= 0:
            self.publish(uri)
            return
        self._pending[uri] = asyncio.get_running_loop().call_later(delay, self.publish, uri)

    def publish(self, uri: str) -> None:
        self._pending.pop(uri, None)
        try:
            document = self.workspace.get_text_document(uri)
            path = path_of(uri) or Path.cwd() / "untitled.yaml"
            checked = self.checker.check_config(path, document.source) if is_config(path) else self.checker.check(path, document.source)
        except Exception as exc:  # the engine contains rules' crashes; this is the last line of defence
            log.exception("checking %s failed", uri)
            self.tell(f"internal error while checking {uri}: {type(exc).__name__}: {exc}")
            return
        for error in checked.errors:
            self.tell(error)
        self.checked[uri] = checked
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, version=document.version, diagnostics=diagnostics(checked, uri, path)))

    def check_all(self) -> None:
        for uri in list(self.workspace.text_documents):
            self.publish(uri)

    def close(self, uri: str) -> None:
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        self.checked.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


def is_config(path: Path) -> bool:
    return path.name in YAML_NAMES


def guarded(handler: Callable[..., Any]) -> Callable[..., Any]:
    """A request handler that answers None (and logs) instead of failing on an unexpected error."""

    def run(ls: PartnercheckServer, params: Any) -> Any:
        try:
            return handler(ls, params)
        except Exception:
            log.exception("%s failed", handler.__name__)
            return None

    run.__name__ = handler.__name__
    return run


def build() -> PartnercheckServer:
    server = PartnercheckServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: PartnercheckServer, params: types.InitializeParams) -> None:
        root = path_of(params.root_uri) if params.root_uri else None
        if root is not None and root.is_dir():
            os.chdir(root)  # paths shown and matched (baseline, per-file-ignores) as `check` run at the root shows them
        ls.configure(params.initialization_options)

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def changed_configuration(ls: PartnercheckServer, params: types.DidChangeConfigurationParams) -> None:
        ls.configure(params.settings)
        ls.check_all()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: PartnercheckServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: PartnercheckServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: PartnercheckServer, params: types.DidSaveTextDocumentParams) -> None:
        path = path_of(params.text_document.uri)
        if path is not None and (is_config(path) or path.name == "pyproject.toml"):
            ls.checker.forget()  # the plans read the configuration as saved
            ls.check_all()
            return
        ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: PartnercheckServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.close(params.text_document.uri)

    return server


def serve() -> None:
    """Answer LSP messages on standard input and output until the client says exit."""
    import sys

    protocol_out = sys.stdout.buffer
    sys.stdout = sys.stderr  # a plugin's print() must not corrupt the protocol stream
    build().start_io(sys.stdin.buffer, protocol_out)
