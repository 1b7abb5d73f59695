"""A message shown to users starts with a capital letter, in English and in French, wherever it starts a sentence.

The exceptions, each for a reason:
- a phrase filled into another message (`got a list` in "… must be a mapping; got a list"), not a sentence;
- a template that opens with a parameter (`{field}`, `{path}`): the parameter's own text starts it
  (a field name in backticks, a path, a phrase tested below);
- the errors that continue the line `partnercheck: error: …` on standard error, as argparse's own do;
- a message that starts with the program's name, written in lower case: `partnercheck failed …`.
"""

from __future__ import annotations

import pytest

from partnercheck.findings import Text
from partnercheck.report.i18n import Translator
from partnercheck.report.messages import CORE

#: Phrases filled into other messages, mid-sentence.
PHRASES = {
    "rule.not-stated-in-charter",  # a rule's {problem}, after a colon: "No pilot is designated: the charter does not state `pilot`."
    *(f"rule.duty-{kind}" for kind in ("review", "objective", "responsibility", "body")),
    *(f"SCH01.{kind}" for kind in ("got-empty", "got-mapping", "got-list", "got-text", "got-number", "got-boolean", "got")),
    *(f"SCH01.{kind}" for kind in ("a-mapping", "a-list", "text", "a-whole-number", "a-number", "true-or-false", "empty", "partner-ids")),
    "SUP02.on-this-line",
    "SUP02.on-line",
    "SUP02.in-this-file",
    "suppression.baseline",  # a suppression's reason, after "suppressed by baseline: " (JUnit) or "baseline — " (Markdown)
    "suppression.already-at",
}
#: Errors that continue the line `partnercheck: error: ` on standard error.
AFTER_ERROR = ("run.", "usage.", "config.")
#: Messages that start with the program's name.
NAMED = {"INT01.stage"}
LANGS = ("en", "fr")


def test_the_exceptions_are_current() -> None:
    assert PHRASES | NAMED <= set(CORE)
    assert all(CORE[id][:1].islower() for id in PHRASES | NAMED), "an exception that starts with a capital is no exception: remove it"


@pytest.mark.parametrize("lang", LANGS)
def test_every_core_message_starts_with_a_capital(lang: str) -> None:
    tr = Translator(lang)
    lower = []
    for id in CORE:
        if id in PHRASES | NAMED or id.startswith(AFTER_ERROR):
            continue
        template = tr._template(id) or ""
        first = template[:1]
        if first == "{" or not first.isalpha():
            continue
        if not first.isupper():
            lower.append(f"{id}: {template}")
    assert not tr.missing, sorted(tr.missing)
    assert not lower, "starts in lower case:\n" + "\n".join(lower)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "text",
    [
        Text("SUP03.expired", {"waiver": Text("SUP.waiver", {"rule": "PIL01"}), "date": "2026-01-01"}),
        Text("SUP02.waiver-unused", {"waiver": Text("SUP.waiver-at", {"rule": "PIL01", "at": "/pilot"}), "rule": "PIL01"}),
        Text("SCH01.kind", {"field": Text("SCH01.the-document"), "kinds": Text("SCH01.a-mapping"), "got": Text("SCH01.got-list")}),
        Text("SCH01.required", {"field": Text("SCH01.the-document"), "key": "partnercheck"}),
    ],
    ids=["waiver", "waiver-at", "document-kind", "document-required"],
)
def test_a_phrase_that_opens_a_message_starts_with_a_capital(lang: str, text: Text) -> None:
    rendered = Translator(lang).render(text) or ""
    assert rendered[:1].isupper(), rendered


@pytest.mark.parametrize("lang", LANGS)
def test_the_yaml_cause_messages_start_with_a_capital(lang: str) -> None:
    from partnercheck.testing import lint_text

    tr = Translator(lang)
    texts = ["a: [1, 2\nb: 3\n", "a:\n\tb: 1\n", "title: Objet: formation\n", "a: 'it is\nb: 2\n"]
    messages = [tr.finding(f).message for text in texts for f in lint_text("partnercheck: 1\n" + text) if f.code == "DOC01"]
    assert len(messages) == len(texts)
    assert all(m[:1].isupper() for m in messages), messages
