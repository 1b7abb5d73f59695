"""The partnership at a glance, for the HTML report: objectives, governance bodies, evaluation calendar, signatures.

Plain rows of text in the report's language, read from the charter's data
(anything of the wrong shape is left out: the schema check reports it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, NamedTuple

from partnercheck.report.formats.partner_map import item_name, short_name, text_of
from partnercheck.report.i18n import Translator
from partnercheck.rules.context import Charter, Item, refs

#: The charter's enumerated values the report shows (charter.schema.json), as people read them in English;
#: other languages translate them (locale/<lang>/LC_MESSAGES/partnercheck.po), a value outside the schema is shown as written.
STATUSES = ("draft", "signed", "active", "ended", "observer", "left")
PARTNER_TYPES = (
    "institution",
    "local authority",
    "funder",
    "employer",
    "employer federation",
    "training body",
    "public employment service",
    "association",
    "beneficiary representative",
    "other",
)
PARTICIPATION = ("manipulation", "therapy", "informing", "consultation", "placation", "partnership", "delegated_power", "citizen_control")
LEVELS = ("strategic", "operational", "working group")
DECISION_RULES = ("consensus", "consent", "majority", "qualified majority", "pilot decides")


def value_in(tr: Translator, value: Any, known: tuple[str, ...]) -> str:
    """An enumerated value of the charter in the report's language; anything else as written."""
    text = text_of(value)
    key = text if text in known else text.replace("_", " ")
    return tr.words(key) if key in known else text


class ObjectiveRow(NamedTuple):
    """One row of the objectives table, in words: who answers for what, by when, measured how."""

    statement: str
    target: str
    deadline: str
    measures: tuple[str, ...]
    accountable: str
    contributors: tuple[str, ...]
    endorsed_by: str


@dataclass(frozen=True)
class BodyRow:
    name: str
    level: str
    members: tuple[str, ...]
    rhythm: str
    decision_rule: str
    quorum: str


@dataclass(frozen=True)
class CalendarRow:
    what: str
    when: str
    who: str


@dataclass(frozen=True)
class SignatureRow:
    name: str
    type: str
    representative: str
    status: str
    signed: str  # "yes", "no" or "unknown": the row's class


@dataclass(frozen=True)
class BeneficiaryRow:
    group: str
    represented_by: tuple[str, ...]
    seats: tuple[str, ...]
    participation: str


@dataclass(frozen=True)
class Glance:
    objectives: tuple[ObjectiveRow, ...]
    bodies: tuple[BodyRow, ...]
    calendar: tuple[CalendarRow, ...]
    signatures: tuple[SignatureRow, ...]
    signed_summary: str
    beneficiaries: tuple[BeneficiaryRow, ...]


def glance(data: Mapping[str, Any], tr: Translator) -> Glance:
    charter = Charter(data)
    signatures = tuple(_signature(charter, p, tr) for p in charter.partners if p.id)
    return Glance(
        objectives=tuple(_objective(charter, o, tr) for o in charter.objectives),
        bodies=tuple(_body(charter, b, tr) for b in charter.bodies),
        calendar=tuple(_calendar(charter, tr)),
        signatures=signatures,
        signed_summary=_signed_summary(signatures, tr),
        beneficiaries=tuple(_beneficiary(charter, b, tr) for b in charter.beneficiaries),
    )


def _names(charter: Charter, value: Any) -> tuple[str, ...]:
    """Partners named in a list, by their short names (the signatures table has the full ones)."""
    return tuple(short_name(item_name(charter.partners_by_id.get(r))) or r for r in refs(value))


def _endorsed(charter: Charter, value: Any, tr: Translator) -> str:
    if value == "all":
        return tr.words("all partners")
    return ", ".join(_names(charter, value))


def _objective(charter: Charter, item: Item, tr: Translator) -> ObjectiveRow:
    v = item.value
    return ObjectiveRow(
        statement=item_name(item, "statement"),
        target=text_of(v.get("target")),
        deadline=tr.date(text_of(v.get("deadline"))),
        measures=tuple(item_name(charter.measures_by_id.get(r)) or r for r in refs(v.get("measures"))),
        accountable=", ".join(_names(charter, v.get("accountable"))),
        contributors=_names(charter, v.get("contributors")),
        endorsed_by=_endorsed(charter, v.get("endorsed_by"), tr),
    )


