"""Text from a charter made safe to print in a message: one line, no control characters.

A charter's values reach terminals and CI logs through messages (`got
"…"`). A value holding a line break could forge a line of its own (in GitHub
Actions, a line starting with `::error` is a workflow command); an escape
character could rewrite the terminal; a bidirectional override could make the
message read differently from what it says. `visible` writes such characters
as escapes (`\\n`, `\\x1b`, `\\u202e`) and shortens very long values.
"""

from __future__ import annotations

import unicodedata
from typing import Any

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_HIDDEN = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def visible(text: str, limit: int | None = None) -> str:
    """`text` with control and format characters escaped, cut to `limit` characters (then `…`)."""
    if limit is not None and len(text) > limit:
        text = text[:limit] + "…"
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == " " or unicodedata.category(ch) not in _HIDDEN else _escape(ch) for ch in text)


def visible_value(value: Any, limit: int = 200) -> Any:
    """A message parameter made safe: strings escaped and shortened, other values unchanged."""
    return visible(value, limit) if isinstance(value, str) else value


def _escape(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
