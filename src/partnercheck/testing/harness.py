"""The rule-author harness itself (re-exported, lazily, by `partnercheck.testing`)."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from partnercheck.config.settings import Settings
from partnercheck.findings import Finding, is_internal
from partnercheck.plugins.registry import Registry
from partnercheck.report.messages import english
from partnercheck.rules.model import Rule
from partnercheck.testing.registry import default_registry
from partnercheck.run.engine import Engine
from partnercheck.run.lint import check_files

#: Findings of the engine's own checks: a case that produces one it did not expect is a broken snippet.
DOCUMENT_CODES = ("DOC", "SCH", "REF", "INT")
DEFAULT_TODAY = date(2026, 1, 1)


@dataclass(frozen=True)
class Expected:
    """A finding a case expects; `code` defaults to the case's rule."""

    pointer: str
    code: str | None = None
    line: int | None = None
    message: str | None = None

    @classmethod
    def of(cls, spec: Mapping[str, Any] | Expected) -> Expected:
        if isinstance(spec, Expected):
            return spec
        return cls(str(spec["pointer"]), spec.get("code"), spec.get("line"), spec.get("message"))


@dataclass
class Case:
    """One check of one rule: a charter, options, today, and the expected findings of that rule."""

    rule: str
    charter: str
    expect: list[Expected] | None = None  # None: only `present` is checked
    present: bool | None = None  # examples: True for fail, False for pass
    options: Mapping[str, Any] = field(default_factory=dict)
    today: date = DEFAULT_TODAY
    name: str = ""
    alongside: tuple[str, ...] = ()  # further charters checked in the same run
    previous: str | None = None  # the charter's previous version, for rules about change
    #: The registry the case came from (`rule_cases(registry=...)`): `run_case` uses it unless given another.
    registry: Registry | None = field(default=None, compare=False, repr=False)

    @property
    def id(self) -> str:
        return f"{self.rule}:{self.name}" if self.name else self.rule


def lint_text(
    charter: str,
    select: Sequence[str] | None = None,
    options: Mapping[str, Mapping[str, Any]] | None = None,
    today: date | str | None = None,
    registry: Registry | None = None,
    path: str = "case.yaml",
    alongside: Sequence[str] = (),
    previous: str | None = None,
) -> list[Finding]:
    """Lint one charter given as text (dedented) and return its findings.

    `alongside` charters are checked in the same run (`alongside-1.yaml`, …),
    as repository-level rules need; their own findings are not returned.
    `previous` is the charter's previous version, for the rules about change.
    """
    return _lint_together([charter, *alongside], path, select, options, today, registry, previous)[0]


def _lint_together(
    charters: Sequence[str],
    path: str,
    select: Sequence[str] | None,
    options: Mapping[str, Mapping[str, Any]] | None,
    today: date | str | None,
    registry: Registry | None,
    previous: str | None = None,
) -> list[list[Finding]]:
    registry = registry or default_registry()
    if isinstance(today, str):
        today = date.fromisoformat(today)
    settings = Settings(today=today or DEFAULT_TODAY, select=tuple(select) if select else None, options=options or {})
    engine = Engine(registry, settings)
    paths = [path, *(f"alongside-{i}.yaml" for i in range(1, len(charters)))]
    items = [(p, textwrap.dedent(text).encode("utf-8")) for p, text in zip(paths, charters)]
    before = {path: _data(path, previous, settings)} if previous is not None else None
    results = check_files(items, [engine] * len(items), engine, previous=before)  # the command line's pipeline, without cache or workers
    return [r.findings for r in results]


def _data(path: str, text: str, settings: Settings) -> Any:
    """A previous version's data, read as the engine reads a charter."""
    from partnercheck.document.load import load_document

    return load_document(path, textwrap.dedent(text).encode("utf-8"), settings.limits).data


