"""The engine: a charter's bytes in, stamped and positioned findings out. It never prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from partnercheck.checks.references import check_references
from partnercheck.checks.schema import charter_check
from partnercheck.config.settings import Settings
from partnercheck.document.load import Document, load_document
from partnercheck.document.positions import code_width
from partnercheck.findings import START, BareFinding, Finding, Problem, Severity, Span, Text, verbatim
from partnercheck.plugins.registry import Registry
from partnercheck.pointers import ancestors, is_within, resolve
from partnercheck.printable import visible, visible_value
from partnercheck.report.messages import english
from partnercheck.rules.context import Charter, RepositoryContext, RuleContext
from partnercheck.rules.model import EngineCheck, Function, Rule
from partnercheck.rules.runner import Outcome, run_rule


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    document: Document | None = None
    debug: list[str] = field(default_factory=list)

    @property
    def data(self) -> Any:
        return self.document.data if self.document is not None and self.document.is_charter else None

    @property
    def stated_language(self) -> str | None:
        """The charter's `charter.language` as written (None when it states none), without loading cached data."""
        return self.document.stated_language() if self.document is not None else None

    @property
    def readable(self) -> bool:
        """True when the file is a charter whose data the rules read (`data is not None`, without loading cached data)."""
        return self.document is not None and self.document.is_charter


@dataclass
class RunResult:
    files: list[FileResult]
    rules: list[Rule]
    settings: Settings
    errors: list[str] = field(default_factory=list)
    #: The results cache this run used (run/cache.py), where values derived from it, such as the score, are kept.
    cache: Any = field(default=None, compare=False, repr=False)

    @property
    def findings(self) -> list[Finding]:
        return [f for file in self.files for f in file.findings]

    @property
    def active(self) -> list[Finding]:
        return [f for f in self.findings if not f.suppressed]

    def has_internal_error(self) -> bool:
        return bool(self.errors) or any(f.code.startswith("INT") for f in self.active)

    def failing(self) -> list[Finding]:
        """The findings that fail the run (gates.py: fail-on, max-warnings)."""
        from partnercheck.run.gates import failing

        return failing(self)


