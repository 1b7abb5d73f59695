"""Gettext catalogs: `locale/<lang>/LC_MESSAGES/partnercheck.po`, read as their compiled `.mo`.

The `.po` file is what translators edit (with any gettext tool); the wheel
ships the `.mo` compiled from it at build time (hatch_build.py, with Babel).
A `.mo` missing or older than its `.po` (a source checkout being edited) is
replaced by reading the `.po` with Babel, so a run never shows stale text.
Core messages are keyed by `msgctxt` (their id, report/messages.py) and
`msgid` (their English); reporters' words by their English `msgid` alone,
with `msgid_plural` where a count chooses the form.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any, Callable, Mapping

from partnercheck.records import Record
from partnercheck.resources import locale_dir

DOMAIN = "partnercheck"
_CONTEXT = "\x04"  # gettext joins msgctxt and msgid with EOT


def _english_plural(n: int) -> int:
    return 0 if n == 1 else 1


class Catalog(Record):
    """One language's entries: `msgid` (or `msgctxt` EOT `msgid`) -> text, or the tuple of plural forms."""

    __slots__ = ("lang", "entries", "plural", "header")

    lang: str
    entries: Mapping[str, str | tuple[str, ...]]
    plural: Callable[[int], int]
    #: The catalog's header (`Plural-Forms: …`), which `plural` comes from.
    header: str

    def __init__(self, lang: str, entries: Mapping[str, str | tuple[str, ...]] | None = None, plural: Callable[[int], int] = _english_plural, header: str = "") -> None:
        self.lang = lang
        self.entries = {} if entries is None else entries
        self.plural = plural
        self.header = header

    def get(self, msgid: str, context: str | None = None) -> str | None:
        found = self.entries.get(key(msgid, context))
        return found[0] if isinstance(found, tuple) else found or None

    def nget(self, msgid: str, n: int) -> str | None:
        """The form of a plural entry for count `n` (None if the entry is missing)."""
        found = self.entries.get(msgid)
        if not isinstance(found, tuple):
            return None
        index = self.plural(n)
        return found[index] if 0 <= index < len(found) and found[index] else None


def key(msgid: str, context: str | None = None) -> str:
    return msgid if context is None else f"{context}{_CONTEXT}{msgid}"


def po_path(lang: str) -> Path:
    return locale_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return po_path(lang).with_suffix(".mo")


def load(lang: str) -> Catalog:
    """The catalog of `lang`: its `.mo` when up to date, else its `.po` through Babel; empty when there is none."""
    po, mo = po_path(lang), mo_path(lang)
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        return read_mo(lang, mo.read_bytes())
    if po.is_file():
        return _compiled(lang, po.read_bytes())
    return Catalog(lang)


def _compiled(lang: str, raw: bytes) -> Catalog:
    """A `.po` read through Babel once, then kept compiled (as JSON) in the user's cache folder beside the
    rule packs, keyed by its bytes: a source checkout does not import Babel and parse the `.po` every run."""
    from partnercheck.rules.packcache import derived

    def build() -> list[Any]:
        read = read_po(lang, raw.decode("utf-8"))
        return [{k: list(v) if isinstance(v, tuple) else v for k, v in read.entries.items()}, read.header]

    def usable(stored: Any) -> Catalog:
        entries, header = stored
        if not isinstance(header, str) or not all(isinstance(k, str) and _is_entry(v) for k, v in entries.items()):
            raise ValueError("not a compiled catalog")
        return Catalog(lang, {k: tuple(v) if isinstance(v, list) else v for k, v in entries.items()}, _plural_of(header), header)

    return derived(f"catalog-{lang}", raw, build, usable)


def _is_entry(value: Any) -> bool:
    return isinstance(value, str) or (isinstance(value, list) and all(isinstance(s, str) for s in value))


def read_mo(lang: str, data: bytes) -> Catalog:
    """A compiled catalog (GNU `.mo`, either byte order)."""
    order = "<" if data[:4] == b"\xde\x12\x04\x95" else ">"
    _, count, ids_at, strs_at = struct.unpack(f"{order}4I", data[4:20])
    entries: dict[str, str | tuple[str, ...]] = {}
    header = ""
    for i in range(count):
        id_len, id_off = struct.unpack(f"{order}2I", data[ids_at + 8 * i : ids_at + 8 * i + 8])
        str_len, str_off = struct.unpack(f"{order}2I", data[strs_at + 8 * i : strs_at + 8 * i + 8])
        msgid = data[id_off : id_off + id_len].decode("utf-8")
        text = data[str_off : str_off + str_len].decode("utf-8")
        if not msgid:
            header = text
            continue
        singular, plural_sep, _ = msgid.partition("\x00")
        entries[singular] = tuple(text.split("\x00")) if plural_sep else text
    return Catalog(lang, entries, _plural_of(header), header)


def read_po(lang: str, text: str) -> Catalog:
    """A catalog from its `.po` text, read by Babel (fuzzy entries are left out, as msgfmt does)."""
    from io import StringIO

    from babel.messages.pofile import read_po as babel_read_po

    catalog = babel_read_po(StringIO(text), locale=None, domain=DOMAIN)
    entries: dict[str, str | tuple[str, ...]] = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        ids, strings = message.id, message.string
        if isinstance(ids, (tuple, list)):
            entries[key(ids[0], message.context)] = tuple(str(s) for s in strings or ())
        else:
            entries[key(ids, message.context)] = str(strings)
    header = "\n".join(f"{k}: {v}" for k, v in catalog.mime_headers)
    return Catalog(lang, entries, _plural_of(header), header)


def _plural_of(header: str) -> Callable[[int], int]:
    """The `Plural-Forms` expression of a catalog's header, as a function (English's when absent)."""
    for line in header.splitlines():
        name, _, value = line.partition(":")
        if name.strip().lower() == "plural-forms" and "plural=" in value:
            import gettext

            return gettext.c2py(value.split("plural=", 1)[1].strip().rstrip(";"))
    return _english_plural