def _every(tr: Translator, months: Any, one: str = "every month", many: str = "every {n} months") -> str:
    if isinstance(months, bool) or not isinstance(months, (int, float)) or months <= 0:
        return ""
    return tr.words(one) if months == 1 else tr.words(many, n=tr.number(months))


def _body(charter: Charter, item: Item, tr: Translator) -> BodyRow:
    v = item.value
    return BodyRow(
        name=item_name(item),
        level=value_in(tr, v.get("level"), LEVELS),
        members=_names(charter, v.get("members")),
        rhythm=_every(tr, v.get("meets_every_months")),
        decision_rule=value_in(tr, v.get("decision_rule"), DECISION_RULES),
        quorum=" ".join(text_of(v.get("quorum")).split()),
    )


def _calendar(charter: Charter, tr: Translator) -> list[CalendarRow]:
    """Recurring evaluations (measures, the partnership's health review, the charter's review), then dated deadlines."""
    rows = []
    for measure in charter.measures:
        v = measure.value
        rows.append(CalendarRow(tr.words("Measure: {name}", name=item_name(measure)), _every(tr, v.get("frequency_months")) or tr.words("not stated"), ", ".join(_names(charter, v.get("collected_by")))))
    review = charter.section("evaluation", "partnership_review")
    if review:
        when = _every(tr, review.get("every_months")) or tr.words("not stated")
        last = text_of(review.get("last_done"))
        rows.append(CalendarRow(tr.words("Review of the partnership's health"), _last(tr, when, last), text_of(review.get("method"))))
    charter_review = charter.section("charter", "review")
    if charter_review:
        when = _every(tr, charter_review.get("every_months")) or tr.words("not stated")
        rows.append(CalendarRow(tr.words("Review of the charter"), _last(tr, when, text_of(charter_review.get("last_done"))), ""))
    dated = [(text_of(o.value.get("deadline")), tr.words("Deadline: {name}", name=item_name(o, "statement")), ", ".join(_names(charter, o.value.get("accountable")))) for o in charter.objectives]
    term = text_of(charter.section("pilot", "mandate").get("term_until"))
    dated.append((term, tr.words("End of the pilot's mandate"), ", ".join(_names(charter, charter.pilot_ids))))
    dated.append((text_of(charter.section("charter", "period").get("end")), tr.words("End of the charter's period"), ""))
    rows += [CalendarRow(what, tr.date(when), who) for when, what, who in sorted(d for d in dated if d[0])]
    return rows


def _last(tr: Translator, when: str, last: str) -> str:
    return tr.words("{when} (last done {date})", when=when, date=tr.date(last)) if last else when


def _signature(charter: Charter, item: Item, tr: Translator) -> SignatureRow:
    v = item.value
    found = v.get("representative")
    rep: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
    person = ", ".join(x for x in (text_of(rep.get("name")), text_of(rep.get("role"))) if x)
    signed = v.get("signed")
    return SignatureRow(
        name=item_name(item),
        type=value_in(tr, v.get("type"), PARTNER_TYPES),
        representative=person,
        status=value_in(tr, v.get("status") or "active", STATUSES),
        signed="yes" if signed is True else "no" if signed is False else "unknown",
    )


def _signed_summary(rows: tuple[SignatureRow, ...], tr: Translator) -> str:
    signed = sum(1 for r in rows if r.signed == "yes")
    return tr.ngettext("{signed} of {n} partner has signed.", "{signed} of {n} partners have signed.", len(rows), signed=signed)


def _beneficiary(charter: Charter, item: Item, tr: Translator) -> BeneficiaryRow:
    v = item.value
    return BeneficiaryRow(
        group=item_name(item, "group"),
        represented_by=_names(charter, v.get("represented_by")),
        seats=tuple(item_name(charter.bodies_by_id.get(r)) or r for r in refs(v.get("seats"))),
        participation=value_in(tr, v.get("participation"), PARTICIPATION),
    )
