"""The words partnercheck shows, in the user's language (`--lang`, `lang:` in configuration).

Findings are produced and cached in English; a run is translated just before
its reporters see it, so caches, baselines and rule code never depend on the
language. Three sources of French:

- a rule's `translations: {fr: …}` in its pack (summary, why, messages, hint):
  an English message is matched against the rule's English templates and
  rendered again with the French template and the same parameters;
- the catalog `locale/<lang>/`: `messages.yaml` translates whole messages and
  hints of the core findings (DOC, SCH, REF, SUP, INT…) and the phrases they
  embed, the same way; `words.yaml` holds the reporters' words, looked up
  exactly by their English template;
- nothing: a text with no translation is shown in English, and recorded in
  `Translator.missing` / `missing_words` (tests keep the corpus free of misses).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

from partnercheck.resources import locale_dir
from partnercheck.rules.model import ASIDE

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


_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_TOKEN = re.compile(ASIDE.pattern + r"|\{([A-Za-z_][A-Za-z0-9_]*)\}")  # an aside ` ({name})`, or a plain `{name}`
_LITERAL_START = ('"', "`", "«", "'")  # a quoted value or a code span is the user's text: never translated
_NEVER = re.compile(r"(?!)")  # matches nothing
_DECIMAL_COMMA = frozenset({"fr"})
_MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre")
_MESSAGE_WORDS = 8  # a catalog template with fewer literal characters joins phrases; it is no whole message
#: Parameters that hold partnercheck's own English words, never the charter's: only these are translated,
#: and one left untranslated is a miss. Any other parameter (an id, a name, a count, a value) stays as written.
_PHRASES = frozenset({"problem", "field", "kinds", "got", "what", "waiver", "guess", "where", "one", "other", "kind"})


@dataclass(frozen=True)
class Pattern:
    """An English template turned into a regular expression, with the template to render instead."""

    regex: re.Pattern[str]
    target: str
    literal: int = 0  # how many characters of the template are not parameters
    source: str = ""  # the English template

    def apply(self, text: str, translate: Any) -> str | None:
        """`text` in the target language, its parameters passed through `translate(name, value)`; None if it does not match."""
        found = self.regex.fullmatch(text)
        if found is None:
            return None
        params = {name: translate(name, value or "") for name, value in found.groupdict().items()}
        target = ASIDE.sub(lambda m: "" if params.get(m.group(1), None) == "" else m.group(0), self.target)
        return _PLACEHOLDER.sub(lambda m: params.get(m.group(1), m.group(0)), target)


def compile_pattern(source: str, target: str) -> Pattern:
    """`{name}` in `source` matches any text (the same text where it repeats); the rest matches literally.

    Two parameters with nothing between them (`{a}{b}`, which a plugin's pack
    may hold) cannot be told apart, and their regular expression could take
    exponential time: such a template matches nothing, and its findings stay
    in English.
    """
    parts: list[str] = []
    seen: set[str] = set()
    last = 0
    for match in _TOKEN.finditer(source):
        if match.group(2) and match.start() == last and last > 0:  # an aside brings its own " (" and ")"
            return Pattern(_NEVER, target, 0, source)
        parts.append(re.escape(source[last : match.start()]))
        name = match.group(1) or match.group(2)
        if name in seen:
            parts.append(f"(?P={name})")
        elif match.group(1):  # ` ({name})`, which an empty parameter leaves out (rules.ASIDE)
            parts.append(f"(?: \\((?P<{name}>.*?)\\))?")
        else:
            parts.append(f"(?P<{name}>.*?)")
        seen.add(name)
        last = match.end()
    parts.append(re.escape(source[last:]))
    return Pattern(re.compile("".join(parts), re.DOTALL), target, len(_PLACEHOLDER.sub("", source)), source)


@dataclass(frozen=True)
class Catalog:
    """One language's catalog: `patterns` (whole texts, with parameters) and `words` (exact keys)."""

    lang: str
    patterns: tuple[Pattern, ...] = ()
    exact: Mapping[str, str] = field(default_factory=dict)
    words: Mapping[str, str] = field(default_factory=dict)
    parameters: Mapping[str, str] = field(default_factory=dict)  # what `{name}` stands for, for a reader


