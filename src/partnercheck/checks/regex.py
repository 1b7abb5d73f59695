"""Run the regular expressions of schemas on RE2, whose matching time is linear in the text.

A pattern from a rule pack, a plugin's schema or a configuration is matched
against charter values; with Python's backtracking `re`, one ambiguous
pattern (`(?i)^(aa|Aa)+$`) on a long value never ends. RE2 (package
`google-re2`) cannot take exponential time, so every pattern it can express
runs there. Python's `re` is kept for patterns using a feature RE2 lacks
(look-around, back-references, possessive repeats, `\\b`), screened for
backtracking when their pack is loaded (safe_regex.py), and for patterns
without any repeat (`^x-`), which cannot backtrack and cost less per call
there (the charter schema tests every key against `^x-`). The patterns of
partnercheck's own charter schema run on Python's `re` too (`matcher(...,
trusted=True)`): they ship with the code, as trusted as it; a plugin's
schema extension never shares that trust (checks/schema.py).

The meaning stays Python's: before RE2 compiles a pattern, `translate`
rewrites what RE2 reads differently (`\\d`, `\\w`, `\\s` match any script in
Python, ASCII only in RE2; `$` also matches before a final line break).
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from typing import Any, Callable, Protocol

from partnercheck.checks.regex_parser import MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT, children, parse_pattern

#: Python's classes for `str` patterns, in RE2's syntax (without their brackets, to nest in a class).
_CLASSES = {"d": r"\p{Nd}", "w": r"\p{L}\p{N}_", "s": r"\t-\r\x{1c}-\x{1f}\x{85}\p{Z}"}
#: What RE2 reads as Python does, or not at all (then the pattern stays with Python's `re`);
#: `\W` and `\S` outside a class are the negated classes above.
_ESCAPES = {"Z": r"\z", "A": r"\A", "b": None, "B": None, "N": None, "W": None, "S": None, "D": r"\P{Nd}"}
_GROUPS_RE2_LACKS = ("(?=", "(?!", "(?<=", "(?<!", "(?>", "(?(", "(?#", "(?P=")
_FLAGS = re.compile(r"\(\?([a-zA-Z]+)[:)]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class Matcher(Protocol):
    def search(self, text: str) -> Any: ...


def search(pattern: str, text: str) -> bool:
    """Whether `pattern` matches somewhere in `text` (as `re.search` would say)."""
    compiled = compile_pattern(pattern)
    return compiled.search(text if type(compiled) is _OnRE2 else _encodable(text)) is not None


def matcher(pattern: str, trusted: bool = False) -> Callable[[str], bool]:
    """A function telling whether `pattern` matches somewhere in a text, compiled once.

    `trusted`: a pattern of partnercheck's own charter schema, written and reviewed with it (no plugin's,
    pack's or configuration's), runs on Python's `re` as written: RE2 is not even imported for it.
    """
    compiled = re.compile(pattern) if trusted else compile_pattern(pattern)
    if type(compiled) is _OnRE2:
        return compiled.found
    return lambda text: compiled.search(_encodable(text)) is not None


@lru_cache(maxsize=1024)
def compile_pattern(pattern: str) -> Matcher:
    """`pattern` compiled by RE2 when it can express it, else by Python's `re` (raises `re.error` if invalid)."""
    translated = None if _without_repeats(pattern) else translate(pattern)
    if translated is not None:
        compiled = _re2(translated)
        if compiled is not None:
            return compiled
    return re.compile(pattern)


def _without_repeats(pattern: str) -> bool:
    """A valid pattern with no repeat at all (`^x-`): Python's `re` runs it in linear time, and faster per call."""
    try:
        re.compile(pattern)
        tree, _ = parse_pattern(pattern)
    except (re.error, RecursionError):
        return False
    stack = [tree]
    while stack:
        for op, av in stack.pop():
            if op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT):
                return False
            stack.extend(children(op, av))
    return True


def runs_on_re2(pattern: str) -> bool:
    """True when `pattern` runs on RE2, so it cannot take exponential time."""
    return not isinstance(compile_pattern(pattern), re.Pattern)


