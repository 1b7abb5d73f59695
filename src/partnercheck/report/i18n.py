"""The words partnercheck shows, in the user's language (`--lang`, `lang:` in configuration).

A finding carries what it says as ids with parameters (`Finding.text`,
`Finding.hint_text`); its text is rendered from them for the run's language
just before its reporters see it, so caches, baselines and rule code never
depend on the language, and no text is ever read back. Templates come from:

- a rule's messages and hint in its pack (`CODE:key`, `CODE:hint`), and the
  pack's `translations: {fr: …}` keyed the same way;
- partnercheck's own messages (report/messages.py holds their English), and
  the reporters' words, translated by the gettext catalog
  `locale/<lang>/LC_MESSAGES/partnercheck.po` (report/catalogs.py), plural
  forms included (`Translator.ngettext`);
- nothing: a text with no translation is shown in English, and its id is
  recorded in `Translator.missing` / `missing_words` (tests keep the corpus
  free of misses).
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Any, Iterable, Mapping

from partnercheck.findings import VERBATIM, Text
from partnercheck.report.catalogs import Catalog, load
from partnercheck.report.grouped import grouped_message
from partnercheck.report.messages import CORE, fill, param_text

LANGUAGES = ("en", "fr")
DEFAULT_LANGUAGE = "en"


def default_language(environ: Mapping[str, str] | None = None) -> str:
    """`fr` when LC_ALL, LC_MESSAGES or LANG (the first set, in that order) is French; `en` otherwise."""
    import os

    env = os.environ if environ is None else environ
    for key in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(key, "")
        if value:
            return "fr" if value.lower().startswith("fr") else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


_DECIMAL_COMMA = frozenset({"fr"})
_MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre")
#: The `msgctxt` of what a rule's message parameter stands for (`partnercheck rule --lang fr`).
PARAMETER_CONTEXT = "parameter"
#: The `msgctxt` of a rule's grounding (`UK PAT principle 5`), translated where a proper name is not enough.
GROUNDING_CONTEXT = "grounding"
#: The `msgctxt` of the charter schema's descriptions (schemas/charter.schema.json), shown by the editor's hover.
SCHEMA_CONTEXT = "schema"


@lru_cache(maxsize=4)
def catalog(lang: str) -> Catalog:
    """The gettext catalog of `lang`, read once per process; English has none."""
    return Catalog(lang) if lang == DEFAULT_LANGUAGE else load(lang)


class Translator:
    """Renders one run's texts in `lang` from their ids and parameters."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE, rules: Iterable[Any] = ()) -> None:
        self.lang = lang
        self.catalog = catalog(lang)
        self.missing: set[str] = set()  # message ids with no translation
        self.missing_words: set[str] = set()  # reporters' words with no translation
        self.used: set[str] = set()  # the catalog's keys that translated something
        self._rules = {rule.code: rule for rule in rules}
        self._rendered: dict[Any, str | None] = {}

    @property
    def english(self) -> bool:
        return self.lang == DEFAULT_LANGUAGE

    def words(self, text: str, **params: Any) -> str:
        """A reporter's words: `text` is the English `msgid`; its translation is filled with `params`."""
        template = text if self.english else self.catalog.get(text)
        if template is None:
            self.missing_words.add(text)
            template = text
        return fill(template, {k: str(v) for k, v in params.items()})

    def ngettext(self, one: str, many: str, n: int, **params: Any) -> str:
        """Words that depend on a count `n` (`{n} error` / `{n} errors`), in the catalog's plural form for `n`."""
        template = (one if n == 1 else many) if self.english else self.catalog.nget(one, n)
        if template is None:
            self.missing_words.add(one)
            template = one if n == 1 else many
        return fill(template, {k: str(v) for k, v in {"n": n, **params}.items()})

    def render(self, text: Text) -> str | None:
        """`text` in this language (English where no translation exists); None for a rule this run does not know.

        A text rendered before is not rendered again: a run repeats the same messages (a partner in too many
        partnerships is named in each of them), and rendering depends on nothing but the text and this language."""
        key = _frozen(text)
        if key is None:
            return self._render(text)
        if key not in self._rendered:
            self._rendered[key] = self._render(text)
        return self._rendered[key]

    def _render(self, text: Text) -> str | None:
        template = self._template(text.id)
        if template is None:
            return None
        return fill(template, {k: param_text(v, self._phrase) for k, v in text.params.items()})

    def _phrase(self, text: Text) -> str:
        done = self.render(text)
        return done if done is not None else text.id

    def _template(self, id: str) -> str | None:
        if id == VERBATIM:
            return "{text}"
        code, rule_sep, key = id.partition(":")
        if rule_sep:
            return self._rule_template(code, key)
        english = CORE.get(id)
        if english is None:
            self.missing.add(id)
            return id
        if self.english:
            return english
        found = self.catalog.get(english, context=id)
        if found is None:
            self.missing.add(id)
            return english
        self.used.add(id)
        return found

    def _rule_template(self, code: str, key: str) -> str | None:
        rule = self._rules.get(code)
        if rule is None:
            return None
        if key == "hint":
            english, translated = rule.hint, rule_translation(rule, self.lang).get("hint")
        else:
            key = key if rule.messages.get(key) else "default"
            english = rule.messages.get(key) or rule.summary
            translated = (rule_translation(rule, self.lang).get("messages") or {}).get(key)
        if self.english or not english:
            return english
        if not isinstance(translated, str) or not translated:
            self.missing.add(f"{code}:{key}")
            return english
        return translated

    def parameter(self, name: str) -> str:
        """What a message's `{name}` stands for, to show a reader with no finding at hand: `problème` for `problem`."""
        return self.catalog.get(name, context=PARAMETER_CONTEXT) or name

    def grounding(self, item: str) -> str:
        """One of a rule's groundings in this language (`UK PAT, principe 5`); a name the catalog does not hold as written."""
        return item if self.english else self.catalog.get(item, context=GROUNDING_CONTEXT) or item

    def schema_description(self, text: str) -> str:
        """A description of the charter schema in this language; a plugin's own (no translation held) as written."""
        return text if self.english else self.catalog.get(text, context=SCHEMA_CONTEXT) or text

    def number(self, value: float) -> str:
        """A score for people: `92.5` in English, `92,5` in French (the decimal comma)."""
        text = f"{value:g}"
        return text.replace(".", ",") if self.lang in _DECIMAL_COMMA else text

    def date(self, text: str) -> str:
        """A YYYY-MM-DD date for people: as written in English, `1er septembre 2026` in French; anything else as given."""
        parts = text.split("-")
        if self.lang != "fr" or len(text) != 10 or len(parts) != 3 or not all(p.isascii() and p.isdigit() for p in parts):
            return text
        year, month, day = (int(part) for part in parts)
        if not 1 <= month <= 12 or not 1 <= day <= 31 or len(parts[0]) != 4:
            return text
        return f"{'1er' if day == 1 else day} {_MONTHS_FR[month - 1]} {year}"

    def rule_field(self, rule: Any, name: str) -> str:
        """A rule's `summary`, `why` or `hint` in this language (English when the pack gives no translation)."""
        translated = rule_translation(rule, self.lang).get(name)
        return translated if isinstance(translated, str) and translated else getattr(rule, name)

    def option_description(self, rule: Any, name: str) -> str:
        """What a rule's option controls, in this language (English when the pack gives no translation)."""
        translated = (rule_translation(rule, self.lang).get("options") or {}).get(name)
        return translated if isinstance(translated, str) and translated else rule.options[name].description

    def finding(self, finding: Any) -> Any:
        """A copy of `finding` with its message and hint rendered in this language (as it was for an unknown rule)."""
        message = self.render(finding.text) if finding.text is not None else None
        hint = self.render(finding.hint_text) if finding.hint_text is not None else None
        suppression = self._suppression(finding.suppression)
        if message is None and hint is None:
            return finding if suppression is finding.suppression else replace(finding, suppression=suppression)
        if message is not None and ":" not in finding.text.id:
            from partnercheck.printable import visible

            message = visible(message)  # a core message quotes the file's text as it is (a rule's parameters are made visible before)
        message = grouped_message(self, finding, message if message is not None else finding.message)
        return replace(finding, message=message, hint=hint or (finding.hint if hint is None else None), suppression=suppression)

    def _suppression(self, suppression: Any) -> Any:
        """A suppression whose reason partnercheck wrote (the baseline's, `--base`'s) in this language; a person's reason as written."""
        if suppression is None or self.english or not isinstance(getattr(suppression.reason, "text", None), Text):
            return suppression
        return replace(suppression, reason=self.error(suppression.reason))

    def error(self, error: str) -> str:
        """An error shown on standard error in this language: one made by `messages.said` is rendered again, other text kept."""
        text = getattr(error, "text", None)
        if isinstance(text, Text) and not self.english:
            return self.render(text) or error
        return error


