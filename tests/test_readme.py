"""README.md stays true: its sample finding is what partnercheck prints, and it points to every document."""

from __future__ import annotations

import re

from paths import EXAMPLES, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_sample_finding_is_printed_as_shown(cli, monkeypatch) -> None:
    sample = re.search(r"```text\n(examples/broken/sans-pilote\.yaml:\d+:\d+: PIL01 .*?) … \[(\S+)\]\n```", README)
    assert sample is not None
    monkeypatch.chdir(ROOT)
    _, out, _ = cli("check", str((EXAMPLES / "broken" / "sans-pilote.yaml").relative_to(ROOT)), "--color", "never", "--today", "2026-01-15")
    line = next(line for line in out.splitlines() if " PIL01 " in line)
    assert line.startswith(sample.group(1)) and line.endswith(f"[{sample.group(2)}]"), line


def test_every_document_is_listed() -> None:
    listed = set(re.findall(r"`docs/([a-z-]+\.md)`", README))
    assert listed == {p.name for p in (ROOT / "docs").glob("*.md")}
