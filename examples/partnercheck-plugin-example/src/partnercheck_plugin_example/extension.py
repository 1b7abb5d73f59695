"""The schema of this organisation's own top-level charter key, `x-org-example`.

Without it, partnercheck accepts anything under an `x-` key. With it, a
charter that writes this key is validated like the core format: a wrong value
is an SCH01 finding at its line.
"""

from __future__ import annotations

from typing import Any

KEY = "x-org-example"

SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "What the example organisation records about a partnership it takes part in.",
    "additionalProperties": False,
    "properties": {
        "funding_agreement": {"type": "string", "minLength": 1, "description": "Reference of the signed funding agreement."},
        "finance_contact": {"type": "string", "minLength": 1, "description": "Who answers questions about the money."},
        "reviewed_on": {"type": "string", "format": "date", "description": "When the finance team last reviewed the charter."},
    },
}