_NUMBERS = (int, float, bool, type(None))


def _frozen(text: Text) -> Any:
    """A hashable form of a `Text` that tells apart any two that render differently (`1`, `1.0` and `True` too);
    None when a parameter is of a kind no message uses (then the text is rendered every time)."""
    parts: list[Any] = [text.id]
    for name, value in text.params.items():
        kind = type(value)
        if kind is str:
            parts.append((name, value))
        elif kind in _NUMBERS:
            parts.append((name, kind, value))
        elif kind is Text:
            inner = _frozen(value)
            if inner is None:
                return None
            parts.append((name, inner))
        elif kind in (list, tuple) and all(type(item) is str for item in value):
            parts.append((name, list, tuple(value)))  # a list and a tuple of the same words render alike
        else:
            return None
    return tuple(parts)


def rule_translation(rule: Any, lang: str) -> Mapping[str, Any]:
    """A rule's `translations` entry for `lang`: {} when its pack gives none."""
    translations = getattr(rule, "translations", None) or {}
    found = translations.get(lang)
    return found if isinstance(found, Mapping) else {}


def charter_language(files: Iterable[Any]) -> str:
    """The language the charters are written in (`charter.language`, `fr-FR` read as `fr`) when all that
    state one agree on a supported language; "" otherwise. A report follows its partners' language."""
    found = set()
    for file in files:
        lang = file.stated_language
        if isinstance(lang, str) and lang.strip():
            found.add(lang.strip().lower().replace("_", "-").split("-")[0])
    return found.pop() if len(found) == 1 and found <= set(LANGUAGES) else ""


