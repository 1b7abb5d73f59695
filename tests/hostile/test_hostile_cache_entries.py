"""A results cache entry is used only when its seal matches its bytes (issue 17, item 10).

Every entry is written as `{"hmac": …, "entry": …}`, the HMAC taken over the
entry's bytes with a key derived from the user's own secret. Each test checks
a folder once, damages every entry in one way, checks again and expects: the
same output as the first run, no traceback, every file checked afresh
(counted by the `checked` fixture of tests/conftest.py), and the entries rewritten sealed,
so the third run is answered from the cache again.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Callable

import pytest
from paths import EXAMPLES


TODAY = "2026-01-15"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("PARTNERCHECK_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "charters").mkdir()
    shutil.copy(EXAMPLES / "plateforme-aide-a-la-personne.yaml", tmp_path / "charters" / "healthy.yaml")
    for broken in sorted((EXAMPLES / "broken").glob("*.yaml"))[:3]:
        shutil.copy(broken, tmp_path / "charters" / broken.name)
    return tmp_path


def check(cli) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    return cli("check", "charters", "--today", TODAY, "--jobs", "1", "--format", "json")


def entries(project: Path) -> list[Path]:
    found = sorted((project / ".partnercheck_cache" / "results").rglob("*.json"))
    assert found
    return found


def bump_a_number(blob: bytes) -> bytes:
    match = re.search(rb"(?<=[,\[])(\d+)(?=[,\]])", blob[80:])
    assert match
    at = 80 + match.start()
    return blob[:at] + str(int(match.group(1)) + 1).encode() + blob[at + len(match.group(1)) :]


def unsealed(blob: bytes) -> bytes:
    """The entry without its seal: the JSON partnercheck used to write, well-formed and right."""
    return json.dumps(json.loads(blob)["entry"]).encode()


def wrong_types(blob: bytes) -> bytes:
    """A well-formed entry whose fields have the wrong types (issue 17: TypeError on every later run)."""
    value = json.loads(blob)
    value["entry"]["findings"] = [{"code": 5}] if "findings" in value["entry"] else {"x": 1}
    value["entry"]["files"] = 7
    return json.dumps(value).encode()


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "truncated": lambda blob: blob[: len(blob) // 2],
    "empty": lambda blob: b"",
    "a bit flipped": lambda blob: blob[:100] + bytes([blob[100] ^ 0x01]) + blob[101:],
    "a number changed, still valid JSON": bump_a_number,
    "the seal removed": unsealed,
    "wrong types under a kept seal": wrong_types,
    "the seal of another entry": lambda blob: blob[:9] + b"0" * 64 + blob[73:],
    "binary junk": lambda blob: bytes(range(256)) * 4,
}


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_a_damaged_entry_is_ignored_checked_afresh_and_rewritten(project: Path, cli, checked: list[str], damage: str) -> None:
    first = check(cli)
    assert len(checked) == 4
    for entry in entries(project):
        entry.write_bytes(DAMAGE[damage](entry.read_bytes()))
    checked.clear()
    again = check(cli)
    assert "Traceback" not in again[2] and "internal error" not in again[2]
    assert again == first
    assert len(checked) == 4  # nothing from a damaged entry was trusted
    for entry in entries(project):
        assert json.loads(entry.read_bytes())["hmac"]  # rewritten, sealed
    checked.clear()
    assert check(cli) == first
    assert checked == []


def test_an_entry_from_another_users_secret_is_not_trusted(project: Path, cli, checked: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Entries written under another secret (restored from a shared CI cache) are checked afresh."""
    first = check(cli)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "someone-else"))
    checked.clear()
    assert check(cli) == first
    assert len(checked) == 4
