"""The result model: severities, positions and findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Mapping

from partnercheck.records import Record


#: A field left to its default: a fresh empty mapping each time (an explicit None is kept, as the dataclass kept it).
_FRESH: Any = object()


class Severity(str, Enum):
    """How serious a finding is; `error` blocks a signature."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def at_least(self, other: Severity) -> bool:
        return self.rank >= other.rank


_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


@dataclass(frozen=True, slots=True, init=False, repr=False, eq=False)
class Span(Record):
    """A region of the source, 1-based lines and columns, end inclusive of its last character."""

    line: int
    column: int
    end_line: int
    end_column: int

    def __init__(self, line: int, column: int, end_line: int, end_column: int) -> None:
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "column", column)
        object.__setattr__(self, "end_line", end_line)
        object.__setattr__(self, "end_column", end_column)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its four numbers: a worker sends the parent dozens per file, and the frozen dataclass's
        own pickling (a `fields()` walk and a `setattr` per field) cost twice as much to read back."""
        return Span, (self.line, self.column, self.end_line, self.end_column)


START = Span(1, 1, 1, 1)

#: Internal errors (a rule that crashed, INT01, or ran past its budget, INT02): whatever the selection
#: (`select`, `ignore`, per-file ignores), a suppression comment, a waiver or a baseline, they are
#: reported and the run exits 2, as a syntax error is in ruff.
INTERNAL = "INT"


#: Findings about suppressions themselves, and internal errors, are never suppressed by a comment or a waiver.
UNSUPPRESSIBLE = ("SUP", INTERNAL)


def is_internal(code: str) -> bool:
    """True for the code of an internal error, which nothing hides (`INTERNAL`)."""
    return code.startswith(INTERNAL)


@dataclass(frozen=True, slots=True, init=False, repr=False, eq=False)
class Text(Record):
    """A message by id with its parameters, rendered in the reader's language at output (report/i18n.py).

    Ids are `CODE:key` for a rule's message (`CODE:hint` for its hint), a core
    id (`DOC03.empty`, report/messages.py) or `verbatim` (`params["text"]` as
    given: a plugin's own hint). A parameter is the charter's text (a str or a
    number, shown as written) or itself a `Text`: one of partnercheck's phrases,
    rendered in the same language.
    """

    id: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __init__(self, id: str, params: Mapping[str, Any] = _FRESH) -> None:
        self._fill(id, {} if params is _FRESH else params)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "params": {k: _param_json(v) for k, v in self.params.items()}}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Text:
        return cls(str(data["id"]), {str(k): _param_value(v) for k, v in dict(data.get("params") or {}).items()})


VERBATIM = "verbatim"


def verbatim(text: str) -> Text:
    """A text shown as written in every language (a plugin's own hint)."""
    return Text(VERBATIM, {"text": text})


def _param_json(value: Any) -> Any:
    if isinstance(value, Text):
        return {"text": value.to_json()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_param_json(v) for v in value]
    return value if value is None or isinstance(value, (str, int, float, bool)) else str(value)


def _param_value(value: Any) -> Any:
    if isinstance(value, dict) and "text" in value:
        return Text.from_json(value["text"])
    if isinstance(value, list):
        return [_param_value(v) for v in value]
    return value


@dataclass(frozen=True, slots=True, init=False, repr=False, eq=False)
class BareFinding(Record):
    """What a rule yields: where, with which message parameters, and an optional hint.

    The engine turns it into a `Finding` by stamping code, name, severity,
    position and plugin. `message` selects one of the rule's message templates;
    `hint` replaces the rule's hint when given (a `Text`, or a plugin's own
    words, shown as written). Repository-level rules set
    `path` to name the charter the finding is about.
    """

    pointer: str
    params: Mapping[str, Any] = field(default_factory=dict)
    hint: str | Text | None = None
    message: str = "default"
    path: str | None = None

    def __init__(self, pointer: str, params: Mapping[str, Any] = _FRESH, hint: str | Text | None = None, message: str = "default", path: str | None = None) -> None:
        self._fill(pointer, {} if params is _FRESH else params, hint, message, path)


@dataclass(frozen=True, slots=True, init=False, repr=False, eq=False)
class Suppression(Record):
    """Why a finding is not counted: an inline comment, a waiver or a baseline."""

    kind: str  # "comment" | "waiver" | "baseline"
    reason: str
    approved_by: str | None = None
    expires_on: str | None = None

    def __init__(self, kind: str, reason: str, approved_by: str | None = None, expires_on: str | None = None) -> None:
        self._fill(kind, reason, approved_by, expires_on)


#: The codes of the reading stage: the file as YAML (DOC) and its shape (SCH), shown before their consequences.
CAUSES = ("DOC", "SCH")


@dataclass(frozen=True, slots=True, init=False, repr=False, eq=False)
class Related(Record):
    """Another place of a grouped finding (run/grouping.py): where it is, and the id of the item there (`label`)."""

    pointer: str
    line: int
    column: int
    end_line: int
    end_column: int
    label: str = ""

    def __init__(self, pointer: str, line: int, column: int, end_line: int, end_column: int, label: str = "") -> None:
        self._fill(pointer, line, column, end_line, end_column, label)

    def to_dict(self) -> dict[str, Any]:
        return {"pointer": self.pointer, "line": self.line, "column": self.column, "end_line": self.end_line, "end_column": self.end_column, "label": self.label}


@dataclass(slots=True, init=False, repr=False, eq=False)
class Finding(Record):
    """One positioned diagnostic about one file.

    `text` and `hint_text` are what it says, by id and parameters: what the
    cache and the baseline keep. `message` and `hint` are those rendered in the
    run's language (English until `report.i18n.translate_run`), for reporters.
    """

    code: str
    name: str
    severity: Severity
    message: str
    path: str
    pointer: str = ""
    line: int = 1
    column: int = 1
    end_line: int = 1
    end_column: int = 1
    hint: str | None = None
    plugin: str = "core"
    pack: str = "core"
    suppression: Suppression | None = None
    text: Text | None = None
    hint_text: Text | None = None
    #: The other places of the same finding when grouped (run/grouping.py); this one is the first.
    related: tuple[Related, ...] = ()

    def __init__(self, code: str, name: str, severity: Severity, message: str, path: str, pointer: str = "", line: int = 1, column: int = 1, end_line: int = 1, end_column: int = 1, hint: str | None = None, plugin: str = "core", pack: str = "core", suppression: Suppression | None = None, text: Text | None = None, hint_text: Text | None = None, related: tuple[Related, ...] = ()) -> None:
        self.code = code
        self.name = name
        self.severity = severity
        self.message = message
        self.path = path
        self.pointer = pointer
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        self.hint = hint
        self.plugin = plugin
        self.pack = pack
        self.suppression = suppression
        self.text = text
        self.hint_text = hint_text
        self.related = related

    __hash__ = None  # type: ignore[assignment]  # a finding changes (its place, its rendered message): not a key

    @property
    def suppressed(self) -> bool:
        return self.suppression is not None

    @property
    def count(self) -> int:
        """How many places this finding stands for: 1, or more when it groups the same finding at several places."""
        return 1 + len(self.related)

    def members(self) -> list[Finding]:
        """The finding at each of its places: itself alone, or one finding per place of a group (its first place first)."""
        from dataclasses import replace

        if not self.related:
            return [self]
        first = replace(self, related=())
        return [first, *(replace(first, pointer=r.pointer, line=r.line, column=r.column, end_line=r.end_line, end_column=r.end_column) for r in self.related)]

    def place(self, span: Span) -> Finding:
        self.line, self.column = span.line, span.column
        self.end_line, self.end_column = span.end_line, span.end_column
        return self

    def sort_key(self) -> tuple[str, int, int, int, str, str]:
        """A file's findings, causes first: what stops the file being read as written (its YAML, its shape,
        a misspelt key) before what the rules find in it; then by place."""
        return (self.path, 0 if self.code.startswith(CAUSES) else 1, self.line, self.column, self.code, self.pointer)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
            "path": self.path,
            "pointer": self.pointer,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "pack": self.pack,
            "plugin": self.plugin,
            "suppressed": self.suppressed,
        }
        if self.related:
            out["count"] = self.count
            out["related"] = [r.to_dict() for r in self.related]
        if self.suppression is not None:
            s = self.suppression
            out["suppression"] = {
                "kind": s.kind,
                "reason": s.reason,
                "approved_by": s.approved_by,
                "expires_on": s.expires_on,
            }
        return out


@dataclass(frozen=True, slots=True, init=False, repr=False, eq=False)
class Problem(Record):
    """A finding from the engine's own checks (parsing, schema, references).

    Like `BareFinding`, it carries no name or severity: the engine stamps those
    from the core rule pack. The message and hint are ids with parameters
    (report/messages.py holds their English). `span` is given
    when the position is not that of a node (a syntax error, a key).
    """

    code: str
    message: Text
    pointer: str = ""
    span: Span | None = None
    hint: Text | None = None
    on_key: bool = False

    def __init__(self, code: str, message: Text, pointer: str = "", span: Span | None = None, hint: Text | None = None, on_key: bool = False) -> None:
        self._fill(code, message, pointer, span, hint, on_key)


def split_hint(hint: str) -> tuple[str, str]:
    """A hint's words and its YAML snippet (the lines indented by two spaces that end it), dedented."""
    lines = hint.rstrip("\n").split("\n")
    start = len(lines)
    while start > 0 and lines[start - 1].startswith("  "):
        start -= 1
    snippet = "\n".join(line[2:] for line in lines[start:])
    return "\n".join(lines[:start]).strip(), snippet