class Engine:
    """Lints charters with the rules of a registry under one set of settings."""

    def __init__(self, registry: Registry, settings: Settings) -> None:
        self.registry = registry
        self.settings = settings
        self.rules = [r for r in registry.rules.values() if settings.enabled(r)]
        self.rules.sort(key=lambda r: r.code)
        extensions = tuple(sorted((k, _json(v[0])) for k, v in registry.schema_extensions.items()))
        self.schema = charter_check(extensions)  # compiled once per process; jsonschema only for invalid charters
        self.profiles = {**registry.profiles, **settings.profiles}  # configuration may add or replace profiles

    # one file --------------------------------------------------------------
    def lint_bytes(self, path: str, raw: bytes) -> FileResult:
        doc = load_document(path, raw, self.settings.limits)
        result = FileResult(path, document=doc)
        problems = list(doc.problems)
        if doc.is_charter:
            problems += self.schema.problems(doc.data)
            problems += check_references(doc.data, doc.index)
        result.findings = [f for f in (self._from_problem(p, doc) for p in problems) if f is not None]
        if doc.is_charter:
            checked = len(result.findings)
            self._run_rules(result, doc, shape_ok=not any(p.code == "SCH01" for p in problems))
            misshapen = [p.pointer for p in problems if p.code == "SCH01" and not p.on_key and p.message.id != "SCH01.required"]
            if misshapen:  # a rule reading a value of the wrong kind says nothing the schema finding does not
                result.findings[checked:] = [f for f in result.findings[checked:] if not self._misread(f, misshapen)]
        result.findings.sort(key=Finding.sort_key)
        return result

    def _misread(self, finding: Finding, misshapen: list[str]) -> bool:
        """A finding on a value of the wrong kind, or one about a whole section whose input the rule read wrongly shaped."""
        rule = self.registry.rules.get(finding.code)
        reads = rule.reads if rule is not None else ()
        return any(
            is_within(finding.pointer, bad) or (is_within(bad, finding.pointer) and any(_overlaps(read, bad) for read in reads))
            for bad in misshapen
        )

    def _run_rules(self, result: FileResult, doc: Document, shape_ok: bool) -> None:
        charter = Charter(doc.data, doc.path)
        for rule in self.rules:
            if isinstance(rule.check, EngineCheck) or (isinstance(rule.check, Function) and rule.check.scope == "repository"):
                continue
            ctx = RuleContext(charter, self.settings.options_of(rule), self.settings.today, self.profiles)
            outcome = run_rule(rule, ctx, self.registry, self.settings.rule_timeout)
            self._collect(result, doc, rule, outcome, shape_ok)

    def _collect(self, result: FileResult, doc: Document, rule: Rule, outcome: Outcome, shape_ok: bool) -> None:
        if outcome.crash is not None:
            if shape_ok or outcome.timed_out:  # on a malformed charter, the schema findings already explain a crash
                self._crashed(result, doc, rule, outcome)
            elif outcome.traceback:
                result.debug.append(f"{rule.code} skipped on malformed data:\n{outcome.traceback}")
            return
        result.findings.extend(self.stamp(rule, bare, doc) for bare in outcome.findings)

    def _crashed(self, result: FileResult, doc: Document, rule: Rule, outcome: Outcome) -> None:
        who = {"code": rule.code, "name": rule.name, "plugin": repr(rule.plugin)}
        problem = Problem("INT01", Text("INT01.crash", {**who, "crash": str(outcome.crash)}), "", None, Text("INT01.hint"))
        if outcome.timed_out:
            problem = Problem("INT02", Text("INT02.timeout", {**who, "seconds": f"{outcome.timed_out:g}"}), "", None, Text("INT02.hint"))
        finding = self._from_problem(problem, doc)
        if finding is not None:
            result.findings.append(finding)
        if outcome.traceback:
            result.debug.append(outcome.traceback)

    # stamping ----------------------------------------------------------------
    def stamp(self, rule: Rule, bare: BareFinding, doc: Document) -> Finding:
        """Turn a rule's bare finding into a full finding: code, severity, message, position, plugin."""
        params = {key: visible_value(value) for key, value in bare.params.items()}  # charter text, printed safely
        text = Text(f"{rule.code}:{bare.message}", params)
        hint = _hint_text(bare.hint, rule, params)
        finding = Finding(
            code=rule.code,
            name=rule.name,
            severity=self.settings.severity_of(rule),
            message=rule.render(bare.message, params),
            path=doc.path,
            pointer=bare.pointer,
            hint=_english_hint(hint, rule, params),
            plugin=rule.plugin,
            pack=rule.pack,
            text=text,
            hint_text=hint,
        )
        return finding.place(_span_of(doc, bare.pointer))

    def _from_problem(self, problem: Problem, doc: Document) -> Finding | None:
        rule = self.registry.rules.get(problem.code)
        if rule is not None and not self.settings.enabled(rule):
            return None
        span = problem.span or (doc.index.locate_key(problem.pointer) if problem.on_key else _span_of(doc, problem.pointer))
        severity = self.settings.severity_of(rule) if rule else Severity.ERROR
        hint = problem.hint or (Text(f"{rule.code}:hint") if rule and rule.hint else None)
        return Finding(
            code=problem.code,
            name=rule.name if rule else problem.code.lower(),
            severity=severity,
            message=visible(english(problem.message)),
            path=doc.path,
            pointer=problem.pointer,
            hint=_english_hint(hint, rule, {}),
            plugin="core",
            pack=rule.pack if rule else "core",
            text=problem.message,
            hint_text=hint,
        ).place(span)

    # many files ----------------------------------------------------------------
    def run_repository_rules(self, results: list[FileResult]) -> None:
        """Rules that need every charter of the run at once (SCA03)."""
        charters = [Charter(r.data, r.path) for r in results if r.data is not None]
        by_path = {r.path: r for r in results}
        for rule in self.rules:
            if not (isinstance(rule.check, Function) and rule.check.scope == "repository"):
                continue
            ctx = RepositoryContext(charters, self.settings.options_of(rule), self.settings.today)
            outcome = run_rule(rule, ctx, self.registry, self.settings.rule_timeout)  # type: ignore[arg-type]
            self._collect_repository(by_path, rule, outcome)
        for result in results:
            result.findings.sort(key=Finding.sort_key)

    def _collect_repository(self, by_path: dict[str, FileResult], rule: Rule, outcome: Outcome) -> None:
        for bare in outcome.findings:
            result = by_path.get(bare.path or "")
            if result is not None and result.document is not None:
                result.findings.append(self.stamp(rule, bare, result.document))
        if outcome.crash is not None:
            for result in by_path.values():
                if result.document is not None and result.data is not None:
                    self._crashed(result, result.document, rule, outcome)
                    break

    # suppressions ----------------------------------------------------------------
    def finish(self, result: FileResult) -> None:
        """Apply the file's suppression comments and waivers, once every rule (repository ones too) has run."""
        from partnercheck.run.suppressions import apply

        doc = result.document
        if doc is None or not doc.text:
            return
        data = doc.data if doc.is_charter else None
        problems = apply(result.findings, doc.text, data, self.settings.today, self.rule_state)
        result.findings.extend(f for f in (self._from_problem(p, doc) for p in problems) if f is not None)
        result.findings.sort(key=Finding.sort_key)

    def rule_state(self, selector: str) -> bool | None:
        """Whether the rule a code or name designates runs (True), is deselected (False) or is unknown (None)."""
        rule = self.registry.find(selector)
        return None if rule is None else self.settings.enabled(rule)


def _hint_text(given: str | Text | None, rule: Rule, params: dict[str, Any]) -> Text | None:
    """A rule finding's hint: the one the rule gave (a plugin's own words are kept as written), else the rule's."""
    if isinstance(given, Text):
        return Text(given.id, {key: visible_value(value) for key, value in given.params.items()})
    if given is not None:
        return verbatim(given) if given else None
    return Text(f"{rule.code}:hint", params) if rule.hint else None


def _english_hint(hint: Text | None, rule: Rule | None, params: dict[str, Any]) -> str | None:
    if hint is None:
        return None
    if rule is not None and hint.id == f"{rule.code}:hint":
        return rule.render_hint(params) or None
    return visible(english(hint)) or None


def _json(value: Any) -> str:
    import json

    return json.dumps(value, sort_keys=True)


def _span_of(doc: Document, pointer: str) -> Span:
    """Where a finding at `pointer` is shown: the node's span, or for a mapping or list
    spread over several lines (what lacks something) the key naming it, else its first line."""
    for candidate in ancestors(pointer):
        span = doc.index.values.get(candidate)
        if span is not None:
            break
    else:
        return START
    if span.end_line == span.line or not isinstance(resolve(doc.data, candidate), (dict, list)):
        return span
    key = doc.index.keys.get(candidate)
    if key is not None:
        return key
    width = code_width(doc.line_text(span.line)) or span.column  # the line without its trailing comment
    return Span(span.line, span.column, span.line, max(width, span.column))


def _overlaps(pattern: str, pointer: str) -> bool:
    """True when a `reads` pattern (`*` = any list item) reaches at or below `pointer`."""
    want, have = pattern.split("/"), pointer.split("/")
    return len(want) >= len(have) and all(w in ("*", h) for w, h in zip(want, have))
