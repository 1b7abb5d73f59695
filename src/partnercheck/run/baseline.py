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
from partnercheck.findings import Finding, Suppression, Text, is_internal
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

    def apply(self, findings: Iterable[Finding], reason: str | None = None) -> Counter[Key]:
        """Suppress the findings the baseline accepts (saying `reason`); return the stale entries, each with how many findings it lacks."""
        accepted, stale = self.match(findings)
        reason = reason or said("suppression.baseline", file=self.path.name)
        for finding in accepted:
            finding.suppression = Suppression("baseline", reason)
        return stale

    def match(self, findings: Iterable[Finding]) -> tuple[list[Finding], Counter[Key]]:
        """The active findings the baseline accepts (each entry as many times as it counts), and the stale entries."""
        left = Counter(self.counts)
        accepted = []
        for finding in findings:
            if finding.suppressed or is_internal(finding.code):  # a crash is never accepted
                continue
            key = self.key(finding)
            if left[key] > 0:
                left[key] -= 1
                accepted.append(finding)
        return accepted, Counter({k: n for k, n in left.items() if n > 0})

    def pruned(self, stale: Counter[Key]) -> Baseline:
        counts = Counter(self.counts)
        counts.subtract(stale)
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
    """Read a baseline file; a missing, oversized or malformed one is a usage error (exit 2)."""
    from partnercheck.bounded import MAX_BASELINE_BYTES, read_path, size_words

    path = Path(path)
    try:
        raw = read_path(path, MAX_BASELINE_BYTES)
    except FileNotFoundError:
        raise UsageError(said("usage.no-baseline", path=str(path))) from None
    except OSError as exc:
        raise UsageError(f"--baseline {path}: not a partnercheck baseline ({exc.strerror or exc})") from None
    if len(raw) > MAX_BASELINE_BYTES:
        raise UsageError(f"--baseline {path}: larger than {size_words(MAX_BASELINE_BYTES)}, not a partnercheck baseline")
    data = _decode(raw, path)
    if not isinstance(data, dict) or data.get("partnercheck-baseline") != FORMAT or not isinstance(data.get("findings"), list):
        raise UsageError(f"--baseline {path}: not a partnercheck baseline (expected a `partnercheck-baseline: {FORMAT}` object with a `findings` list)")
    baseline = Baseline(path)
    for i, entry in enumerate(data["findings"]):
        key = _entry_key(entry, path, i)
        baseline.counts[key] += _count(entry, path, i)
        baseline.messages.setdefault(key, _text_of(entry))
    return baseline


def _decode(raw: bytes, path: Path) -> Any:
    """The JSON of a baseline; nesting too deep, a huge integer or a lone surrogate is a usage error, not a crash."""
    try:
        data = json.loads(raw.decode("utf-8"))
        json.dumps(data, ensure_ascii=False).encode("utf-8")  # a lone surrogate ("\\ud800") cannot be written back
    except RecursionError:
        raise UsageError(f"--baseline {path}: not a partnercheck baseline (nested too deeply)") from None
    except (UnicodeError, ValueError) as exc:  # json.JSONDecodeError, and integers longer than Python converts, are ValueErrors
        from partnercheck.printable import visible

        raise UsageError(f"--baseline {path}: not a partnercheck baseline ({visible(str(exc), 200)})") from None
    return data


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


#: A baseline entry accepts at most this many findings of one rule at one place (a charter holds far fewer).
MAX_COUNT = 10_000


def _count(entry: dict[str, Any], path: Path, i: int) -> int:
    count = entry.get("count", 1)
    if not isinstance(count, int) or isinstance(count, bool) or count <= 0:
        return 1
    if count > MAX_COUNT:
        raise UsageError(f"--baseline {path}: entry {i + 1} has a count above {MAX_COUNT:,}")
    return count


def _relative(display: str, folder: Path) -> str:
    """A finding's path relative to the baseline's folder, with forward slashes (standard input as named)."""
    if display.startswith("<"):
        return display
    try:
        return Path(os.path.relpath(Path(display).absolute(), folder.absolute())).as_posix()
    except ValueError:  # another drive on Windows
        return Path(display).absolute().as_posix()