def run_case(case: Case, registry: Registry | None = None) -> None:
    """Run a case; raise `AssertionError` with a readable report when it fails."""
    registry = registry or case.registry or default_registry()
    rule = registry.find(case.rule)
    if rule is None:
        why = "".join(f"\n  {message}" for message in registry.errors)
        raise AssertionError(f"no rule {case.rule!r} is registered (is its plugin installed?){why}")
    expected = [_with_code(e, rule.code) for e in case.expect or []]
    codes = {rule.code, *(e.code for e in expected if e.code)}
    findings, *others = _lint_together([case.charter, *case.alongside], "case.yaml", (*codes, *DOCUMENT_CODES), {rule.code: case.options}, case.today, registry, case.previous)
    relevant = [f for f in findings if f.code in codes or f.code.startswith(DOCUMENT_CODES)]
    problems = _compare(case, rule.code, expected, relevant)
    problems += _unfilled(rule, [f for f in relevant if f.code == rule.code])
    problems += [f"an alongside charter is invalid: {f.path}: {_line(f)}" for other in others for f in other if f.code.startswith(DOCUMENT_CODES)]
    if problems:
        raise AssertionError(_report(case, problems, relevant))


def assert_findings(
    rule: str,
    charter: str,
    expect: Iterable[Mapping[str, Any] | Expected],
    options: Mapping[str, Any] | None = None,
    today: date | str | None = None,
    registry: Registry | None = None,
) -> None:
    """Assert that `rule` gives exactly the `expect`ed findings on `charter`."""
    when = date.fromisoformat(today) if isinstance(today, str) else today or DEFAULT_TODAY
    run_case(Case(rule, charter, [Expected.of(e) for e in expect], None, options or {}, when), registry)


def _unfilled(rule: Rule, findings: list[Finding]) -> list[str]:
    """A message or hint parameter the finding does not give: the user would read `{name}` as written."""
    problems = []
    for f in findings:
        if f.text is None or not f.text.id.startswith(f"{rule.code}:"):
            continue  # the engine's own findings (DOC, SCH, SUP…) carry a core message, complete
        key = f.text.id.split(":", 1)[1]
        hint = f.hint_text is not None and f.hint_text.id == f"{rule.code}:hint"
        missing = rule.unfilled(key, f.text.params, hint)
        if missing:
            problems.append(f"{_line(f)}: its message {key!r} or hint uses {', '.join('{' + m + '}' for m in missing)}, which the finding's parameters do not give")
    return problems


def _with_code(e: Expected, code: str) -> Expected:
    return e if e.code else Expected(e.pointer, code, e.line, e.message)


def _compare(case: Case, code: str, expected: list[Expected], found: list[Finding]) -> list[str]:
    problems: list[str] = []
    unexpected_doc = [f for f in found if f.code.startswith(DOCUMENT_CODES) and f.code != code and not any(e.code == f.code for e in expected)]
    problems += [f"the rule crashed: {_line(f)}" if is_internal(f.code) else f"the charter itself is invalid: {_line(f)}" for f in unexpected_doc]
    of_rule = [f for f in found if f.code == code]
    if case.present is True and not of_rule:
        problems.append(f"expected {code} to fire, it did not")
    if case.present is False and of_rule:
        problems += [f"expected no {code}, got: {_line(f)}" for f in of_rule]
    if case.expect is not None:
        problems += _match(expected, [f for f in found if not (f in unexpected_doc)])
    return problems


def _match(expected: list[Expected], found: list[Finding]) -> list[str]:
    remaining = list(found)
    problems = []
    for e in expected:
        hit = next((f for f in remaining if _matches(e, f)), None)
        if hit is None:
            problems.append(f"missing: {e.code} at {e.pointer!r}" + (f" line {e.line}" if e.line else "") + (f" with message containing {e.message!r}" if e.message else ""))
        else:
            remaining.remove(hit)
    problems += [f"unexpected: {_line(f)}" for f in remaining]
    return problems


