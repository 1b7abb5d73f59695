"""Reading an input with a ceiling: at most the limit plus one byte, whatever the input is.

A size limit checked after reading protects nothing: a 1 GiB sparse file, or
`/dev/zero` given as a baseline, a rule pack or standard input, is in memory
before the check runs. Every input partnercheck reads (charters, folders
walked, standard input, `--baseline`, `--rules`, configuration files) goes
through `read_path` or `read_stream`, which stop one byte past the limit: the
caller sees the input is too large without holding more than that.
"""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path
from typing import BinaryIO

#: Rule packs, configuration files: what partnercheck reads besides charters (a few KB in practice).
MAX_SIDE_FILE_BYTES = 10 * 1024 * 1024
#: A baseline lists every accepted finding (about 200 bytes each): room for 300,000 of them.
MAX_BASELINE_BYTES = 64 * 1024 * 1024


def read_path(path: Path | str, limit: int) -> bytes:
    """The bytes of `path`, at most `limit + 1` of them (more than `limit` means the file is too large).

    A regular file within the limit is read in one call sized by its length:
    asking for `limit + 1` bytes makes Python set aside a buffer that large
    (10 MiB) for every charter, which cost more than the rest of reading it.
    """
    with Path(path).open("rb", buffering=0) as raw:
        size = _regular_size(raw)
        if size is not None and size <= limit:
            data = raw.read(size + 1)  # one byte more: a file that grew meanwhile is read on below
            if len(data) <= size:
                return data
            return data + read_stream(io.BufferedReader(raw), limit - len(data))
        return read_stream(io.BufferedReader(raw), limit)


def _regular_size(raw: BinaryIO) -> int | None:
    """The length of a regular file; None for anything else (a pipe, a device: their length says nothing)."""
    try:
        status = os.fstat(raw.fileno())
    except OSError:
        return None
    return status.st_size if stat.S_ISREG(status.st_mode) else None


def read_stream(stream: BinaryIO, limit: int) -> bytes:
    """At most `limit + 1` bytes of `stream`."""
    return stream.read(limit + 1)


def size_words(limit: int) -> str:
    """`10 MiB (10,485,760 bytes)`-style words for a limit in messages."""
    mib = limit / (1024 * 1024)
    return f"{mib:g} MiB ({limit:,} bytes)" if limit >= 1024 * 1024 else f"{limit:,} bytes"
