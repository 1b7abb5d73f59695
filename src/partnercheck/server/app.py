"""The language server: pygls's `LanguageServer` with partnercheck's features wired in.

Documents are checked on open, on save and, after a pause (`debounce`), on
change; each check publishes the document's diagnostics. Settings come from
`initializationOptions` and `workspace/didChangeConfiguration`; a saved
configuration file, rule pack or local plugin drops the plans and checks the
open documents again.
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
from pygls.exceptions import JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol

from partnercheck import __version__
from partnercheck.config.files import YAML_NAMES
from partnercheck.document.load import Document, load_document
from partnercheck.server import actions, navigation
from partnercheck.server.completion import complete
from partnercheck.server.converter import converter
from partnercheck.server.documents import Ids, ids_of
from partnercheck.server.hover import hover
from partnercheck.server.checking import Checked, Checker
from partnercheck.server.diagnostics import diagnostics
from partnercheck.server.documents import path_of
from partnercheck.server.settings import read_settings

log = logging.getLogger(__name__)


class Protocol(LanguageServerProtocol):
    """pygls's protocol, without its leak: a notification handled by a generator (pygls's own `didOpen`,
    `didChange`, `didSave`… wrap the server's) leaves its finished future in `_request_futures` for ever,
    about 2 kB per keystroke (the 20 MB the server grew by over 10,000 edits)."""

    def _handle_notification(self, method_name: str, params: Any) -> None:
        super()._handle_notification(method_name, params)
        finished = [key for key, future in self._request_futures.items() if future.done()]
        for key in finished:  # a request's own future is also dropped by pygls once answered
            self._request_futures.pop(key, None)


class PartnercheckServer(LanguageServer):
    """The server and what it knows: the checker, and each open document's last check."""

    def __init__(self) -> None:
        super().__init__("partnercheck", __version__, protocol_cls=Protocol, converter_factory=converter)
        self.checker = Checker()
        self.checked: dict[str, Checked] = {}
        self._pending: dict[str, asyncio.TimerHandle] = {}
        self._told: set[str] = set()
        self._last_ids: dict[str, tuple[Any, Ids | None]] = {}  # per document: its last readable data, and its ids once asked for

    # settings ----------------------------------------------------------------
    def configure(self, given: Any) -> None:
        settings, problems = read_settings(given, self.checker.settings)
        self._told.clear()  # a new configuration: what is still wrong is said again, once
        for problem in problems:
            self.tell(problem, types.MessageType.Warning)
        self.checker.configure(settings)

    def replan(self) -> None:
        """Drop the plans (a configuration file, a rule pack or a local plugin was saved): what is still wrong is said
        again, once."""
        self._told.clear()
        self.checker.forget()

    def tell(self, message: str, kind: types.MessageType = types.MessageType.Error) -> None:
        """Show a message once per configuration (a plugin error is not repeated at every keystroke, and is said again
        after the settings change or a configuration, a rule pack or a plugin is saved, if it is still true)."""
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
        if checked.document is not None and isinstance(checked.document.data, dict):
            self._last_ids[uri] = (checked.document.data, None)  # the ids are listed when a feature asks, not at every keystroke
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, version=document.version, diagnostics=diagnostics(checked, uri, path)))

    def current(self, uri: str) -> tuple[Document, Checked] | None:
        """The document as the editor holds it now, and its check: checked again first if it changed since."""
        source = self.workspace.get_text_document(uri).source
        checked = self.checked.get(uri)
        if checked is None or checked.document is None or checked.document.text != source:
            self.publish(uri)
            checked = self.checked.get(uri)
        if checked is None or checked.document is None:  # a configuration file, or YAML that is no charter: nothing to offer
            return None
        if checked.document.text != source:  # the text as decoded differs from the editor's (a byte order mark)
            return load_document(str(path_of(uri) or uri), source.encode("utf-8")), checked
        return checked.document, checked

    def ids(self, uri: str, doc: Document | None) -> Ids:
        """The ids of the document; while it does not parse (a line half typed), those of its last readable text."""
        if doc is not None and isinstance(doc.data, dict) and (uri not in self._last_ids or self._last_ids[uri][0] is not doc.data):
            self._last_ids[uri] = (doc.data, None)
        data, ids = self._last_ids.get(uri, (None, None))
        if ids is None and data is not None:
            ids = ids_of(data)
            self._last_ids[uri] = (data, ids)
        return ids or Ids()

    def refresh_workspace(self, uri: str) -> None:
        """The workspace's other charters read again where changed on disk, for the repository rules; never fails a handler."""
        path = path_of(uri)
        if path is None or is_config(path):
            return
        try:
            self.checker.refresh_workspace(path)
        except Exception:  # a file that cannot be read must not stop the open document's own check
            log.exception("reading the workspace's charters failed")

    def check_all(self) -> None:
        for uri in list(self.workspace.text_documents):
            self.publish(uri)

    def close(self, uri: str) -> None:
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        self.checked.pop(uri, None)
        self._last_ids.pop(uri, None)
        path = path_of(uri)
        if path is not None:
            self.checker.close(path)
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
            if ls.checker.reader is not None:
                ls.checker.reader.workspace.root = root  # its charters for the repository rules (SCA03)
        ls.configure(params.initialization_options)

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def changed_configuration(ls: PartnercheckServer, params: types.DidChangeConfigurationParams) -> None:
        ls.configure(params.settings)
        ls.check_all()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: PartnercheckServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.refresh_workspace(params.text_document.uri)
        ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: PartnercheckServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: PartnercheckServer, params: types.DidSaveTextDocumentParams) -> None:
        path = path_of(params.text_document.uri)
        if path is not None and (is_config(path) or path.name == "pyproject.toml" or ls.checker.reads(path)):
            ls.replan()  # the plans read the configuration, the rule packs and local plugins as saved
            ls.check_all()
            return
        ls.refresh_workspace(params.text_document.uri)
        ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: PartnercheckServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.close(params.text_document.uri)

    register_requests(server)
    return server


