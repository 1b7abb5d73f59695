"""Render the catalog for people: the rules table, one rule's explanation, the plugins.

Returns text (rendered with rich); the CLI prints it.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any, Iterable, Mapping

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.padding import Padding
from rich.rule import Rule as Line
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from partnercheck.plugins.registry import PluginInfo, Registry
from partnercheck.report.conditions import CONDITIONS, cited, condition_name, named
from partnercheck.report.formats.common import severity_word
from partnercheck.report.formats.text import STYLES, console_for
from partnercheck.report.i18n import Translator, rule_translation
from partnercheck.rules.model import Rule


def _capture(renderable: RenderableType, color: bool, width: int = 100) -> str:
    console, buffer = console_for({"color": color, "width": width})
    console.print(renderable, soft_wrap=False)  # wrap long paragraphs instead of cropping them
    text = buffer.getvalue()
    return text if color else "".join(line.rstrip() + "\n" for line in text.splitlines())


def rules_table(rules: Iterable[Rule], color: bool = False, tr: Translator | None = None) -> str:
    tr = tr or Translator()
    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("code", "name", "pack", "severity", "summary", "plugin"):
        table.add_column(tr.words(column), overflow="fold")
    for r in rules:
        table.add_row(r.code, r.name, r.pack, Text(severity_word(tr, r.severity), style=STYLES[r.severity]), tr.rule_field(r, "summary"), r.plugin)
    return _capture(table, color, width=160)


def rules_json(rules: Iterable[Rule]) -> str:
    out = [
        {
            "code": r.code,
            "name": r.name,
            "pack": r.pack,
            "severity": r.severity.value,
            "summary": r.summary,
            "why": r.why,
            "grounding": list(r.grounding),
            "options": {n: o.default for n, o in r.options.items()},
            "plugin": r.plugin,
            "plugin_version": r.plugin_version,
        }
        for r in rules
    ]
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


MARKDOWN_COMMAND = "partnercheck rules --no-plugins --format markdown > docs/rules.md"


def rules_markdown(rules: Iterable[Rule]) -> str:
    """The catalog as a Markdown page (docs/rules.md), grouped by pack in the order given."""
    by_pack: dict[str, list[Rule]] = {}
    for r in rules:
        by_pack.setdefault(r.pack, []).append(r)
    out = [
        "# The rule catalog",
        "",
        f"<!-- Generated from the rule packs by `{MARKDOWN_COMMAND}`; do not edit by hand. -->",
        "",
        "Every rule: what it flags, why it matters, where it comes from, its options and examples.",
        "Severities are defaults; configuration overrides them, and options set the thresholds.",
        "",
        "| code | name | pack | severity | summary |",
        "|---|---|---|---|---|",
    ]
    out += [f"| [{r.code}](#{r.code.lower()}-{r.name}) | {r.name} | {r.pack} | {r.severity.value} | {_cell(r.summary)} |" for rs in by_pack.values() for r in rs]
    out += _conditions_markdown(by_pack)
    for pack, pack_rules in by_pack.items():
        out += ["", f"## Pack `{pack}`"]
        for r in pack_rules:
            out += _rule_markdown(r)
    return "\n".join(out) + "\n"


def _conditions_markdown(by_pack: Mapping[str, list[Rule]]) -> list[str]:
    """The conditions of success the rules cite (S1 to S9), each with the packs whose rules cite it."""
    citing: dict[str, list[str]] = {code: [] for code in CONDITIONS}
    for pack, rules in by_pack.items():
        for code in cited(" ".join(f"{r.why} {' '.join(r.grounding)}" for r in rules)):
            if code in citing:
                citing[code].append(f"`{pack}`")
    out = ["", "## The conditions of success", ""]
    out += [CONDITIONS_INTRO, "", "| code | condition | cited by the packs |", "|---|---|---|"]
    return out + [f"| {code} | {condition_name(code)} | {', '.join(packs) or '-'} |" for code, packs in citing.items()]


#: What S1 to S9 are, for the catalog page and `partnercheck rules --help`.
CONDITIONS_INTRO = (
    "The rules protect the conditions of success found by partnercheck's founding trial, a territorial "
    "training platform; a rule's *why* opens with the codes of the conditions it protects (S1 to S9), "
    "each shown with its condition's name."
)


def _rule_markdown(r: Rule) -> list[str]:
    out = ["", f"### {r.code} {r.name}", "", f"*{r.pack} pack, {r.severity.value} by default.* {r.summary}", "", f"**Why it matters.** {named(r.why)}"]
    if r.runs:
        out += ["", f"**Runs:** {r.runs}"]
    if r.grounding:
        out += ["", f"**Grounding:** {named('; '.join(r.grounding))}."]
    if r.reads:
        out += ["", "**Reads:** " + ", ".join(f"`{p}`" for p in r.reads)]
    if r.supersedes:
        out += ["", "**Stands for:** " + ", ".join(r.supersedes) + " on the same item (their findings there are folded into this one)."]
    out += ["", "**Options:** none."] if not r.options else ["", "**Options:**", "", "| option | default | allowed values (JSON Schema) | description |", "|---|---|---|---|"]
    for name, opt in r.options.items():
        schema = json.dumps(opt.schema, ensure_ascii=False, sort_keys=True)
        out.append(f"| `{name}` | `{json.dumps(opt.default, ensure_ascii=False)}` | `{_cell(schema)}` | {_cell(opt.description)} |")
    if r.hint:
        out += ["", "**What to write:**", "", "```", hint_text(r), "```"]
    for key, title in (("fail", "Fails"), ("pass", "Passes")):
        if key in r.examples:
            out += ["", f"**Example that {title.lower()}:**", "", "```yaml", str(r.examples[key]).rstrip(), "```"]
    alongside = r.examples.get("alongside") or ()
    if alongside:
        out += ["", f"**Both examples are checked together with these {len(alongside)} charters:**"]
        for text in alongside:
            out += ["", "```yaml", str(text).rstrip(), "```"]
    return out


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


_PARAM = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def hint_text(rule: Rule, tr: Translator | None = None) -> str:
    """The rule's hint for a reader with no finding at hand: options filled with their
    defaults, and what only a finding knows (`{first}`) shown as `<first>`; in the
    translator's language when the rule's pack translates it."""
    return _for_reader(rule, _translated(rule, tr).get("hint") or rule.hint, tr)


def _for_reader(rule: Rule, template: str, tr: Translator | None = None) -> str:
    """`template` (the rule's hint or a message, in any language) filled as `Rule.render_hint` fills the hint;
    what only a finding knows is shown as `<name>`, named in the translator's language."""
    filled = replace(rule, hint=template).render_hint(rule.defaults())
    return _PARAM.sub(lambda m: f"<{tr.parameter(m.group(1)) if tr is not None else m.group(1)}>", filled)


def _translated(rule: Rule, tr: Translator | None) -> Mapping[str, Any]:
    """The rule's `translations` entry for the translator's language ({} in English or without one)."""
    return {} if tr is None or tr.english else rule_translation(rule, tr.lang)


def explain(rule: Rule, color: bool = False, tr: Translator | None = None) -> str:
    tr = tr or Translator()
    severity = severity_word(tr, rule.severity)
    before, _, after = tr.words("({pack} pack, {severity} by default)", pack=rule.pack).partition("{severity}")
    parts: list[RenderableType] = [
        Text.assemble((f"{rule.code} {rule.name}", "bold"), f"  {before}", (severity, STYLES[rule.severity]), after),
        Text(tr.rule_field(rule, "summary")),
        _section(tr.words("Why it matters")),
        Padding(Text(named(tr.rule_field(rule, "why"), tr)), (0, 0, 0, 2)),
    ]
    if rule.runs:
        parts += [_section(tr.words("Runs")), Padding(Text(tr.rule_field(rule, "runs")), (0, 0, 0, 2))]
    if rule.grounding:
        parts += [_section(tr.words("Grounding")), Padding(Text(named(tr.words("; ").join(tr.grounding(g) for g in rule.grounding), tr)), (0, 0, 0, 2))]
    if rule.reads:
        parts += [_section(tr.words("Reads")), Padding(Text(", ".join(rule.reads)), (0, 0, 0, 2))]
    if rule.supersedes:
        shown = tr.words("{codes} on the same item (their findings there are folded into this one)", codes=", ".join(rule.supersedes))
        parts += [_section(tr.words("Stands for")), Padding(Text(shown), (0, 0, 0, 2))]
    parts += [_section(tr.words("Options")), Padding(_options(rule, tr), (0, 0, 0, 2))]
    messages = _translated(rule, tr).get("messages") or {}
    if isinstance(messages, Mapping) and messages:  # in English, the messages are the summary's words: not repeated
        shown = "\n".join(f"- {_for_reader(rule, str(text), tr)}" for text in messages.values())
        parts += [_section(tr.words("Messages")), Padding(Text(shown), (0, 0, 0, 2))]
    if rule.hint:
        parts += [_section(tr.words("What to write")), Padding(Text(hint_text(rule, tr)), (0, 0, 0, 2))]
    for key, title in (("fail", "Example that fails"), ("pass", "Example that passes")):
        if key in rule.examples:
            parts += [_section(tr.words(title)), Padding(Syntax(rule.examples[key].rstrip(), "yaml", theme="ansi_dark", background_color="default"), (0, 0, 0, 2))]
    origin = f"{rule.plugin} {rule.plugin_version}".strip()
    parts += [_section(tr.words("Provided by")), Padding(Text(tr.words("plugin {origin}", origin=origin) + (f" — {rule.source}" if rule.source else "")), (0, 0, 0, 2))]
    return _capture(Group(*parts), color)


def _section(title: str) -> RenderableType:
    return Line(Text(title, style="bold"), align="left", characters="─")


def _options(rule: Rule, tr: Translator) -> RenderableType:
    if not rule.options:
        return Text(tr.words("none"))
    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("option", "default", "description"):
        table.add_column(tr.words(column))
    for name, opt in rule.options.items():
        table.add_row(name, json.dumps(opt.default, ensure_ascii=False), escape(tr.option_description(rule, name)))
    return table


def plugins_table(registry: Registry, color: bool = False, tr: Translator | None = None) -> str:
    tr = tr or Translator()
    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("plugin", "version", "registered", "status"):
        table.add_column(tr.words(column), overflow="fold")
    for info in registry.plugins:
        status = Text(tr.words("skipped: {error}", error=info.error), style="red") if info.error else Text(tr.words("loaded"), style="green")
        table.add_row(info.name, info.version or "-", _registered(info, tr), status)
    return _capture(table, color, width=160)


def plugins_json(registry: Registry) -> str:
    out = [{"name": i.name, "version": i.version, "registered": i.registered, "error": i.error} for i in registry.plugins]
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


def _registered(info: PluginInfo, tr: Translator) -> str:
    parts = []
    for kind, names in info.registered.items():
        shown = ", ".join(names[:8]) + (tr.words(", … ({n} in all)", n=len(names)) if len(names) > 8 else "")
        parts.append(tr.words("{kind}: {names}", kind=tr.words(kind), names=shown))
    return "; ".join(parts) or "-"