def _matches(e: Expected, f: Finding) -> bool:
    return e.code == f.code and e.pointer == f.pointer and (e.line is None or e.line == f.line) and (e.message is None or e.message in f.message)


def _line(f: Finding) -> str:
    return f"{f.code} at {f.pointer!r} (line {f.line}, column {f.column}): {f.message}"


def _report(case: Case, problems: list[str], found: list[Finding]) -> str:
    got = "\n".join(f"    {_line(f)}" for f in found) or "    (nothing)"
    return f"case {case.id} failed:\n  " + "\n  ".join(problems) + f"\n  findings were:\n{got}"


def rule_cases(registry: Registry | None = None, plugin: str | None = None) -> list[Case]:
    """Every rule's examples and test cases, as `Case`s (optionally of one plugin)."""
    registry = registry or default_registry()
    if plugin is not None:
        _loaded_plugin(registry, plugin)
    cases: list[Case] = []
    for rule in sorted(registry.rules.values(), key=lambda r: r.code):
        if plugin is not None and rule.plugin != plugin:
            continue
        alongside = tuple(rule.examples.get("alongside", ()))
        previous = rule.examples.get("previous")
        if "fail" in rule.examples:
            cases.append(Case(rule.code, rule.examples["fail"], present=True, name="fails", alongside=alongside, previous=previous, registry=registry))
        if "pass" in rule.examples:
            cases.append(Case(rule.code, rule.examples["pass"], present=False, name="passes", alongside=alongside, previous=previous, registry=registry))
        for i, spec in enumerate(rule.tests):
            cases.append(replace(_case_from(spec, rule.code, f"test {i + 1}"), registry=registry))
    return cases


def _loaded_plugin(registry: Registry, plugin: str) -> None:
    """The plugin whose cases are asked for loaded: else its tests would be an empty parametrization, skipped, not failed."""
    info = next((p for p in registry.plugins if p.name == plugin), None)
    if info is None:
        names = ", ".join(sorted(p.name for p in registry.plugins)) or "none"
        raise AssertionError(f"no plugin {plugin!r} is loaded (is it installed? `pip install -e .`); loaded: {names}")
    if info.error is not None:
        raise AssertionError(f"plugin {plugin!r} {info.error}")


def _case_from(spec: Mapping[str, Any], rule: str, default_name: str) -> Case:
    today = spec.get("today")
    return Case(
        rule=str(spec.get("rule", rule)),
        charter=str(spec["charter"]),
        expect=[Expected.of(e) for e in spec.get("expect") or []],
        options=dict(spec.get("options") or {}),
        today=date.fromisoformat(str(today)) if today else DEFAULT_TODAY,
        name=str(spec.get("name", default_name)),
        alongside=tuple(str(text) for text in spec.get("alongside") or ()),
        previous=str(spec["previous"]) if spec.get("previous") is not None else None,
    )


def load_case_file(path: Path) -> tuple[list[Case], tuple[str, ...], tuple[str, ...]]:
    """Read a YAML file of cases: `rule` (default rule), `plugins` (modules), `packs` (paths), `cases`."""
    from partnercheck.document.load import load_document

    doc = load_document(str(path), Path(path).read_bytes())
    data = doc.data
    for problem in (p for p in doc.problems if p.code != "DOC03"):  # a duplicate key, a syntax error: the file is not what it seems
        line = (problem.span or doc.index.locate(problem.pointer)).line
        raise ValueError(f"{path}:{line}: {english(problem.message)}")
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
        raise ValueError(f"{path}: a case file is a mapping with a `cases:` list")
    default = data.get("rule", "")
    cases = [_case_from(spec, default, f"case {i + 1}") for i, spec in enumerate(data["cases"])]
    packs = tuple(str((Path(path).parent / p).resolve()) for p in data.get("packs", []))
    return cases, tuple(data.get("plugins", [])), packs

