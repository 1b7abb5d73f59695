"""From bytes to text: size limit, BOM, encodings a charter may not use."""

from __future__ import annotations

import codecs

from partnercheck.document.lines import place_in_bytes
from partnercheck.findings import START, Problem, Span, Text

_UTF16_32_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
_RESAVE = Text("DOC01.hint-resave")


def decode(raw: bytes) -> tuple[str | None, Problem | None]:
    """Return the text of a charter, or a DOC01 problem saying what is wrong with its bytes."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    for bom, name in _UTF16_32_BOMS:
        if raw.startswith(bom):
            return None, _problem(Text("DOC01.bom", {"encoding": name}), START)
    nul = raw.find(b"\x00")
    if nul >= 0:
        return None, _problem(_nul_message(raw), _span_at(raw, nul))
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return None, _problem(_decode_message(raw, exc), _span_at(raw, exc.start))


def _nul_message(raw: bytes) -> Text:
    if _looks_utf16(raw):
        return Text("DOC01.utf16")
    return Text("DOC01.binary")


def _looks_utf16(raw: bytes) -> bool:
    """Text in UTF-16: the NULs fall on one side of every byte pair, and the pairs read as printable text.

    A binary file (an executable, an image) has NULs too, but read as UTF-16 it
    gives NUL or control characters, which text never holds.
    """
    sample = raw[:400]
    sample = sample[: len(sample) - len(sample) % 2]
    even, odd = sample[0::2], sample[1::2]
    if not sample or not (even.count(0) > len(even) * 0.4 or odd.count(0) > len(odd) * 0.4):
        return False
    codec = "utf-16-be" if even.count(0) > odd.count(0) else "utf-16-le"
    text = sample.decode(codec, errors="replace").removesuffix("\ufffd")  # a pair cut by the sample
    return not any(c == "\ufffd" or (c < " " and c not in "\t\n\r") for c in text)


def _decode_message(raw: bytes, exc: UnicodeDecodeError) -> Text:
    byte = raw[exc.start]
    if byte == 0xED and exc.start + 2 < len(raw) and 0xA0 <= raw[exc.start + 1] <= 0xBF:
        point = 0xD000 | (raw[exc.start + 1] & 0x3F) << 6 | raw[exc.start + 2] & 0x3F
        return Text("DOC01.surrogate-bytes", {"offset": exc.start, "point": f"{point:04X}"})
    try:
        raw.decode("cp1252")
        latin1 = True
    except UnicodeDecodeError:
        latin1 = False
    return Text("DOC01.bad-byte-latin1" if latin1 else "DOC01.bad-byte", {"byte": f"{byte:02x}", "offset": exc.start})


def _span_at(raw: bytes, offset: int) -> Span:
    line, column = place_in_bytes(raw, offset)
    return Span(line, column, line, column)


def _problem(message: Text, span: Span) -> Problem:
    return Problem("DOC01", message, "", span, _RESAVE)