@lru_cache(maxsize=4)
def catalog(lang: str) -> Catalog:
    """The catalog of `lang`, read once per process; English has none."""
    if lang == DEFAULT_LANGUAGE:
        return Catalog(lang)
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=False)
    patterns = yaml.load(catalog_path(lang, "messages").read_text(encoding="utf-8")) or {}
    words = yaml.load(catalog_path(lang, "words").read_text(encoding="utf-8")) or {}
    parameters = yaml.load(catalog_path(lang, "parameters").read_text(encoding="utf-8")) or {}
    return replace(build_catalog(lang, patterns, words), parameters=dict(parameters))


def build_catalog(lang: str, patterns: Mapping[str, str], words: Mapping[str, str]) -> Catalog:
    """A catalog from its entries: templates without parameters are looked up exactly, the others matched."""
    exact = {k: v for k, v in patterns.items() if not _PLACEHOLDER.search(k)}
    templates = (compile_pattern(k, v) for k, v in patterns.items() if _PLACEHOLDER.search(k))
    compiled = tuple(sorted((p for p in templates if p.literal), key=_specific_first))  # a bare "{x}" would match its own parameter for ever
    return Catalog(lang, compiled, exact, dict(words))


def catalog_path(lang: str, part: str) -> Path:
    """`locale/<lang>/<part>.yaml`: `messages` (findings' texts), `words` (reporters' words) or `parameters`."""
    return locale_dir() / lang / f"{part}.yaml"


class Translator:
    """Translates one run's texts into `lang`; for English it returns every text unchanged."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE, rules: Iterable[Any] = ()) -> None:
        self.lang = lang
        self.catalog = catalog(lang)
        self.missing: set[str] = set()  # findings' texts with no translation
        self.missing_words: set[str] = set()  # reporters' words with no translation
        self.used: set[str] = set()  # the catalog's English templates that translated something
        self._rules = {rule.code: rule for rule in rules}
        self._rule_patterns: dict[str, tuple[tuple[Pattern, ...], tuple[Pattern, ...]]] = {}

    @property
    def english(self) -> bool:
        return self.lang == DEFAULT_LANGUAGE

    def words(self, text: str, **params: Any) -> str:
        """A reporter's words: `text` is the English template; its translation is filled with `params`."""
        template = text if self.english else self.catalog.words.get(text)
        if template is None:
            self.missing_words.add(text)
            template = text
        return _PLACEHOLDER.sub(lambda m: str(params[m.group(1)]) if m.group(1) in params else m.group(0), template)

    def text(self, text: str, code: str = "", hint: bool = False) -> str:
        """A finding's message (or hint): through its rule's translations, else the catalog's patterns."""
        if self.english or not text:
            return text
        messages, hints = self._patterns_of(code)
        for pattern in hints if hint else messages:
            done = pattern.apply(text, self._param)
            if done is not None:
                return done
        done = self._phrase(text, whole=True)
        if done is None:
            self.missing.add(text)
            return text
        return done

    def _param(self, name: str, value: str) -> str:
        """A parameter inside a message: one of partnercheck's own phrases (`_PHRASES`) is translated, any other kept.

        A phrase the catalog does not know is a miss, unless it is a quoted
        value or a code span: the charter's own text (`"all"` in `"all" or a list`).
        """
        if name not in _PHRASES or not value:
            return value
        done = self._phrase(value)
        if done is None and not value.startswith(_LITERAL_START):
            self.missing.add(value)
        return value if done is None else done

    def _phrase(self, text: str, whole: bool = False) -> str | None:
        """`text` translated by the catalog; a `whole` message is never matched by a bare combinator like `{one} or {other}`."""
        exact = self.catalog.exact.get(text)
        if exact is not None:
            self.used.add(text)
            return exact
        for pattern in self.catalog.patterns:
            if whole and pattern.literal < _MESSAGE_WORDS:
                continue
            done = pattern.apply(text, self._param)
            if done is not None:
                self.used.add(pattern.source)
                return done
        return None

    def parameter(self, name: str) -> str:
        """What a message's `{name}` stands for, to show a reader with no finding at hand: `problème` for `problem`."""
        return self.catalog.parameters.get(name, name)

    def number(self, value: float) -> str:
        """A score for people: `92.5` in English, `92,5` in French (the decimal comma)."""
        text = f"{value:g}"
        return text.replace(".", ",") if self.lang in _DECIMAL_COMMA else text

    def date(self, text: str) -> str:
        """A YYYY-MM-DD date for people: as written in English, `1er septembre 2026` in French; anything else as given."""
        found = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
        if self.lang != "fr" or found is None or not 1 <= int(found.group(2)) <= 12 or not 1 <= int(found.group(3)) <= 31:
            return text
        year, month, day = (int(part) for part in found.groups())
        return f"{'1er' if day == 1 else day} {_MONTHS_FR[month - 1]} {year}"

    def rule_field(self, rule: Any, name: str) -> str:
        """A rule's `summary`, `why` or `hint` in this language (English when the pack gives no translation)."""
        translated = rule_translation(rule, self.lang).get(name)
        return translated if isinstance(translated, str) and translated else getattr(rule, name)

    def option_description(self, rule: Any, name: str) -> str:
        """What a rule's option controls, in this language (English when the pack gives no translation)."""
        translated = (rule_translation(rule, self.lang).get("options") or {}).get(name)
        return translated if isinstance(translated, str) and translated else rule.options[name].description

    def _patterns_of(self, code: str) -> tuple[tuple[Pattern, ...], tuple[Pattern, ...]]:
        if code not in self._rule_patterns:
            rule = self._rules.get(code)
            french = rule_translation(rule, self.lang) if rule is not None else {}
            targets = french.get("messages") or {}
            messages = [compile_pattern(en, targets[key]) for key, en in rule.messages.items() if key in targets and _PLACEHOLDER.sub("", en).strip()] if rule else []
            hints = [compile_pattern(rule.hint, french["hint"])] if rule is not None and rule.hint and french.get("hint") else []
            self._rule_patterns[code] = (tuple(sorted(messages, key=_specific_first)), tuple(hints))
        return self._rule_patterns[code]

    def finding(self, finding: Any) -> Any:
        """A copy of `finding` with its message and hint in this language."""
        if self.english:
            return finding
        hint = self.text(finding.hint, finding.code, hint=True) if finding.hint else finding.hint
        return replace(finding, message=self.text(finding.message, finding.code), hint=hint)