def stated_in(data: Any) -> Any:
    """`charter.language` in a charter's data, None when unstated (a version `diff` and `history` compare)."""
    charter = data.get("charter") if isinstance(data, dict) else None
    return charter.get("language") if isinstance(charter, dict) else None


def run_translator(lang: str, files: Iterable[Any], registry: Any = None) -> Translator:
    """The translator of a run's findings: the language set (settings, environment, configuration),
    else the charters' own (`charter_language`), else the locale's. `check`, `report` and the server agree."""
    return translator(lang or charter_language(files) or default_language(), registry)


def translator(lang: str, registry: Any = None) -> Translator:
    """The translator for a run: the registry's rules bring their packs' translations."""
    rules = registry.rules.values() if registry is not None else ()
    return Translator(lang, rules)


def of(options: Mapping[str, Any]) -> Translator:
    """The translator a reporter was given in its options (`translator`), else English."""
    found = options.get("translator")
    return found if isinstance(found, Translator) else Translator()


def translate_run(run: Any, tr: Translator) -> None:
    """Put a run's findings and errors in the translator's language, in place: after caching and the baseline, before reporters."""
    if not tr.english:  # the engine stamped the English already, but for the count of a grouped finding
        run.errors = [tr.error(e) for e in run.errors]
    for file in run.files:
        file.findings = [tr.finding(f) if f.related or not tr.english else f for f in file.findings]
