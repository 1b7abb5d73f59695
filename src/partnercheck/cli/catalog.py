"""`partnercheck rules`, `rule`, `plugins`, `schema`: what the tool knows and why."""

from __future__ import annotations

import argparse
import difflib
import json

from partnercheck.cli import EXIT_CLEAN, EXIT_ERROR, error, write
from partnercheck.cli.options import (
    add_plugin_options,
    chosen_language,
    registry_from,
    report_errors,
    use_color,
)
from partnercheck.report.i18n import LANGUAGES
from partnercheck.report.messages import said


def _add_lang(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, default=None, help=f"the language of {what} (default: PARTNERCHECK_LANG, else LC_ALL, LC_MESSAGES or LANG, else en)")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    rules = subparsers.add_parser("rules", help="list the rules", description="List every rule: code, name, pack, severity, summary, plugin.", formatter_class=argparse.RawDescriptionHelpFormatter)
    rules.epilog_of = _conditions_epilog  # type: ignore[attr-defined]
    rules.add_argument("--pack", action="append", default=[], help="only the rules of this pack; repeatable")
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text", help="markdown: the page docs/rules.md is generated with")
    _add_lang(rules, "the text table (json and markdown stay in English)")
    add_plugin_options(rules)
    rules.set_defaults(handler=handle_rules)

    rule = subparsers.add_parser("rule", help="explain one rule", description="Explain a rule: what it flags, why it matters, examples, options.")
    rule.add_argument("rule", metavar="CODE|NAME")
    _add_lang(rule, "the explanation")
    add_plugin_options(rule)
    rule.set_defaults(handler=handle_rule)

    plugins = subparsers.add_parser("plugins", help="list the plugins", description="Each plugin, its version, and what it registered.")
    plugins.add_argument("--format", choices=("text", "json"), default="text")
    add_plugin_options(plugins)
    plugins.set_defaults(handler=handle_plugins)

    schema = subparsers.add_parser("schema", help="print a JSON Schema", description="Print the charter schema (or another published schema).")
    schema.add_argument("name", nargs="?", default="charter", choices=("charter", "report", "rule-pack", "config"))
    schema.set_defaults(handler=handle_schema)


def _conditions_epilog() -> str:
    """The conditions of success, for `rules --help`, in the spoken language (made when help is asked for)."""
    from partnercheck.cli.helptext import help_text
    from partnercheck.cli.voice import translator
    from partnercheck.report.conditions import CONDITIONS_HEADING, conditions_help

    return conditions_help(translator(), help_text(CONDITIONS_HEADING))


def _finish(registry: object) -> int:
    errors = registry.errors  # type: ignore[attr-defined]
    report_errors(errors)
    return EXIT_ERROR if errors else EXIT_CLEAN


def handle_rules(args: argparse.Namespace) -> int:
    from partnercheck.catalog.explain import rules_json, rules_markdown, rules_table
    from partnercheck.report.i18n import translator

    registry = registry_from(args)
    rules = sorted(registry.rules.values(), key=lambda r: r.code)
    if args.pack:
        unknown = sorted(set(args.pack) - set(registry.packs()))
        if unknown:
            error(translator(chosen_language(args), registry).error(said("usage.unknown-pack", packs=", ".join(unknown), known=", ".join(registry.packs()))))
            return EXIT_ERROR
        rules = [r for r in rules if r.pack in args.pack]
    renderers = {"json": rules_json, "markdown": rules_markdown}
    write(renderers[args.format](rules) if args.format in renderers else rules_table(rules, use_color("auto"), translator(chosen_language(args), registry)))
    return _finish(registry)


def handle_rule(args: argparse.Namespace) -> int:
    from partnercheck.catalog.explain import explain
    from partnercheck.report.i18n import translator

    registry = registry_from(args)
    rule = registry.find(args.rule)
    if rule is None and args.rule.lower() in registry.packs():
        error(translator(chosen_language(args), registry).error(said("usage.pack-not-rule", rule=repr(args.rule), pack=args.rule.lower())))
        return EXIT_ERROR
    if rule is None:
        keys = list(registry.rules) + list(registry.names)
        close = difflib.get_close_matches(args.rule, keys, n=3, cutoff=0.6) or difflib.get_close_matches(args.rule.upper(), keys, n=3, cutoff=0.6)
        found = said("usage.no-rule-close", rule=repr(args.rule), close=", ".join(close)) if close else said("usage.no-rule", rule=repr(args.rule))
        error(translator(chosen_language(args), registry).error(found))
        return EXIT_ERROR
    write(explain(rule, use_color("auto"), translator(chosen_language(args), registry)))
    return _finish(registry)


def handle_plugins(args: argparse.Namespace) -> int:
    from partnercheck.catalog.explain import plugins_json, plugins_table
    from partnercheck.report.i18n import translator

    registry = registry_from(args)
    write(plugins_json(registry) if args.format == "json" else plugins_table(registry, use_color("auto"), translator(chosen_language(args), registry)))
    return _finish(registry)


def handle_schema(args: argparse.Namespace) -> int:
    from partnercheck.resources import load_schema

    write(json.dumps(load_schema(args.name), ensure_ascii=False, indent=2) + "\n")
    return EXIT_CLEAN