#: Languages whose singular also covers 0 ("0 erreur"); elsewhere only 1 is singular ("0 errors").
_SINGULAR_ZERO = frozenset({"fr"})


def singular(n: int, lang: str) -> bool:
    """Whether `n` takes the singular form in `lang`."""
    return n == 1 or (n == 0 and lang in _SINGULAR_ZERO)


def counted(tr: Translator, n: int, one: str, many: str, **params: Any) -> str:
    """`n` with its words in the translator's language: `one` ("{n} error") and `many`
    ("{n} errors") are the English templates, each a key of locale/<lang>/words.yaml."""
    return tr.words(one if singular(n, tr.lang) else many, n=n, **params)


def rule_translation(rule: Any, lang: str) -> Mapping[str, Any]:
    """A rule's `translations` entry for `lang`: {} when its pack gives none."""
    translations = getattr(rule, "translations", None) or {}
    found = translations.get(lang)
    return found if isinstance(found, Mapping) else {}


def _specific_first(pattern: Pattern) -> int:
    """Templates with more literal text are tried first, so a bare `{problem}` never shadows a precise one."""
    return -pattern.literal


def charter_language(files: Iterable[Any]) -> str:
    """The language the charters are written in (`charter.language`, `fr-FR` read as `fr`) when all that
    state one agree on a supported language; "" otherwise. A report follows its partners' language."""
    found = set()
    for file in files:
        data = file.data if isinstance(file.data, dict) else {}
        charter = data.get("charter") if isinstance(data.get("charter"), dict) else {}
        lang = charter.get("language")
        if isinstance(lang, str) and lang.strip():
            found.add(lang.strip().lower().replace("_", "-").split("-")[0])
    return found.pop() if len(found) == 1 and found <= set(LANGUAGES) else ""


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
    if tr.english:
        return
    for file in run.files:
        file.findings = [tr.finding(f) for f in file.findings]
    run.errors = [tr.text(e) for e in run.errors]
