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


#: The items of a list (or mapping) parameter a message shows; more are replaced by one "… (N more)".
MAX_ITEMS = 50


def visible_value(value: Any, limit: int = 200, depth: int = 3) -> Any:
    """A message parameter made safe: strings escaped and shortened, lists and mappings to `MAX_ITEMS`
    items (nested `depth` levels at most), other values unchanged."""
    if isinstance(value, str):
        return visible(value, limit)
    if isinstance(value, (list, tuple)):
        items = [visible_value(v, limit, depth - 1) if depth > 0 else "…" for v in value[:MAX_ITEMS]]
        if len(value) > MAX_ITEMS:
            items.append(f"… ({len(value) - MAX_ITEMS:,} more)")
        return tuple(items) if isinstance(value, tuple) else items
    if isinstance(value, dict):
        kept = list(value.items())[:MAX_ITEMS]
        return {visible(str(k), limit): (visible_value(v, limit, depth - 1) if depth > 0 else "…") for k, v in kept}
    return value


def _escape(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
