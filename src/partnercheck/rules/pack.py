"""Rule packs: YAML files of rules, validated, turned into `Rule` objects."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from partnercheck.document.load import load_document
from partnercheck.errors import PackError
from partnercheck.findings import Severity
from partnercheck.pointers import escape
from partnercheck.report.messages import english
from partnercheck.resources import load_schema
from partnercheck.rules.model import (
    Check,
    Declarative,
    EngineCheck,
    Function,
    Option,
    Rule,
)


#: At most this many characters of a value are quoted from a file that is not a valid pack (it may be any file).
EXCERPT = 20


def load_pack_file(path: Path | str, plugin: str = "core", version: str = "") -> list[Rule]:
    """Read and validate one pack file; a broken pack raises `PackError` naming file and line."""
    from partnercheck.bounded import MAX_SIDE_FILE_BYTES, read_path, size_words

    source = str(path)
    try:
        raw = read_path(path, MAX_SIDE_FILE_BYTES)
    except OSError as exc:
        raise PackError(source, 1, f"cannot read the rule pack: {exc.strerror or exc}") from exc
    if len(raw) > MAX_SIDE_FILE_BYTES:
        raise PackError(source, 1, f"the rule pack is larger than {size_words(MAX_SIDE_FILE_BYTES)}; it was not read")
    return load_pack_text(raw, source, plugin, version)


def load_pack_text(raw: bytes, source: str, plugin: str = "core", version: str = "") -> list[Rule]:
    """The rules of a pack's bytes; a pack that loaded cleanly before comes from the pack cache (packcache.py)."""
    from partnercheck.rules import packcache

    return packcache.load(raw, source, plugin, version, lambda: _load_pack_text(raw, source, plugin, version))


def _load_pack_text(raw: bytes, source: str, plugin: str, version: str) -> list[Rule]:
    doc = load_document(source, raw)
    fatal = [p for p in doc.problems if p.code != "DOC03"]
    if fatal:
        span = fatal[0].span or doc.index.locate(fatal[0].pointer)
        raise PackError(source, span.line, english(fatal[0].message))
    _validate(doc.data, doc, source)
    pack = doc.data["pack"]
    rules = [_rule(entry, pack, plugin, version, source) for entry in doc.data["rules"]]
    return _with_defaults_of_pack(rules, doc, source)


def _with_defaults_of_pack(rules: list[Rule], doc: Any, source: str) -> list[Rule]:
    """The pack's `defaults:` applied to its own rules (rules/defaults.py); a bad default is a broken pack, at its line."""
    from partnercheck.rules.defaults import DefaultsProblem, apply_defaults

    if "defaults" not in doc.data:
        return rules
    try:
        return apply_defaults(rules, doc.data["defaults"], f"pack {Path(source).name}")
    except DefaultsProblem as problem:
        raise PackError(source, doc.index.locate("/defaults" + problem.pointer).line, f"defaults: {problem.message}") from problem


def _validate(data: Any, doc: Any, source: str) -> None:
    from jsonschema.exceptions import best_match

    from partnercheck.checks.safe_schema import validator as offline_validator
    from partnercheck.checks.schema import describe
    from partnercheck.pointers import join

    validator = offline_validator(load_schema("rule-pack"), formats=False)
    error = best_match(validator.iter_errors(data))
    if error is not None:
        pointer = join("", *error.absolute_path)
        raise PackError(source, doc.index.locate(pointer).line, _problem(error, describe))
    for i, entry in enumerate(data["rules"]):
        _check_safety(entry, f"/rules/{i}", doc, source)
        _check_parameters(entry, f"/rules/{i}", doc, source)
        _check_option_schemas(entry, source, doc.index.locate(f"/rules/{i}").line)


def _problem(error: Any, describe: Any) -> str:
    """A pack's schema error in words; an unknown key is named whole (jsonschema's sentence, shortened, would cut it off)."""
    from partnercheck.checks.safe_schema import extra_keys
    from partnercheck.findings import Text

    described = describe(error, quote=EXCERPT)
    if error.validator == "additionalProperties" and isinstance(error.instance, Mapping):
        extra = extra_keys(error.instance, error.schema)
        field = described.params.get("field", "")
        if extra:
            where = english(field) if isinstance(field, Text) else str(field)
            return f"{where}: unknown key {_excerpt(extra[0])}; allowed: {', '.join(sorted(error.schema.get('properties', {})))}"
    return english(described)


def _excerpt(key: str) -> str:
    return repr(key if len(key) <= EXCERPT else key[:EXCERPT] + "…")


