"""The round-trip loader (the benchmark's reference, `benchmarks/roundtrip.py`) reads charters like the fast path."""

from __future__ import annotations

import json
import sys

import pytest
from paths import EXAMPLES, ROOT


@pytest.mark.parametrize("name", ["plateforme-aide-a-la-personne.yaml", "broken/sans-pilote.yaml"])
def test_roundtrip_gives_the_same_data_and_findings(cli, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    path = str(EXAMPLES / name)
    _, fast, _ = cli("check", path, "--format", "json", "--today", "2026-01-15")
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    from roundtrip import parse_roundtrip

    from partnercheck.document import load

    monkeypatch.setattr(load, "parse", lambda text, limits, *_: parse_roundtrip(text, limits))
    _, slow, _ = cli("check", path, "--format", "json", "--today", "2026-01-15")
    key = lambda f: (f["code"], f["pointer"], f["line"])  # noqa: E731
    assert sorted(map(key, json.loads(fast)["findings"])) == sorted(map(key, json.loads(slow)["findings"]))
