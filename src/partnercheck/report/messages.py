"""The English of partnercheck's own messages, by id: what the engine's checks say (DOC, SCH, REF, SUP, INT),
the phrases they embed, and the errors shown on standard error.

Code refers to a message by its id (`Text("DOC03.empty")`); this table is the
source text, and each `locale/<lang>/LC_MESSAGES/partnercheck.po` translates it
(`msgctxt` = the id, `msgid` = this English). A `{name}` is a parameter.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Mapping

from partnercheck.findings import VERBATIM, Text

CORE: dict[str, str] = {
    # DOC01: the file is not YAML, or not text
    "DOC01.invalid-yaml": "Invalid YAML: {detail}",
    "DOC01.bad-character": "Invalid YAML: the character U+{code} is not allowed in a YAML text (a control or non-character code)",
    "DOC01.long-number": "A number has more digits than partnercheck reads (4,300)",
    "DOC01.lone-surrogate-escape": "The text holds a lone surrogate escape (like \\ud800), which is not a character",
    "DOC01.unknown-alias": 'Alias "*{anchor}" refers to no anchor "&{anchor}" defined before it',
    "DOC01.merge-key": "A merge key (<<) must be followed by a mapping or a list of mappings",
    "DOC01.bom": "The file is encoded in {encoding} (byte order mark found); partnercheck reads UTF-8",
    "DOC01.utf16": "The file looks encoded in UTF-16 without a byte order mark; partnercheck reads UTF-8",
    "DOC01.binary": "Binary file, not text: it contains NUL bytes, so it cannot be a YAML charter",
    "DOC01.surrogate-bytes": "The file is not valid UTF-8: the bytes at offset {offset} encode a lone surrogate (U+{point}), which UTF-8 forbids",
    "DOC01.bad-byte": "The file is not valid UTF-8: byte 0x{byte} at offset {offset} cannot be decoded",
    "DOC01.bad-byte-latin1": "The file is not valid UTF-8: byte 0x{byte} at offset {offset} cannot be decoded (it looks like Latin-1 / Windows-1252 text)",
    "DOC01.unreadable": "Unreadable file",
    "DOC01.unclosed-list": "This list opened with `[` on line {line} is never closed",
    "DOC01.unclosed-mapping": "This group of keys opened with `{` on line {line} is never closed",
    "DOC01.unclosed-quote": "This text opened with `{quote}` on line {line} is never closed",
    "DOC01.quote-open-at-line-end": "This text opened with `{quote}` on line {line} is not closed on that line",
    "DOC01.quote-closed-early": "This text opened with `{quote}` on line {line} ends early, at the `{quote}` in column {column}: the rest of the line is left over",
    "DOC01.tab": "A tab is used on line {line}: YAML indents with spaces only",
    "DOC01.colon-in-value": "The value on line {line} holds a colon followed by a space, which YAML reads as the start of another key",
    "DOC01.indented-key": "The key on line {line} is indented more than the key above it, so YAML cannot tell where it belongs",
    "DOC01.hint-indented-key": "Indent the key exactly as the other keys of the same level (the same number of spaces).",
    "DOC01.hint-unclosed-list": "Close the list with `]` after its last item, on the same line, or write each item on a line of its own after `- `.",
    "DOC01.hint-unclosed-mapping": "Close it with `}` after its last value, on the same line, or write each key on a line of its own.",
    "DOC01.hint-apostrophe": "Inside '…', write an apostrophe as '' (two single quotes), or put the whole text between double quotes \"…\".",
    "DOC01.hint-resave": "Save the file as UTF-8 (without byte order mark is best) and run partnercheck again.",
    "DOC01.hint-tabs": "Indent with spaces, never tabs.",
    "DOC01.hint-quote": "Close the quote that is still open, or remove it.",
    "DOC01.hint-colon": 'Put text that contains ": " between double quotes: title: "<text: with a colon>".',
    "DOC01.hint-syntax": "Fix the YAML syntax at this place; a YAML-aware editor shows the structure.",
    "DOC01.hint-invisible": "Remove the invisible character at this place; it often comes from copying text out of another program.",
    "DOC01.hint-escape": "Remove the \\u escape, or write the character itself.",
    "DOC01.hint-number": "Shorten the number, or quote it to keep it as text.",
    # DOC02: a key written twice
    "DOC02.duplicate-key": 'Duplicate key "{key}": it was already defined in this mapping, so this value would be silently dropped',
    "DOC02.hint": "Remove one of the two entries or merge them.",
    # DOC03: not a charter of a supported version
    "DOC03.documents": "The file holds {count} YAML documents; a charter is exactly one document",
    "DOC03.empty": "Not a partnercheck charter: the document is empty",
    "DOC03.list": "Not a partnercheck charter: the document is a list, not a mapping",
    "DOC03.text": "Not a partnercheck charter: the document is a text, not a mapping",
    "DOC03.number": "Not a partnercheck charter: the document is a number, not a mapping",
    "DOC03.boolean": "Not a partnercheck charter: the document is a boolean, not a mapping",
    "DOC03.other-kind": "Not a partnercheck charter: the document is a {kind}, not a mapping",
    "DOC03.no-version": "Not a partnercheck charter: the top-level key `partnercheck:` (the format version) is missing",
    "DOC03.version-text": 'The format version is written as text "{version}": write {number} without quotes',
    "DOC03.version-unsupported": "Unsupported format version {version}: this partnercheck reads version {supported}",
    "DOC03.hint-documents": "Put each charter in a file of its own and remove the '---' separators.",
    # DOC04 to DOC07: what the reader refuses
    "DOC04.aliases": "Aliases expand to more than {limit} nodes (stopped at alias *{anchor})",
    "DOC04.alias-text": "Aliases expand to more than {limit} characters of text (stopped at alias *{anchor})",
    "DOC04.hint": "Write the repeated content out, or use fewer nested aliases.",
    "DOC05.tag": 'The tag "{tag}" is not supported: partnercheck never constructs tagged objects',
    "DOC05.hint": "Remove the tag; write the value as plain YAML.",
    "DOC06.depth": "The document nests deeper than {depth} levels",
    "DOC06.hint": "Flatten the structure: a charter needs only a few levels.",
    "DOC07.size": "The file is above the limit of {limit} bytes; it was not read",
    "DOC07.hint": "Split the charter, or raise the limit with --max-file-size if the file is genuine.",
    # a declarative rule's problem: the optional key it looks for is not written
    "rule.not-stated": "{field} does not state `{key}`",
    "rule.not-stated-in-charter": "the charter does not state `{key}`",
    # EVA01: where a monitoring or evaluation duty is written
    "rule.duty-review": "a partnership review",
    "rule.duty-objective": "objective `{id}`",
    "rule.duty-responsibility": "activity `{id}`",
    "rule.duty-body": "body `{id}`",
    # SCH01: the charter's shape
    "SCH01.required": '{field} is missing the required key "{key}"',
    "SCH02.skipped": "Rules not applied to {sections}, which the schema errors make unreadable: {codes}",
    "SCH01.enum": "{field} must be one of: {options}; {got}",
    "SCH01.enum-close": '{field} must be one of: {options}; {got} (did you mean "{close}"?)',
    "SCH01.date-type": "{field} must be a date written YYYY-MM-DD; {got}",
    "SCH01.date": "{field} must be a calendar date written YYYY-MM-DD; got {value}",
    "SCH01.min-one": "{field} must have at least one item",
    "SCH01.min-items": "{field} must have at least {count} items",
    "SCH01.minimum": "{field} must be at least {bound}; {got}",
    "SCH01.exclusive-minimum": "{field} must be more than {bound}; {got}",
    "SCH01.maximum": "{field} must be at most {bound}; {got}",
    "SCH01.exclusive-maximum": "{field} must be less than {bound}; {got}",
    "SCH01.kind": "{field} must be {kinds}; {got}",
    "SCH01.not-empty": "{field} must not be empty",
    "SCH01.slug": "{field}: {value} is not a valid id; use lowercase letters, digits, '.', '_' or '-', starting with a letter or digit",
    "SCH01.pattern": "{field}: {value} does not match the expected form {pattern}",
    "SCH01.other": "{field}: {detail}",
    "SCH01.unknown-key": 'Unknown key "{key}"',
    "SCH01.unknown-key-close": 'Unknown key "{key}" (did you mean "{close}"?)',
    "SCH01.hint-move": "Move it under `{parent}:` as `{child}:`, or prefix it with `x-` if it is your own extension.",
    "SCH01.hint-choose": "Write `{close}`, or another of the values listed.",
    "SCH01.hint-rename": "Rename it to `{close}`, or prefix it with `x-` if it is your own extension.",
    "SCH01.cut-at-comma": 'The text of "{key}" was cut at its comma: in a one-line mapping `{…}` a comma ends a value, so "{rest}" was read as a key of its own',
    "SCH01.hint-quote-comma": "Put the whole text of `{key}` between double quotes, so that its comma stays in it:\n  {key}: \"<start of the text>, <rest of the text>\"",
    "SCH01.hint-allowed": "Allowed keys here: {keys}; or prefix your own keys with `x-`.",
    "SCH01.the-document": "The document",
    "SCH01.got-empty": "it is empty",
    "SCH01.got-mapping": "got a mapping",
    "SCH01.got-list": "got a list",
    "SCH01.got-text": "got text {value}",
    "SCH01.got-number": "got a number {value}",
    "SCH01.got-boolean": "got true/false {value}",
    "SCH01.got": "got {value}",
    "SCH01.or": "{one} or {other}",
    "SCH01.a-mapping": "a mapping",
    "SCH01.a-list": "a list",
    "SCH01.text": "text",
    "SCH01.a-whole-number": "a whole number",
    "SCH01.a-number": "a number",
    "SCH01.true-or-false": "true or false",
    "SCH01.empty": "empty",
    "SCH01.partner-ids": "a list of partner ids",
    # REF01, REF02: references between ids
    "REF01.partner": 'Unknown partner "{id}"',
    "REF01.partner-close": 'Unknown partner "{id}" (did you mean "{close}"?)',
    "REF01.body": 'Unknown governance body "{id}"',
    "REF01.body-close": 'Unknown governance body "{id}" (did you mean "{close}"?)',
    "REF01.objective": 'Unknown objective "{id}"',
    "REF01.objective-close": 'Unknown objective "{id}" (did you mean "{close}"?)',
    "REF01.measure": 'Unknown measure "{id}"',
    "REF01.measure-close": 'Unknown measure "{id}" (did you mean "{close}"?)',
    "REF01.hint-partner": "Use the id of a partner defined in this charter: {ids}",
    "REF01.hint-partner-none": "Use the id of a partner defined in this charter; none is defined yet",
    "REF01.hint-body": "Use the id of a governance body defined in this charter: {ids}",
    "REF01.hint-body-none": "Use the id of a governance body defined in this charter; none is defined yet",
    "REF01.hint-objective": "Use the id of an objective defined in this charter: {ids}",
    "REF01.hint-objective-none": "Use the id of an objective defined in this charter; none is defined yet",
    "REF01.hint-measure": "Use the id of a measure defined in this charter: {ids}",
    "REF01.hint-measure-none": "Use the id of a measure defined in this charter; none is defined yet",
    "REF02.partner": 'Partner id "{id}" is already used by the partner at line {line}',
    "REF02.body": 'Governance body id "{id}" is already used by the governance body at line {line}',
    "REF02.objective": 'Objective id "{id}" is already used by the objective at line {line}',
    "REF02.measure": 'Measure id "{id}" is already used by the measure at line {line}',
    "REF02.beneficiary": 'Beneficiary group id "{id}" is already used by the beneficiary group at line {line}',
    "REF02.responsibility": 'RACI entry id "{id}" is already used by the RACI entry at line {line}',
    "REF02.partner-at": 'Partner id "{id}" is already used by {first}',
    "REF02.body-at": 'Governance body id "{id}" is already used by {first}',
    "REF02.objective-at": 'Objective id "{id}" is already used by {first}',
    "REF02.measure-at": 'Measure id "{id}" is already used by {first}',
    "REF02.beneficiary-at": 'Beneficiary group id "{id}" is already used by {first}',
    "REF02.responsibility-at": 'RACI entry id "{id}" is already used by {first}',
    "REF02.hint-partner": "Give each partner its own id.",
    "REF02.hint-body": "Give each governance body its own id.",
    "REF02.hint-objective": "Give each objective its own id.",
    "REF02.hint-measure": "Give each measure its own id.",
    "REF02.hint-beneficiary": "Give each beneficiary group its own id.",
    "REF02.hint-responsibility": "Give each RACI entry its own id.",
    # SUP01 to SUP03: suppressions and waivers
    "SUP02.not-directive": '"{word}" is not a partnercheck directive (use {directives}); this comment suppresses nothing',
    "SUP02.no-rule": "This {directive} comment names no rule, so it suppresses nothing; write {directive}=CODE -- reason",
    "SUP01.no-reason": "This {directive} comment gives no reason; write the reason after two dashes: -- why the partners accept it",
    "SUP02.unknown-rule": '{directive} names "{rule}", which is no known rule code or name; it suppresses nothing',
    "SUP02.unused": "{directive}={rule} suppresses nothing: {rule} reports no finding {where}",
    "SUP02.on-this-line": "on this line",
    "SUP02.on-line": "on line {line}",
    "SUP02.in-this-file": "in this file",
    "SUP03.expired": "{waiver} expired on {date}; the findings it covered are reported again",
    "SUP02.waiver-unknown-rule": '{waiver} names "{rule}", which is no known rule code or name; it waives nothing',
    "SUP02.waiver-unused": "{waiver} waives nothing: {rule} reports no finding there",
    "SUP.waiver-at": "The waiver for {rule} at {at}",
    "SUP.waiver": "The waiver for {rule}",
    # INT01, INT02: a rule that failed
    "INT01.crash": "Rule {code} ({name}) from plugin {plugin} failed: {crash}",
    "INT02.timeout": "Rule {code} ({name}) from plugin {plugin} ran past its time budget of {seconds} s and was stopped",
    "DOC10.count": "This file has more than {limit} findings; only the first {limit} found are reported",
    "INT01.stage": "partnercheck failed while checking this file ({stage}): {crash}; the file's other findings are missing",
    "INT02.tripped": "Rule {code} ({name}) from plugin {plugin} ran past its time budget of {seconds} s and was stopped; it was turned off for the rest of the run and did not check {count} other file(s): {files}",
    "INT03.timeout": "Checking this file took longer than its budget of {seconds} s; it was stopped and its findings are missing",
    "INT03.hint": "Raise the budget with --file-timeout (or `file-timeout` in the configuration) if the charter is huge; otherwise report it with the file.",
    "INT01.hint": "Report this to the plugin's authors; run with --debug for the traceback.",
    "INT02.hint": "Report this to the plugin's authors; raise the budget with --rule-timeout if the charter is huge.",
    # Hints and words the built-in rules give
    "MEM01.hint-mandate": "Add the act that mandates this representative:\n  mandate_ref: <the act that mandates them, with its date>",
    "MEM01.hint-name-mandate": "Name the representative and the act that mandates them:\n  name: <name of the representative>\n  mandate_ref: <the act that mandates them, with its date>",
    "MEM02.kind-any": "{types} or {last}",
    "MEM02.kind-inactive": "{types} (its only partner, `{partner}`, has status `{status}`)",
    "MEM02.hint-several": "Invite an actor of each missing kind to join as an active partner (an observer does not count), one entry per kind:\n  partners:\n    - id: <partner id>\n      name: <name of the organisation>\n      type: {type}",
    "MEM.hint-profile-exact": "Use the registered profile's exact name:\n  charter:\n    profile: {profile}",
    "MEM.hint-profile-known": "Use one of the registered profiles ({known}), or remove `charter.profile`.",
    "ACC.objective": "Objective",
    "ACC.raci-entry": "RACI entry",
    # What the run could not read (standard error)
    "run.no-such-file": "{path}: no such file or directory",
    "run.not-regular": "{path}: not a regular file (a pipe, socket or device); give a charter file",
    "run.no-charter": "no charter found under {path} (a charter is a .yaml or .yml file with a top-level `partnercheck:` key)",
    # Usage and configuration errors (standard error)
    "usage.selector-close": '{flag}: "{selector}" is no rule code, code prefix, rule name or pack (did you mean "{close}"?)',
    "usage.selector": '{flag}: "{selector}" is no rule code, code prefix, rule name or pack; `partnercheck rules` lists them',
    "config.unknown-key-close": '{file}: {key}: unknown key (did you mean "{close}"?)',
    "config.unknown-key": "{file}: {key}: unknown key; keys allowed here: {keys}",
    "config.enum": "{file}: {key}: must be one of: {options}; {got}",
    "usage.no-rule": "no rule {rule}; `partnercheck rules` lists them",
    "usage.no-rule-close": "no rule {rule} (did you mean {close}?)",
    "usage.pack-not-rule": "{rule} is a pack, not a rule: `partnercheck rules --pack {pack}` lists its rules",
    "usage.unknown-pack": "unknown pack {packs}; packs: {known}",
    "usage.report-format": "-o {path}: a report is written as HTML or PDF; name the file with .html or .pdf (or - for HTML on standard output)",
    "usage.base-and-baseline": "--base and --baseline both decide which findings are new; give one of them",
    "usage.stdin-filename": "--stdin-filename names standard input, which is read only when - is among the paths",
    "usage.report-overwrites": "-o {path} would overwrite the charter the report is about; write the report to another file",
    "usage.diff-sides": "diff takes two versions, OLD NEW (files or REV:PATH), or --base REF [PATHS]",
    "usage.history-no-file": "{path}: no such file; give a charter file in a git repository",
    "usage.env-lang": "{variable}={lang}: choose {choices}",
    "usage.invalid-date": "invalid date {value}: use YYYY-MM-DD",
    "usage.invalid-severity": "invalid severity {value}: choose error, warning or info",
    "usage.invalid-size": "invalid size {value}: give bytes or a size such as 20MB, 500KB, 1MiB",
    "usage.invalid-seconds": "invalid number of seconds {value}: give a number from 0 to {most}, such as 10 or 2.5 (0: no budget)",
    "usage.invalid-jobs": "invalid number of jobs {value}: give a whole number, 1 or more",
    "usage.invalid-count": "invalid count {value}: give a whole number, 0 or more",
    "usage.invalid-score": "invalid score {value}: give a number from 0 to 100",
    "run.cache-unused": "the results cache is not used: {reason}",
    "usage.no-baseline": "--baseline {path}: no such file; create it with: partnercheck baseline PATH -o {path}",
    "usage.cannot-read": "{path}: cannot read: {reason}",
    "usage.no-side": "{spec}: no such file; give a charter file or REV:PATH (a git revision and a path, such as main:charters/x.yaml)",
    # why a finding is hidden, after "suppressed by baseline: " (JUnit) or "baseline — " (Markdown, HTML)
    "suppression.baseline": "accepted in the baseline {file}",
    "suppression.already-at": "already at {ref} ({commit})",
    # git, for --base, --since, `diff REV:PATH` and the report's history (standard error)
    "usage.git-not-a-repository": "{path} is not inside a git repository",
    "usage.git-shallow": "{flag} {ref}: this is a shallow clone and {ref} is not in it; fetch the history first (actions/checkout with `fetch-depth: 0`, or `git fetch --unshallow`)",
    "usage.git-no-revision": "{flag} {ref}: no such revision in {root} (a branch, tag or commit; fetch it first if it lives on a remote)",
    "usage.git-not-installed": "git is not installed (or not on PATH); comparing with a revision needs it",
    "usage.git-timeout": "git {command} took longer than {seconds} s and was stopped",
    "usage.git-cannot-run": "cannot run git: {reason}",
    "usage.git-failed": "git {command} failed: {said}",
    "usage.git-outside": "{spec}: {path} is outside the repository {root}",
    "usage.git-outside-path": "{path}: outside the repository {root}",
    "usage.git-missing-at": "{spec}: {path} does not exist at {rev}",
    "usage.git-no-history": "{path}: git has no history for it (is it committed?)",
    # the last line of a run stopped before its end (standard error, exit 2)
    "run.internal-error": "internal error: {kind}: {detail} (run with --debug for the traceback)",
    "run.out-of-memory": "out of memory (MemoryError): the run was stopped and its findings are not reported; check the size of the inputs (docs/security.md lists the limits) or give partnercheck more memory",
    "run.interrupted": "interrupted",
}


_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
#: ` ({name})`: an aside in brackets, dropped with its brackets when the parameter is empty.
ASIDE = re.compile(r" \(\{([A-Za-z_][A-Za-z0-9_]*)\}\)")


def fill(template: str, params: Mapping[str, str]) -> str:
    """Fill `{name}` parameters from `params` (already text); other braces (YAML snippets) are left alone.

    An empty parameter in brackets (`Partner `a` ({name})` for a partner with
    no name) leaves no empty brackets behind.
    """
    template = ASIDE.sub(lambda m: "" if params.get(m.group(1), None) == "" else m.group(0), template)
    return _PLACEHOLDER.sub(lambda m: params[m.group(1)] if m.group(1) in params else m.group(0), template)


def placeholders(template: str) -> set[str]:
    """The `{name}` parameters a template uses."""
    return set(_PLACEHOLDER.findall(template))


def english(text: Text) -> str:
    """A core message (or `verbatim` text) in English, its phrases too; an unknown id is shown as itself."""
    template = "{text}" if text.id == VERBATIM else CORE.get(text.id, text.id)
    return fill(template, {k: param_text(v, english) for k, v in text.params.items()})


def param_text(value: Any, render: Callable[[Text], str]) -> str:
    """A parameter as text: a phrase rendered by `render`, a list joined with commas, anything else as written."""
    if isinstance(value, Text):
        return render(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(param_text(v, render) for v in value)
    return str(value)


class Said(str):
    """A message's English that keeps its id and parameters, for what stays a string (a run's errors,
    a usage error): `report.i18n.Translator.error` renders `text` again in the reader's language."""

    text: Text

    def __new__(cls, text: Text) -> Said:
        made = super().__new__(cls, english(text))
        made.text = text
        return made

    def __reduce__(self) -> tuple[Any, ...]:  # across worker processes: made again from its id
        return (Said, (self.text,))


def said(id: str, **params: Any) -> Said:
    """The core message `id` with `params`, as English text that can be rendered again in another language."""
    return Said(Text(id, params))
