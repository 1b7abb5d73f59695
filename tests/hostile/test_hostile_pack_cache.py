"""The rule-pack cache holds data, never code (issue 17, item 11).

CI setups restore `~/.cache` from shared caches, so an entry in
`$XDG_CACHE_HOME/partnercheck/packs` may have been planted. Entries are JSON
of plain values: a pickle put in place of one is never unpickled, and an
entry of the wrong shape is ignored and rebuilt.
"""

from __future__ import annotations

import json
import pickle

from partnercheck.rules.packcache import forget

from hostile_support import NO_PILOT, clean, findings, write


class Boom:
    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


def run(cli, tmp_path, monkeypatch):
    forget()  # the packs this process keeps in memory: each run reads the cache entries on disk
    monkeypatch.setenv("PARTNERCHECK_PACK_CACHE", str(tmp_path / "packs"))
    code, out, err = cli("check", "--no-plugins", "--isolated", "--no-cache", "--format", "json", str(tmp_path / "c.yaml"))
    clean(out, err)
    return code, sorted(f["code"] for f in findings(out))


def test_a_planted_pickle_never_runs(cli, tmp_path, monkeypatch):
    write(tmp_path, "c.yaml", NO_PILOT)
    first = run(cli, tmp_path, monkeypatch)
    entries = [p for p in (tmp_path / "packs").iterdir() if p.is_file()]
    assert entries
    marker = tmp_path / "owned"
    for entry in entries:
        json.loads(entry.read_text(encoding="utf-8"))  # data, readable as JSON
        entry.write_bytes(pickle.dumps(Boom(str(marker))))
        entry.with_suffix(".pickle").write_bytes(pickle.dumps(Boom(str(marker))))
    assert run(cli, tmp_path, monkeypatch) == first
    assert not marker.exists()


def test_an_entry_of_the_wrong_shape_is_rebuilt(cli, tmp_path, monkeypatch):
    write(tmp_path, "c.yaml", NO_PILOT)
    first = run(cli, tmp_path, monkeypatch)
    for entry in (tmp_path / "packs").glob("*.json"):
        rules = json.loads(entry.read_text(encoding="utf-8"))
        rules[0]["severity"] = {"not": "a severity"}
        rules[-1]["check"] = {"kind": "function", "name": 3}
        entry.write_text(json.dumps(rules), encoding="utf-8")
    assert run(cli, tmp_path, monkeypatch) == first
    assert run(cli, tmp_path, monkeypatch) == first
