"""The engine: a charter's bytes in, stamped and positioned findings out. It never prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Protocol, Sequence

from partnercheck.checks.cascade import misshapen, missing, renamed_to, spelt_right, unreadable, without_echoes, without_superseded
from partnercheck.checks.references import check_references
from partnercheck.checks.comma_cut import cut_at_comma
from partnercheck.checks.schema import charter_check
from partnercheck.config.settings import Settings
from partnercheck.document.load import Document, load_document, text_of
from partnercheck.document.positions import code_width
from partnercheck.findings import START, VERBATIM, BareFinding, Finding, Problem, Severity, Span, Text, is_internal, verbatim
from partnercheck.plugins.registry import Registry
from partnercheck.pointers import is_within, parent, resolve
from partnercheck.printable import visible, visible_value
from partnercheck.records import Record
from partnercheck.report.messages import english
from partnercheck.rules.budget import FileTimeout, time_budget
from partnercheck.rules.context import Charter, RepositoryContext, RuleContext
from partnercheck.rules.model import EngineCheck, Function, Rule
from partnercheck.rules.readonly import ReadOnlyDict, ReadOnlyList, freeze
from partnercheck.rules.runner import Outcome, run_rule
from partnercheck.run.breaker import Breaker


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    document: Document | None = None
    debug: list[str] = field(default_factory=list)
    #: The names (id, name) of the items its findings are about (`run/grouping.item_labels`), when served from the run cache: no data read to group.
    labels: dict[str, dict[str, str]] | None = None
    #: The charter's data as its rules read it, frozen (rules/readonly.py): the repository rules read it again, unfrozen twice.
    frozen: Any = field(default=None, repr=False, compare=False)
    #: The rules about change already run where the file was checked (a worker: `Engine.changes_ahead`), by code:
    #: those that found something or crashed (None: none ran there).
    changes: Mapping[str, Changed] | None = field(default=None, repr=False, compare=False)
    #: What the score reads of the charter's data, worked out by the worker that checked the file (report/rate.py's
    #: `Written`; None: the score reads the data itself).
    written: Any = field(default=None, repr=False, compare=False)

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


class Changed(Record):
    """A rule about change run ahead, in the worker that checked the file: its outcome, its findings already stamped."""

    __slots__ = ("outcome", "findings")

    outcome: Outcome
    findings: list[Finding]

    def __init__(self, outcome: Outcome, findings: list[Finding]) -> None:
        self.outcome = outcome
        self.findings = findings


@dataclass
class RunResult:
    files: list[FileResult]
    rules: list[Rule]
    settings: Settings
    errors: list[str] = field(default_factory=list)
    #: The results cache this run used (run/cache.py), where values derived from it, such as the score, are kept.
    cache: Any = field(default=None, compare=False, repr=False)
    #: The revision a `check --base REF` run checked the charters changed since (None: every charter found).
    since: str | None = None

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


class Reader(Protocol):
    """How an engine reads a file and checks its shape, when not from scratch (the language server's `server/reading.py`)."""

    def load(self, path: str, raw: bytes, limits: Any) -> Document: ...

    def shape(self, schema: Any, doc: Document) -> list[Problem]: ...

    def neighbours(self, paths: list[str]) -> list[Charter]:
        """Other charters the repository rules read with these files' (the workspace's, as `check` on its folder)."""
        ...


class Engine:
    """Lints charters with the rules of a registry under one set of settings."""

    def __init__(self, registry: Registry, settings: Settings, reader: Reader | None = None) -> None:
        self.registry = registry
        self.reader = reader
        self.settings = settings
        self.rules = [r for r in registry.rules.values() if settings.enabled(r)]
        self.rules.sort(key=lambda r: r.code)
        extensions = tuple(sorted((k, _json(v[0])) for k, v in registry.schema_extensions.items()))
        self.schema = charter_check(extensions)  # compiled once per process; jsonschema only for invalid charters
        self.profiles = ReadOnlyDict({**registry.profiles, **settings.profiles})  # configuration may add or replace profiles; no rule may
        #: Rules stopped by their budget in this run (shared by the run's engines: run/lint.py).
        self.breaker = Breaker()
        self._frozen_options: dict[str, Any] = {}

    def _options(self, rule: Rule) -> Any:
        """The rule's options under these settings, frozen once for every file (read-only: no rule can change them for the next)."""
        if rule.code not in self._frozen_options:
            self._frozen_options[rule.code] = freeze(self.settings.options_of(rule))
        return self._frozen_options[rule.code]

    def needs_worker(self) -> bool:
        """True when a rule this engine runs is a plugin's Python code, which only a killable worker can stop for sure (budget.py)."""
        return bool(self.settings.rule_timeout or self.settings.file_timeout) and any(
            isinstance(r.check, Function) and r.check.scope != "repository" and r.plugin != "core" for r in self.rules
        )

    # one file --------------------------------------------------------------
    def lint_bytes(self, path: str, raw: bytes) -> FileResult:
        """The file's own findings. Whatever happens inside, one file never ends the run: past the file's
        budget it gets INT03, an unexpected error in a stage INT01 naming the stage (a MemoryError goes up: exit 2)."""
        stage = ["reading"]
        try:
            with time_budget(self.settings.file_timeout, FileTimeout):
                return self._lint_bytes(path, raw, stage)
        except FileTimeout as stop:
            return self.stopped_file(path, raw, stop.seconds)
        except MemoryError:
            raise
        except Exception as exc:  # a bug of partnercheck's on this file: named, and the other files still checked
            return self.crashed_file(path, raw, stage[0], exc)

    def _lint_bytes(self, path: str, raw: bytes, stage: list[str]) -> FileResult:
        doc = self.reader.load(path, raw, self.settings.limits) if self.reader else load_document(path, raw, self.settings.limits)
        result = FileResult(path, document=doc)
        problems = list(doc.problems)
        unread: list[str] = []
        shape: list[Problem] = []
        references: list[Problem] = []
        if doc.is_charter:
            stage[0] = "schema"
            shape = self.reader.shape(self.schema, doc) if self.reader else self.schema.problems(doc.data)
            shape = cut_at_comma(shape, doc)  # `{key: text, with a comma}`: a text cut at its comma, not an unknown key
            unread = unreadable(shape)  # cause first: what is missing or misshapen is not read by references and rules
            stage[0] = "references"
            references = check_references(doc.data, doc.index, unread)
            problems += without_echoes(shape, references) + references
        result.findings = [f for f in (self._from_problem(p, doc) for p in problems[: MAX_FINDINGS_PER_FILE + 1]) if f is not None]
        if doc.is_charter:
            stage[0] = "rules"
            checked = len(result.findings)
            view = spelt_right(doc.data, references)  # a misspelt reference's consequences are its REF01's (cascade.py)
            self._run_rules(result, doc, shape_ok=not any(p.code == "SCH01" for p in problems), view=view)
            if unread:  # a rule reading a value of the wrong kind, or a missing section, says nothing the schema finding does not
                judged = result.findings[checked:]
                result.findings[checked:] = [f for f in judged if not self._misread(f, unread)]
                self._name_the_unapplied(result, doc, shape, unread, judged)
        result.findings.sort(key=Finding.sort_key)
        return result

    def cap(self, result: FileResult) -> None:
        """At most `MAX_FINDINGS_PER_FILE` findings per file (the first found, shown in file order), then DOC10.

        The checks stop stamping findings once a file has one more than the cap,
        so a file of thousands of findings costs little more than the cap.
        """
        if len(result.findings) <= MAX_FINDINGS_PER_FILE or result.document is None:
            return
        del result.findings[MAX_FINDINGS_PER_FILE:]
        problem = Problem("DOC10", Text("DOC10.count", {"limit": f"{MAX_FINDINGS_PER_FILE:,}"}), "", START)
        finding = self._from_problem(problem, result.document, always=True)
        if finding is not None:
            result.findings.append(finding)
            result.findings.sort(key=Finding.sort_key)

    def stopped_file(self, path: str, raw: bytes, seconds: float) -> FileResult:
        """The result of a file whose work ran past its budget: one INT03 finding."""
        problem = Problem("INT03", Text("INT03.timeout", {"seconds": f"{seconds:g}"}), "", None, Text("INT03.hint"))
        return self._stand_in(path, raw, problem)

    def crashed_file(self, path: str, raw: bytes, stage: str, exc: BaseException | str) -> FileResult:
        """The result of a file whose check failed in `stage`: one INT01 finding naming the stage and the error."""
        import traceback

        crash = exc if isinstance(exc, str) else f"{type(exc).__name__}: {exc}"
        problem = Problem("INT01", Text("INT01.stage", {"stage": stage, "crash": crash}), "", None, Text("INT01.hint"))
        result = self._stand_in(path, raw, problem)
        if not isinstance(exc, str):
            result.debug.append(f"{path}: {stage} failed:\n{''.join(traceback.format_exception(exc))}")
        return result

    def _stand_in(self, path: str, raw: bytes, problem: Problem) -> FileResult:
        doc = Document(path, text=text_of(raw, self.settings.limits))
        finding = self._from_problem(problem, doc, always=True)
        return FileResult(path, findings=[finding] if finding is not None else [], document=doc)

    def _name_the_unapplied(self, result: FileResult, doc: Document, shape: list[Problem], unread: list[str], judged: list[Finding]) -> None:
        """One SCH02 (info) naming the rules whose findings were left out for reading an unreadable section, told
        after the schema error that makes the first such section unreadable: not silence."""
        kept = {id(f) for f in result.findings}
        dropped = [f for f in judged if id(f) not in kept]
        if not dropped:
            return
        sections = [bad for bad in unread if any(self._misread(f, [bad]) for f in dropped)] or unread
        causes = [(p.code, p.pointer) for p in shape if sections[0] in (renamed_to(p), missing(p), misshapen(p))]
        told = next((f for f in result.findings if (f.code, f.pointer) in causes), None)  # the cause reported (not its echo)
        span = Span(told.line, told.column, told.end_line, told.end_column) if told is not None else None
        params = {"sections": ", ".join(f"`{pointer}`" for pointer in sections), "codes": ", ".join(sorted({f.code for f in dropped}))}
        finding = self._from_problem(Problem("SCH02", Text("SCH02.skipped", params), told.pointer if told is not None else sections[0], span), doc)
        if finding is not None:
            result.findings.append(finding)

    def _misread(self, finding: Finding, misshapen: list[str]) -> bool:
        """A finding on a value of the wrong kind, or one about a whole section whose input the rule read wrongly shaped."""
        rule = self.registry.rules.get(finding.code)
        reads = rule.reads if rule is not None else ()
        return any(
            is_within(finding.pointer, bad) or (is_within(bad, finding.pointer) and any(_overlaps(read, bad) for read in reads))
            for bad in misshapen
        )

    def _run_rules(self, result: FileResult, doc: Document, shape_ok: bool, view: Any) -> None:
        """The charter's rules, reading `view`: the data with misspelt references spelt right (`spelt_right`), the data itself when none is."""
        charter = Charter(freeze(view), doc.path)  # frozen once: a rule that changes it crashes alone (readonly.py)
        result.frozen = charter.data if view is doc.data else freeze(doc.data)  # the charter as written, for the run-wide rules
        for rule in self.rules:
            if isinstance(rule.check, EngineCheck) or (isinstance(rule.check, Function) and rule.check.scope != "charter"):
                continue
            if not self.breaker.allows(rule.code):  # stopped by its budget on another file of this run
                self.breaker.skip(rule.code, doc.path)
                continue
            ctx = RuleContext(charter, self._options(rule), self.settings.today, self.profiles)
            self.breaker.running(rule.code)
            outcome = run_rule(rule, ctx, self.registry, self.settings.rule_timeout)
            self.breaker.running(None)
            if outcome.timed_out:
                self.breaker.trip(rule.code, doc.path, outcome.timed_out)
            self._collect(result, doc, rule, outcome, shape_ok)

    def _collect(self, result: FileResult, doc: Document, rule: Rule, outcome: Outcome, shape_ok: bool, stamped: list[Finding] | None = None) -> None:
        """Add a rule's findings to the file's (`stamped`: already stamped, in a worker), or say why it has none."""
        if outcome.crash is not None:
            if shape_ok or outcome.timed_out:  # on a malformed charter, the schema findings already explain a crash
                self._crashed(result, doc, rule, outcome)
            elif outcome.traceback:
                result.debug.append(f"{rule.code} skipped on malformed data:\n{outcome.traceback}")
            return
        room = max(0, MAX_FINDINGS_PER_FILE + 1 - len(result.findings))  # past the cap, stamping them is wasted work
        if stamped is not None:
            result.findings.extend(stamped[:room])
            return
        result.findings.extend(self.stamp(rule, bare, doc) for bare in outcome.findings[:room])

    def _crashed(self, result: FileResult, doc: Document, rule: Rule, outcome: Outcome) -> None:
        who = {"code": rule.code, "name": rule.name, "plugin": repr(rule.plugin)}
        problem = Problem("INT01", Text("INT01.crash", {**who, "crash": str(outcome.crash)}), "", None, Text("INT01.hint"))
        if outcome.timed_out:
            problem = self.timeout_problem(rule, outcome.timed_out)
        finding = self._from_problem(problem, doc)
        if finding is not None:
            result.findings.append(finding)
        if outcome.traceback:
            result.debug.append(outcome.traceback)

    def stopped_rule(self, result: FileResult, code: str, seconds: float) -> None:
        """Add INT02 for rule `code`, killed after `seconds` while checking the file of `result` (supervise.py)."""
        rule = self.registry.rules[code]
        if result.document is not None:
            self._crashed(result, result.document, rule, Outcome(crash="killed", timed_out=seconds))
            result.findings.sort(key=Finding.sort_key)

    def timeout_problem(self, rule: Rule, seconds: float, skipped: list[str] | None = None) -> Problem:
        """INT02 for `rule` stopped after `seconds`; with `skipped`, the files of the run it then did not check."""
        who = {"code": rule.code, "name": rule.name, "plugin": repr(rule.plugin), "seconds": f"{seconds:g}"}
        if not skipped:
            return Problem("INT02", Text("INT02.timeout", who), "", None, Text("INT02.hint"))
        shown = ", ".join(skipped[:_NAMED_SKIPS]) + (f" and {len(skipped) - _NAMED_SKIPS} more" if len(skipped) > _NAMED_SKIPS else "")
        return Problem("INT02", Text("INT02.tripped", {**who, "count": len(skipped), "files": shown}), "", None, Text("INT02.hint"))

    def report_trips(self, results: list[FileResult]) -> None:
        """Once every file is checked: each tripped rule's INT02 names the files it did not check."""
        by_path = {r.path: r for r in results}
        for trip in self.breaker.trips.values():
            result, rule = by_path.get(trip.path), self.registry.rules.get(trip.code)
            skipped = [p for p in dict.fromkeys(trip.skipped) if p != trip.path]
            if result is None or rule is None or result.document is None or not skipped:
                continue
            finding = self._from_problem(self.timeout_problem(rule, trip.seconds, skipped), result.document)
            if finding is not None:
                result.findings = [f for f in result.findings if not _int02_of(f, trip.code)] + [finding]
                result.findings.sort(key=Finding.sort_key)

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

    def _from_problem(self, problem: Problem, doc: Document, always: bool = False) -> Finding | None:
        rule = self.registry.rules.get(problem.code)
        if rule is not None and not self.settings.enabled(rule) and not always and not is_internal(problem.code):  # a crash is reported whatever the selection
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
    def run_repository_rules(self, results: list[FileResult], isolate: bool = False, around: Sequence[tuple[str, Any]] = ()) -> None:
        """Rules that need every charter of the run at once (SCA03); `around` (path, data) are charters they count
        without checking them: what the rules find there is not reported; so are the language server's workspace
        neighbours (its reader's). With `isolate` (the command line's runs), a plugin's rule under a budget runs in
        a killable worker: one that swallows its interruption is stopped at twice its budget (supervise.py) and
        reported as its INT02."""
        rules = [rule for rule in self.rules if isinstance(rule.check, Function) and rule.check.scope == "repository"]
        by_path = {r.path: r for r in results}
        charters = [Charter(r.frozen if r.frozen is not None else freeze(r.data), r.path) for r in results if rules and r.data is not None]
        if rules:
            charters += [Charter(freeze(data), path) for path, data in around if path not in by_path]
            if self.reader is not None:
                charters += self.reader.neighbours([r.path for r in results])
        for rule in rules:
            ctx = RepositoryContext(ReadOnlyList(charters), freeze(self.settings.options_of(rule)), self.settings.today)
            self._collect_repository(by_path, rule, self._isolated_outcome(rule, ctx, isolate))
        for result in results:
            result.findings.sort(key=Finding.sort_key)

    def _isolated_outcome(self, rule: Rule, ctx: RuleContext | RepositoryContext, isolate: bool) -> Outcome:
        """A rule run outside the file workers (repository, change): in this process, or, for a plugin's code
        under a budget and with `isolate`, in a killable worker of its own (supervise.py)."""
        budget = self.settings.rule_timeout
        if not self._needs_own_worker(rule, isolate):
            return run_rule(rule, ctx, self.registry, budget)  # type: ignore[arg-type]
        from partnercheck.run.supervise import NoResult, can_fork, killable  # with multiprocessing: only for such a rule

        if not can_fork():
            return run_rule(rule, ctx, self.registry, budget)  # type: ignore[arg-type]
        outcome = killable(lambda: run_rule(rule, ctx, self.registry, budget), budget)  # type: ignore[arg-type]
        if not isinstance(outcome, NoResult):
            return outcome
        if outcome.seconds is not None:
            return Outcome(crash="killed", timed_out=outcome.seconds)
        return Outcome(crash=outcome.crash or "no result")

    def _needs_own_worker(self, rule: Rule, isolate: bool) -> bool:
        """A plugin's rule under a budget, in an isolated run: only a killable worker can stop it for sure."""
        return bool(isolate and self.settings.rule_timeout and rule.plugin != "core")

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

    def run_change_rules(self, results: list[FileResult], previous: Mapping[str, Any], isolate: bool = False) -> None:
        """Rules about change (`scope: change`), for each charter whose previous version `previous` (by path) holds or whose change log tells its changes;
        `isolate`: a plugin's rule under a budget runs in a killable worker, as a repository rule does."""
        rules = self._change_rules()
        for result in results:
            doc, ctx_of = result.document, self._change_contexts(result, previous, rules)
            if doc is None or ctx_of is None:
                continue
            for rule in rules:
                shape_ok = not any(f.code == "SCH01" for f in result.findings)
                if result.changes is not None and not self._needs_own_worker(rule, isolate):  # run ahead, in the worker
                    done = result.changes.get(rule.code)
                    if done is not None:
                        self._collect(result, doc, rule, done.outcome, shape_ok, done.findings)
                else:
                    self._collect(result, doc, rule, self._isolated_outcome(rule, ctx_of(rule), isolate), shape_ok)
            result.findings.sort(key=Finding.sort_key)

    def changes_ahead(self, result: FileResult, previous: Mapping[str, Any], isolate: bool = False) -> dict[str, Changed] | None:
        """In a worker, just after checking the file: the rules about change that `run_change_rules` would run here
        (not a plugin's rule under a budget, which runs in a killable worker of its own), their findings stamped
        where the file's positions are at hand; `run_change_rules` then adds them as it adds its own. Only the
        rules that found something or crashed are sent back: the others ran and have nothing to add."""
        rules = [rule for rule in self._change_rules() if not self._needs_own_worker(rule, isolate)]
        ctx_of = self._change_contexts(result, previous, rules) if rules else None
        if ctx_of is None or result.document is None:
            return None
        doc, ahead = result.document, dict[str, Changed]()
        for rule in rules:
            outcome = run_rule(rule, ctx_of(rule), self.registry, self.settings.rule_timeout)
            if outcome.findings or outcome.crash is not None:
                ahead[rule.code] = Changed(
                    Outcome(crash=outcome.crash, traceback=outcome.traceback, timed_out=outcome.timed_out), [self.stamp(rule, bare, doc) for bare in outcome.findings]
                )
        return ahead

    def _change_rules(self) -> list[Rule]:
        return [r for r in self.rules if isinstance(r.check, Function) and r.check.scope == "change"]

    def _change_contexts(self, result: FileResult, previous: Mapping[str, Any], rules: list[Rule]) -> Callable[[Rule], RuleContext] | None:
        """Each change rule's context on the file (its data as written, frozen once per file already when the file's rules
        ran), or None when it has no previous version and no change log."""
        doc = result.document
        if not rules or doc is None or not result.readable or (result.path not in previous and "change_log" not in (doc.text or "")):
            return None  # no previous version, no change log: nothing to parse again (a cached file stays unparsed)
        data = result.frozen if result.frozen is not None else result.data
        if not isinstance(data, dict) or (result.path not in previous and not _has_change_log(data)):
            return None
        before = previous.get(result.path)
        # read-only like every other scope's (readonly.py): frozen data, options and previous version
        charter, earlier = Charter(freeze(data), doc.path), Charter(freeze(before), doc.path) if isinstance(before, dict) else None
        return lambda rule: RuleContext(charter, self._options(rule), self.settings.today, self.profiles, previous=earlier)

    # suppressions ----------------------------------------------------------------
    def finish(self, result: FileResult) -> None:
        """Apply the file's suppression comments and waivers, once every rule (repository ones too) has run."""
        from partnercheck.run.suppressions import apply

        doc = result.document
        if doc is None or not doc.text:
            return
        data = doc.data if doc.is_charter else None
        try:
            with time_budget(self.settings.file_timeout, FileTimeout):
                problems = apply(result.findings, doc.text, data, self.settings.today, self.rule_state)
        except FileTimeout as stop:
            result.findings.extend(self.stopped_file(result.path, b"", stop.seconds).findings)
            return
        except MemoryError:
            raise
        except Exception as exc:  # a bug of partnercheck's: named on this file, the other files still finished
            result.findings.extend(self.crashed_file(result.path, b"", "suppression comments", exc).findings)
            return
        result.findings.extend(f for f in (self._from_problem(p, doc) for p in problems) if f is not None)
        supersedes = {code: rule.supersedes for code, rule in self.registry.rules.items() if rule.supersedes}
        result.findings = without_superseded(result.findings, supersedes)  # after suppressions: a waived finding folds nothing, is not folded
        result.findings.sort(key=Finding.sort_key)

    def rule_state(self, selector: str) -> bool | None:
        """Whether the rule a code or name designates runs (True), is deselected (False) or is unknown (None)."""
        rule = self.registry.find(selector)
        return None if rule is None else self.settings.enabled(rule)


_NAMED_SKIPS = 10  # files an INT02 names before "and N more"
#: The findings one file reports at most (DOC10 then says how many it had); see docs/security.md.
MAX_FINDINGS_PER_FILE = 1_000
#: The characters of a hint a plugin gives as plain text (then "…").
MAX_HINT = 2_000


def _int02_of(finding: Finding, code: str) -> bool:
    return finding.code == "INT02" and finding.text is not None and finding.text.params.get("code") == code


def _hint_text(given: str | Text | None, rule: Rule, params: dict[str, Any]) -> Text | None:
    """A rule finding's hint: the one the rule gave (a plugin's own words are kept as written), else the rule's."""
    if isinstance(given, Text):
        return Text(given.id, {key: visible_value(value) for key, value in given.params.items()})
    if given is not None:
        return verbatim(given if len(given) <= MAX_HINT else given[:MAX_HINT] + "…") if given else None
    return Text(f"{rule.code}:hint", params) if rule.hint else None


def _english_hint(hint: Text | None, rule: Rule | None, params: dict[str, Any]) -> str | None:
    if hint is None:
        return None
    if rule is not None and hint.id == f"{rule.code}:hint":
        return rule.render_hint(params) or None
    if hint.id == VERBATIM:
        return visible(english(hint)) or None
    return english(hint) or None  # partnercheck's own words, lines included; their parameters were made visible


def _has_change_log(data: dict[str, Any]) -> bool:
    evolution = data.get("evolution")
    return isinstance(evolution, dict) and isinstance(evolution.get("change_log"), list) and bool(evolution["change_log"])


def _json(value: Any) -> str:
    import json

    return json.dumps(value, sort_keys=True)


def _span_of(doc: Document, pointer: str) -> Span:
    """Where a finding at `pointer` is shown: the node's span, or for a mapping or list
    spread over several lines (what lacks something) the key naming it, else its first line."""
    nearest = doc.index.nearest(pointer)  # through the index: a cached file's (LazyIndex) parses its bytes for what it does not hold
    if nearest is None:
        return START
    candidate, span = nearest
    if span.end_line == span.line or not isinstance(resolve(doc.data, candidate), (dict, list)):
        return span
    named = candidate and isinstance(resolve(doc.data, parent(candidate)), dict)  # a list's item has no key: nothing to parse for
    key = doc.index.key_span(candidate) if named else None
    if key is not None:
        return key
    width = code_width(doc.line_text(span.line)) or span.column  # the line without its trailing comment
    return Span(span.line, span.column, span.line, max(width, span.column))


def _overlaps(pattern: str, pointer: str) -> bool:
    """True when a `reads` pattern (`*` = any list item) reaches at or below `pointer`."""
    want, have = pattern.split("/"), pointer.split("/")
    return len(want) >= len(have) and all(w in ("*", h) for w, h in zip(want, have))
