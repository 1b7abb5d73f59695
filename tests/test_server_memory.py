"""The language server keeps nothing per keystroke: pygls's finished notification futures are dropped, and the
incremental reader keeps only each open file's latest version (tests/test_incremental.py)."""

from __future__ import annotations

import sys

from lsprotocol import types
from paths import ROOT
from pygls.protocol import LanguageServerProtocol
from pygls.workspace import Workspace

from partnercheck.server.app import build

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import charter  # noqa: E402


def typing(tmp_path, handle) -> tuple[object, int]:
    """Open a charter and send 40 `didChange` notifications through `handle`; the server and its futures left."""
    text = charter(3)
    path = tmp_path / "charter.yaml"
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    server = build()
    server.protocol._workspace = Workspace(tmp_path.as_uri(), types.TextDocumentSyncKind.Incremental, [], "utf-16")
    server.text_document_publish_diagnostics = lambda params: None  # no client: nothing to send to
    server.configure({"debounce": 0})
    handle(server, types.TEXT_DOCUMENT_DID_OPEN, types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
    for version in range(2, 42):
        change = types.TextDocumentContentChangeWholeDocument(text=text + "#" * (version % 2))
        handle(server, types.TEXT_DOCUMENT_DID_CHANGE, types.DidChangeTextDocumentParams(text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=[change]))
    assert server.checked[uri].document.text == text + "#"  # every change was checked
    return server, len(server.protocol._request_futures)


def test_notifications_leave_no_future_behind(tmp_path):
    _, kept = typing(tmp_path, lambda server, method, params: server.protocol._handle_notification(method, params))
    assert kept == 0


def test_pygls_alone_keeps_one_future_per_notification(tmp_path):
    """What the server's protocol works around: if pygls stops leaking, this fails and the workaround can go."""
    _, kept = typing(tmp_path, lambda server, method, params: LanguageServerProtocol._handle_notification(server.protocol, method, params))
    assert kept == 41
