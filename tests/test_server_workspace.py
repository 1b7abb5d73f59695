"""Repository rules in the editor (issue 20): an open charter gets SCA03 over the workspace folder's charters, as
`check` on that folder gives it, and editing the other charters on disk then saving updates it."""

from __future__ import annotations

import sys

from lsp_support import check_json, open_file, ranges, run, session, spans
from lsprotocol import types
from paths import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import charter  # noqa: E402

SHARED = "p00000"


def workspace(tmp_path, sharing: int) -> list:
    """Seven charters (ids of their own); the first `sharing` have partner `SHARED` among theirs."""
    paths = []
    for n in range(7):
        ids = [f"q{n}-0", f"q{n}-1", SHARED if n < sharing else f"q{n}-2"]  # not a pilot (the first two pilot)
        path = tmp_path / f"charter-{n}.yaml"
        path.write_text(charter(3, seed=n, ids=ids), encoding="utf-8")
        paths.append(path)
    return paths


def sca03(diagnostics: list[types.Diagnostic]) -> list[types.Diagnostic]:
    return [d for d in diagnostics if d.code == "SCA03"]


def test_an_open_charter_gets_sca03_over_the_workspace_as_check_gives_it(tmp_path):
    paths = workspace(tmp_path, sharing=7)  # one partner in 7 partnerships, more than the 5 allowed
    opened = paths[0]

    async def scenario():
        async with session(tmp_path) as client:
            return await open_file(client, opened)

    diagnostics = run(scenario())
    expected = [f for f in check_json(tmp_path, tmp_path) if f["path"] == opened.name]
    assert [f for f in expected if f["code"] == "SCA03"]
    assert ranges(sca03(diagnostics)) == spans([f for f in expected if f["code"] == "SCA03"])
    [told] = sca03(diagnostics)
    assert SHARED in told.message and "7" in told.message


def test_editing_the_other_charters_on_disk_then_saving_updates_sca03(tmp_path):
    paths = workspace(tmp_path, sharing=5)  # 5 partnerships: not yet too many
    opened = paths[0]

    async def scenario():
        async with session(tmp_path) as client:
            before = sca03(await open_file(client, opened))
            for path in paths[5:]:  # two more charters take the partner in
                path.write_text(path.read_text(encoding="utf-8").replace(f"{path.stem.replace('charter-', 'q')}-2", SHARED), encoding="utf-8")
            waiting = client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=opened.as_uri())))
            await waiting
            after = sca03(list(client.diagnostics[opened.as_uri()]))
            for path in paths[1:4]:  # three leave it: 4 partnerships
                path.write_text(path.read_text(encoding="utf-8").replace(SHARED, "r-0"), encoding="utf-8")
            waiting = client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=opened.as_uri())))
            await waiting
            return before, after, sca03(list(client.diagnostics[opened.as_uri()]))

    before, after, last = run(scenario())
    assert before == [] and last == []
    assert len(after) == 1 and "7" in after[0].message