def translate(pattern: str) -> str | None:
    """`pattern` in RE2's syntax with Python's meaning, or None when it needs a feature RE2 lacks."""
    if any(group in pattern for group in _GROUPS_RE2_LACKS) or "[:" in pattern:
        return None
    flags = "".join(_FLAGS.findall(pattern))
    if set(flags) - set("ims"):
        return None  # (?x), (?a), (?L), (?u): no RE2 equivalent
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            part = _escape(pattern, i + 1, in_class)
            if part is None:
                return None
            text, i = part
            out.append(text)
            continue
        if ch == "[" and not in_class:
            in_class = True
            out.append(ch)
            if pattern[i + 1 : i + 2] == "^":
                out.append("^")
                i += 1
            if pattern[i + 1 : i + 2] == "]":  # a `]` first in a class is the character itself
                out.append(r"\]")
                i += 1
        elif ch == "]" and in_class:
            in_class = False
            out.append(ch)
        elif ch == "$" and not in_class and "m" not in flags:
            out.append(r"(?:\n?\z)")  # Python's `$`: the end, or just before a final line break
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def _escape(pattern: str, at: int, in_class: bool) -> tuple[str, int] | None:
    """The RE2 form of the escape whose letter is at `at`, and where the pattern goes on."""
    letter = pattern[at]
    if letter in _CLASSES:
        inner = _CLASSES[letter]
        return (inner if in_class else f"[{inner}]"), at + 1
    if letter in "WS" and not in_class:
        return f"[^{_CLASSES[letter.lower()]}]", at + 1
    if letter in _ESCAPES:
        text = _ESCAPES[letter]
        if text is None or (in_class and letter in "ZA"):
            return None
        return text, at + 1
    if letter in "uU":
        width = 4 if letter == "u" else 8
        digits = pattern[at + 1 : at + 1 + width]
        if len(digits) != width or any(c not in "0123456789abcdefABCDEF" for c in digits):
            return None
        return rf"\x{{{digits}}}", at + 1 + width
    if letter.isdigit() and letter != "0":
        return None  # a back-reference
    return "\\" + letter, at + 1


def _re2(pattern: str) -> Matcher | None:
    import re2  # type: ignore[import-untyped]

    options = re2.Options()
    options.log_errors = False  # RE2 would write its refusals to stderr
    try:
        return _OnRE2(re2.compile(pattern.encode("utf-8"), options))
    except re2.error:
        return None


class _OnRE2:
    """A pattern compiled by RE2 (from its UTF-8 bytes, as the package compiles a text pattern), asked only
    whether it matches: the text goes in as UTF-8 and no match object is made. The package's own `search`
    on a text decodes every offset back to characters: 4 us a call on a partner's id, 20 times Python's `re`,
    and the charter schema makes thousands of calls per 1,000 partners (docs/benchmarks.md)."""

    __slots__ = ("_compiled", "_match", "_anchor", "_known")

    def __init__(self, compiled: Any) -> None:
        self._compiled = compiled
        self._match: Any = None
        self._anchor: Any = None
        #: Answers for short texts already asked: a partner's id is checked at each place that names it (6,000
        #: calls for 1,000 partners, 1,800 texts); at most `_KNOWN` of them, then forgotten all at once.
        self._known: dict[str, bool] = {}
        regexp = getattr(compiled, "_regexp", None)  # the RE2 object under the package's wrapper
        anchor = getattr(getattr(getattr(sys.modules.get("re2"), "_re2", None), "RE2", None), "Anchor", None)
        try:
            match, unanchored = regexp.Match, anchor.UNANCHORED  # type: ignore[union-attr]
            if (match(unanchored, b"", 0, 0)[0] == (-1, -1)) is (compiled.search(b"") is None):
                self._match, self._anchor = match, unanchored
        except Exception:  # another version of the package: its public search, on bytes
            pass

    def search(self, text: str) -> bool | None:
        return True if self.found(text) else None

    def found(self, text: str) -> bool:
        known = self._known.get(text)
        if known is not None:
            return known
        data = _utf8(text)
        if self._match is not None:
            answer = bool(self._match(self._anchor, data, 0, len(data))[0] != (-1, -1))
        else:
            answer = self._compiled.search(data) is not None
        if len(text) <= _KNOWN_LENGTH:
            if len(self._known) >= _KNOWN:
                self._known.clear()
            self._known[text] = answer
        return answer


#: How many answers an RE2 pattern keeps, and for texts of at most how many characters.
_KNOWN, _KNOWN_LENGTH = 4096, 200


def _utf8(text: str) -> bytes:
    """What RE2 reads: UTF-8, a lone surrogate (never a character) matched as U+FFFD."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text).encode("utf-8")


def _encodable(text: str) -> str:
    """A lone surrogate (never a character) is matched as U+FFFD, as RE2 matches it; found without a scan of every text."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