def _check_safety(entry: Mapping[str, Any], pointer: str, doc: Any, source: str) -> None:
    """No schema of a pack may reach the network or carry a regex that backtracks exponentially."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

    from partnercheck.checks.safe_schema import schema_problems

    schemas = [(f"{pointer}/check/{key}", _with_defaults(entry, entry["check"].get(key), f"{pointer}/check/{key}", doc, source)) for key in ("schema", "where")]
    schemas += [(f"{pointer}/options/{escape(name)}/schema", spec.get("schema")) for name, spec in entry.get("options", {}).items()]
    for at, schema in schemas:
        for inner, problem in schema_problems(schema)[:1]:
            raise PackError(source, doc.index.locate(at + inner).line, f"{entry['code']}: {problem}")
        try:
            Draft202012Validator.check_schema(schema if schema is not None else {})
        except SchemaError as exc:
            raise PackError(source, doc.index.locate(at).line, f"{entry['code']}: invalid schema: {exc.message}") from exc


def _with_defaults(entry: Mapping[str, Any], schema: Any, at: str, doc: Any, source: str) -> Any:
    """A declarative check's schema with each `{$option: NAME}` replaced by the option's default, to check it as it runs."""
    from partnercheck.rules.declarative import with_options

    if schema is None:
        return None
    defaults = {name: spec.get("default") for name, spec in entry.get("options", {}).items()}
    try:
        return with_options(schema, defaults)
    except (KeyError, TypeError) as exc:
        declared = ", ".join(defaults) or "none"
        raise PackError(source, doc.index.locate(at).line, f"{entry['code']}: the check uses the option {exc.args[0] if exc.args else ''!r}, which the rule does not declare (its options: {declared})") from exc


def _check_parameters(entry: Mapping[str, Any], pointer: str, doc: Any, source: str) -> None:
    """Every `{name}` of a declarative rule's messages and hint (translations too) is one its check gives: a typo is caught here, not printed as `{id}`."""
    from partnercheck.report.messages import placeholders
    from partnercheck.rules.declarative import PARAMETERS

    if "select" not in entry["check"]:
        return  # a function's parameters are known only when it runs: the harness checks each finding (testing/harness.py)
    given = {*PARAMETERS, *entry.get("options", {})}
    texts = [(pointer, entry)] + [(f"{pointer}/translations/{lang}", t) for lang, t in entry.get("translations", {}).items()]
    for at, texts_of in texts:
        templates = [("message", texts_of.get("message")), ("hint", texts_of.get("hint"))]
        templates += [(f"messages/{escape(key)}", text) for key, text in (texts_of.get("messages") or {}).items()]
        for key, template in templates:
            missing = sorted(placeholders(template) - given) if isinstance(template, str) else []
            if missing:
                where = doc.index.locate(f"{at}/{key}").line
                raise PackError(source, where, f"{entry['code']}: {key.split('/')[0]} uses {{{missing[0]}}}, which the check does not give (it gives: {', '.join(sorted(given))})")


def _check_option_schemas(entry: Mapping[str, Any], source: str, line: int) -> None:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

    from partnercheck.checks.safe_schema import validator as offline_validator

    for name, spec in entry.get("options", {}).items():
        try:
            Draft202012Validator.check_schema(spec.get("schema", {}))
            offline_validator(spec.get("schema", {}), formats=False).validate(spec["default"])
        except SchemaError as exc:
            raise PackError(source, line, f"{entry['code']}: option {name!r} has an invalid schema: {exc.message}") from exc
        except Exception as exc:  # the default does not satisfy its own schema
            raise PackError(source, line, f"{entry['code']}: default of option {name!r} does not satisfy its schema: {getattr(exc, 'message', exc)}") from exc


def _rule(entry: Mapping[str, Any], pack: str, plugin: str, version: str, source: str) -> Rule:
    return Rule(
        code=entry["code"],
        name=entry["name"],
        pack=entry.get("pack", pack),
        severity=Severity(entry["severity"]),
        summary=entry["summary"].strip(),
        why=" ".join(entry["why"].split()),
        check=_check(entry["check"]),
        messages=_messages(entry),
        hint=entry.get("hint", "").rstrip(),
        runs=" ".join(entry.get("runs", "").split()),
        grounding=tuple(entry.get("grounding", ())),
        reads=tuple(entry.get("reads", ())),
        subject=entry.get("subject", ""),
        supersedes=tuple(entry.get("supersedes", ())),
        options={name: _option(name, spec) for name, spec in entry.get("options", {}).items()},
        examples=dict(entry.get("examples", {})),
        tests=tuple(entry.get("tests", ())),
        translations={lang: _translated(texts) for lang, texts in entry.get("translations", {}).items()},
        plugin=plugin,
        plugin_version=version,
        source=source,
    )


def _translated(texts: Mapping[str, Any]) -> dict[str, Any]:
    """One language's texts, spaced as the English ones are, so a message matches its template."""
    done: dict[str, Any] = {key: " ".join(texts[key].split()) for key in ("summary", "why", "runs") if key in texts}
    messages = _messages(texts)
    if messages:
        done["messages"] = messages
    if texts.get("hint"):
        done["hint"] = texts["hint"].rstrip()
    if texts.get("options"):
        done["options"] = {name: " ".join(text.split()) for name, text in texts["options"].items()}
    return done


def _messages(entry: Mapping[str, Any]) -> dict[str, str]:
    messages = entry.get("messages") or {}
    if "message" in entry:
        messages = {"default": entry["message"], **messages}
    return {k: " ".join(v.split()) for k, v in messages.items()}


def _option(name: str, spec: Mapping[str, Any]) -> Option:
    return Option(name, spec["default"], spec.get("schema", {}), spec.get("description", ""))


def _check(spec: Mapping[str, Any]) -> Check:
    if "function" in spec:
        return Function(spec["function"], spec.get("scope", "charter"))
    if "select" in spec:
        return Declarative(spec["select"], spec.get("schema", {}), spec.get("where"))
    return EngineCheck()