def register_requests(server: PartnercheckServer) -> None:
    """Hover, completion, navigation, rename and code actions: each answers from the document as it is now."""

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @guarded
    def on_hover(ls: PartnercheckServer, params: types.HoverParams) -> types.Hover | None:
        found = ls.current(params.text_document.uri)
        return hover(found[0], found[1], params.position) if found else None

    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[" ", "[", ",", "-", ":"]))
    @guarded
    def on_completion(ls: PartnercheckServer, params: types.CompletionParams) -> types.CompletionList | None:
        source = ls.workspace.get_text_document(params.text_document.uri).source
        found = ls.current(params.text_document.uri)
        registry = found[1].registry if found else None
        lines = source.splitlines() or [""]
        doc = found[0] if found else None
        if doc is not None and not isinstance(doc.data, dict):  # the line being typed may be what does not parse
            without = "\n".join(line for number, line in enumerate(lines) if number != params.position.line)
            doc = load_document(doc.path, without.encode("utf-8"))
        return complete(lines, params.position, ls.ids(params.text_document.uri, doc), registry, found[1].translator if found else None)

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    @guarded
    def on_definition(ls: PartnercheckServer, params: types.DefinitionParams) -> types.Location | None:
        found = ls.current(params.text_document.uri)
        return navigation.definition(found[0], params.text_document.uri, params.position) if found else None

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    @guarded
    def on_references(ls: PartnercheckServer, params: types.ReferenceParams) -> list[types.Location] | None:
        found = ls.current(params.text_document.uri)
        return navigation.references(found[0], params.text_document.uri, params.position, params.context.include_declaration) if found else None

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    @guarded
    def on_symbols(ls: PartnercheckServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol] | None:
        found = ls.current(params.text_document.uri)
        return navigation.symbols(found[0]) if found else None

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    @guarded
    def on_prepare_rename(ls: PartnercheckServer, params: types.PrepareRenameParams) -> types.Range | None:
        found = ls.current(params.text_document.uri)
        location = navigation.definition(found[0], params.text_document.uri, params.position) if found else None
        return navigation.occurrence(found[0], params.position) if found and location is not None else None

    @server.feature(types.TEXT_DOCUMENT_RENAME)
    def on_rename(ls: PartnercheckServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
        found = ls.current(params.text_document.uri)
        if found is None:
            return None
        try:
            return navigation.rename(found[0], params.text_document.uri, params.position, params.new_name, found[1].translator)
        except navigation.RenameRefused as exc:
            raise JsonRpcInvalidParams(str(exc)) from None

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    @guarded
    def on_code_action(ls: PartnercheckServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        found = ls.current(params.text_document.uri)
        return actions.actions(found[0], found[1], params.text_document.uri, params.range, params.context.diagnostics) if found else None

    @server.command(actions.SELECT)
    def on_select(ls: PartnercheckServer, uri: str, selection: Any) -> None:
        """Select the placeholder a quick fix left (a suppression's or waiver's reason) for the user to type over."""
        chosen = selection
        if isinstance(selection, dict):
            start, end = selection["start"], selection["end"]
            chosen = types.Range(start=types.Position(line=start["line"], character=start["character"]), end=types.Position(line=end["line"], character=end["character"]))
        ls.window_show_document(types.ShowDocumentParams(uri=uri, take_focus=True, selection=chosen))


def serve() -> None:
    """Answer LSP messages on standard input and output until the client says exit."""
    import sys

    protocol_out = sys.stdout.buffer
    sys.stdout = sys.stderr  # a plugin's print() must not corrupt the protocol stream
    build().start_io(sys.stdin.buffer, protocol_out)
