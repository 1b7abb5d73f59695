"""Some top-level sections of a charter, read without parsing the rest: what a rule that reads only those needs.

A charter is a block mapping: each top-level key starts a line at column 0
(`partners:`), and everything up to the next such key belongs to it. The
sections asked for are cut out of the text along those lines and parsed
alone, which costs a fraction of the whole file. Any text that is not plainly
such a mapping (a document marker, a directive, a flow or quoted key, a
`? ` key), or a cut that does not parse on its own (an alias to an anchor in
another section), is parsed whole instead: the data of the sections asked for
is the same either way.
"""

from __future__ import annotations

import re
from typing import Any, Collection, Sequence

from partnercheck.document.builder import Limits
from partnercheck.document.load import load_document

_KEY = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$)")
#: Always kept: the version key decides whether the file is a charter.
VERSION_KEY = "partnercheck"


def blocks(text: str) -> list[tuple[str, str]] | None:
    """(top-level key, its lines) in order; None when the text is not plainly a block mapping of simple keys."""
    out: list[tuple[str, str]] = []
    for line in text.splitlines(keepends=True):
        first = line[:1]
        if first in ("", " ", "\t", "#", "-", "\n", "\r") or not line.strip():
            if not out:
                if first == "-" or (line.strip() and not line.lstrip().startswith("#")):
                    return None  # a list, or indented text, before any key: not a mapping of keys
                continue
            if first == "-" and line.startswith(("---", "...")):
                return None
            out[-1] = (out[-1][0], out[-1][1] + line)
            continue
        found = _KEY.match(line)
        if found is None:
            return None
        out.append((found.group(1), line))
    return out


def charter_sections(path: str, raw: bytes, keys: Collection[str], limits: Limits | None = None) -> Any:
    """The charter's data limited to the top-level `keys` (and its version), or None when it is no charter."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    cut = blocks(text) if text is not None and not text.startswith("\ufeff") else None
    if cut is not None:
        kept = "".join(lines for key, lines in cut if key in keys or key == VERSION_KEY)
        doc = load_document(path, kept.encode("utf-8"), limits)
        if doc.is_charter and isinstance(doc.data, dict) and not doc.problems:
            return doc.data
    doc = load_document(path, raw, limits)
    if not doc.is_charter or not isinstance(doc.data, dict):
        return None
    return {key: value for key, value in doc.data.items() if key in keys or key == VERSION_KEY}


def many_sections(files: Sequence[tuple[str, bytes]], keys: Collection[str], limits: Limits | None = None, jobs: int = 1) -> list[Any]:
    """`charter_sections` of each (path, bytes), in order; in `jobs` forked worker processes when there is much to read."""
    from partnercheck.run.parallel import MIN_PARALLEL_BYTES
    from partnercheck.run.supervise import can_fork

    work = [(path, raw, tuple(keys), limits) for path, raw in files]
    if jobs < 2 or len(files) < 2 or sum(len(raw) for _, raw in files) < MIN_PARALLEL_BYTES or not can_fork():
        return [_sections(w) for w in work]
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(min(jobs, len(files))) as pool:
        return pool.map(_sections, work, chunksize=max(1, len(work) // (jobs * 4)))


def _sections(work: tuple[str, bytes, tuple[str, ...], Limits | None]) -> Any:
    path, raw, keys, limits = work
    return charter_sections(path, raw, keys, limits)
