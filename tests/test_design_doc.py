"""docs/design.md's module table names every module of the package, and only those."""

from __future__ import annotations

import re

from paths import ROOT

PACKAGE = ROOT / "src" / "partnercheck"


def test_every_module_has_its_one_job_written_down() -> None:
    text = (ROOT / "docs" / "design.md").read_text(encoding="utf-8")
    table = text.split("## Modules and their one job", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`([a-z0-9_]+\.py|[a-z0-9_]+/)`", table))
    modules = {p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py")}
    folders = {f"{p.name}/" for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert sorted(modules - named) == [] and sorted(folders - named) == []
    data = {n for n in named if (PACKAGE / n).is_dir() or (ROOT / n).is_dir()}  # locale/, rules/: data, not code
    assert sorted(named - modules - folders - data) == []
