"""docs/design.md's module table names every module of the package, and only those."""

from __future__ import annotations

import re

from paths import ROOT

PACKAGE = ROOT / "src" / "partnercheck"


def _table() -> str:
    text = (ROOT / "docs" / "design.md").read_text(encoding="utf-8")
    return text.split("## Modules and their one job", 1)[1].split("\n## ", 1)[0]


def test_every_module_has_its_one_job_written_down() -> None:
    named = set(re.findall(r"^\|.*?`([a-z0-9_/]+\.py)`", _table(), flags=re.M))
    named |= set(re.findall(r"`([a-z0-9_/]+\.py)`", "\n".join(l for l in _table().splitlines() if l.startswith("|"))))
    modules = {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")}
    assert sorted(modules - named) == [], "modules with no line in docs/design.md"
    assert sorted(named - modules) == [], "lines in docs/design.md for modules that no longer exist"


def test_the_package_keeps_at_most_ten_modules_at_its_top() -> None:
    top = [p.name for p in PACKAGE.glob("*.py")]
    assert len(top) <= 10, top
