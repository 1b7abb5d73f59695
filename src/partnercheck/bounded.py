"""Reading an input with a ceiling: at most the limit plus one byte, whatever the input is.

A size limit checked after reading protects nothing: a 1 GiB sparse file, or
`/dev/zero` given as a baseline, a rule pack or standard input, is in memory
before the check runs. Every input partnercheck reads (charters, folders
walked, standard input, `--baseline`, `--rules`, configuration files) goes
through `read_path` or `read_stream`, which stop one byte past the limit: the
caller sees the input is too large without holding more than that.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

#: Rule packs, configuration files: what partnercheck reads besides charters (a few KB in practice).
MAX_SIDE_FILE_BYTES = 10 * 1024 * 1024
#: A baseline lists every accepted finding (about 200 bytes each): room for 300,000 of them.
MAX_BASELINE_BYTES = 64 * 1024 * 1024


def read_path(path: Path | str, limit: int) -> bytes:
    """The bytes of `path`, at most `limit + 1` of them (more than `limit` means the file is too large)."""
    with Path(path).open("rb") as handle:
        return read_stream(handle, limit)


def read_stream(stream: BinaryIO, limit: int) -> bytes:
    """At most `limit + 1` bytes of `stream`."""
    return stream.read(limit + 1)


def size_words(limit: int) -> str:
    """`10 MiB (10,485,760 bytes)`-style words for a limit in messages."""
    mib = limit / (1024 * 1024)
    return f"{mib:g} MiB ({limit:,} bytes)" if limit >= 1024 * 1024 else f"{limit:,} bytes"
