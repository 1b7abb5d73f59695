"""For the report's tests: the healthy example made to have an exact number of findings, and the French catalog's words."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from catalog.support import healthy, lint_data

from partnercheck.report.catalogs import po_path

#: Fields taken away from each partner in turn, each adding one finding (TIM01, MEM03, PUR04, MEM01).
STRIPPED = ("onboarding", "specificities", "interests", "representative")


def with_findings(n: int) -> dict[str, Any]:
    """The healthy example (15 partners) with fields removed, partner by partner, until it has `n` findings."""
    data = healthy()
    for field in STRIPPED:
        for partner in data["partners"]:
            if len(lint_data(data)) >= n:
                break
            partner.pop(field, None)
    found = len(lint_data(data))
    assert found == n, f"the stripped charter has {found} findings, not {n}"
    return data


def roster(n: int) -> dict[str, Any]:
    """A half-filled charter: `n` partners in one body, nothing else to map."""
    partners = [{"id": f"p{i}", "name": f"Partenaire {i}", "type": "association"} for i in range(n)]
    return {"partnercheck": 1, "charter": {"id": "c", "title": "C"}, "partners": partners, "governance": {"bodies": [{"id": "copil", "name": "Comité", "members": [p["id"] for p in partners]}]}}


def write(folder: Path, name: str, data: dict[str, Any]) -> Path:
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def french_words() -> dict[str, str]:
    """The reporters' words of the French catalog (no `msgctxt`), English -> French; a plural entry gives both forms."""
    from babel.messages.pofile import read_po

    with po_path("fr").open("rb") as handle:
        entries = [m for m in read_po(handle) if m.id and not m.context]
    words: dict[str, str] = {}
    for m in entries:
        if isinstance(m.id, (tuple, list)):
            words.update(zip(m.id, m.string))
        else:
            words[m.id] = m.string
    return words
