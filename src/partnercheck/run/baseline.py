"""The baseline: findings accepted as they are today, so that only new ones fail a run.

Entries are keyed by file, rule code and JSON Pointer, never by line: a line
inserted above a finding does not invalidate its entry. Paths are stored
relative to the baseline file's folder, so the run may start anywhere. An
entry counts how many findings share its key. Entries that no longer match
any finding are "stale"; `--prune-baseline` rewrites the file without them.
Each entry also records what its first finding says, as a message id and
parameters (`text`), so it reads the same in every language; a baseline
written before, with an English `message`, is read alike (that text was
never used for matching, and is kept as it was).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from partnercheck.errors import UsageError
from partnercheck.findings import Finding, Suppression, Text
from partnercheck.report.messages import said

FORMAT = 1


@dataclass(frozen=True, order=True)
class Key:
    path: str
    code: str
    pointer: str


@dataclass
class Baseline:
    """The entries of a baseline file, and how many findings each accepts."""

    path: Path
    counts: Counter[Key] = field(default_factory=Counter)
    messages: dict[Key, Text | str] = field(default_factory=dict)  # a Text; the English of an older baseline

    def key(self, finding: Finding) -> Key:
        return Key(_relative(finding.path, self.path.parent), finding.code, finding.pointer)

    def apply(self, findings: Iterable[Finding]) -> list[Key]:
        """Suppress the findings the baseline accepts; return the stale entries (one per unmatched finding)."""
        left = Counter(self.counts)
        reason = f"accepted in the baseline {self.path.name}"
        for finding in findings:
            if finding.suppressed:
                continue
            key = self.key(finding)
            if left[key] > 0:
                left[key] -= 1
                finding.suppression = Suppression("baseline", reason)
        return sorted(k for k, n in left.items() for _ in range(n))

    def pruned(self, stale: list[Key]) -> Baseline:
        counts = Counter(self.counts)
        counts.subtract(Counter(stale))
        kept = Counter({k: n for k, n in counts.items() if n > 0})
        return Baseline(self.path, kept, {k: v for k, v in self.messages.items() if k in kept})

    def to_json(self) -> str:
        entries = [{"path": k.path, "code": k.code, "pointer": k.pointer, "count": n, **_said(self.messages.get(k, ""))} for k, n in sorted(self.counts.items())]
        return json.dumps({"partnercheck-baseline": FORMAT, "findings": entries}, ensure_ascii=False, indent=2) + "\n"

    def write(self) -> None:
        from partnercheck.atomic import write_text

        write_text(self.path, self.to_json())


def record(findings: Iterable[Finding], path: Path) -> Baseline:
    """A baseline of the active findings, to be written at `path`."""
    baseline = Baseline(Path(path))
    for finding in findings:
        if finding.suppressed:
            continue
        key = baseline.key(finding)
        baseline.counts[key] += 1
        baseline.messages.setdefault(key, finding.text if finding.text is not None else finding.message)
    return baseline


def load(path: Path | str) -> Baseline:
    """Read a baseline file; a missing or malformed one is a usage error (exit 2)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(said("usage.no-baseline", path=str(path))) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"--baseline {path}: not a partnercheck baseline ({exc})") from None
    if not isinstance(data, dict) or data.get("partnercheck-baseline") != FORMAT or not isinstance(data.get("findings"), list):
        raise UsageError(f"--baseline {path}: not a partnercheck baseline (expected a `partnercheck-baseline: {FORMAT}` object with a `findings` list)")
    baseline = Baseline(path)
    for i, entry in enumerate(data["findings"]):
        key = _entry_key(entry, path, i)
        baseline.counts[key] += _count(entry)
        baseline.messages.setdefault(key, _text_of(entry))
    return baseline


def _entry_key(entry: Any, path: Path, i: int) -> Key:
    if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in ("path", "code", "pointer")):
        raise UsageError(f"--baseline {path}: entry {i + 1} needs text `path`, `code` and `pointer`")
    return Key(entry["path"], entry["code"], entry["pointer"])


def _said(message: Text | str) -> dict[str, Any]:
    return {"text": message.to_json()} if isinstance(message, Text) else {"message": message}


def _text_of(entry: dict[str, Any]) -> Text | str:
    """What an entry's finding said: its `text` (id and parameters), or the English `message` of an older baseline."""
    try:
        return Text.from_json(entry["text"])
    except (KeyError, TypeError, AttributeError, ValueError):
        return str(entry.get("message", ""))


def _count(entry: dict[str, Any]) -> int:
    count = entry.get("count", 1)
    return count if isinstance(count, int) and not isinstance(count, bool) and count > 0 else 1


def _relative(display: str, folder: Path) -> str:
    """A finding's path relative to the baseline's folder, with forward slashes (standard input as named)."""
    if display.startswith("<"):
        return display
    try:
        return Path(os.path.relpath(Path(display).absolute(), folder.absolute())).as_posix()
    except ValueError:  # another drive on Windows
        return Path(display).absolute().as_posix()
