"""The starter charter written by `partnercheck init`, in English or French.

Every section of the format is present: the required ones with values to
fill in, the others empty (`{}` or `[]`) and followed by commented lines
showing what to write. The result parses with no document, schema or
reference finding; the health rules then tell the author what is left.
"""

from __future__ import annotations

from string import Template
from typing import Sequence

from .i18n import LANGUAGES

#: How a partner type is named in a starter, per language.
TYPE_LABELS: dict[str, dict[str, str]] = {
    "institution": {"en": "The public institution, e.g. the education authority", "fr": "L'institution, par exemple le rectorat"},
    "local_authority": {"en": "The local authority, e.g. the region", "fr": "La collectivité territoriale, par exemple la région"},
    "funder": {"en": "The funder", "fr": "Le financeur, par exemple l'OPCO"},
    "employer": {"en": "The employer", "fr": "L'employeur"},
    "employer_federation": {"en": "The employers' federation", "fr": "La fédération d'employeurs"},
    "training_body": {"en": "The training body", "fr": "L'organisme de formation"},
    "public_employment_service": {"en": "The public employment service", "fr": "Le service public de l'emploi, France Travail"},
    "association": {"en": "The association", "fr": "L'association"},
    "beneficiary_representative": {"en": "The beneficiaries' representative", "fr": "Le représentant des bénéficiaires"},
    "other": {"en": "A partner", "fr": "Un partenaire"},
}

_TO_FILL = {"en": "to fill in", "fr": "à compléter"}


def starter(lang: str = "en", partner_types: Sequence[str] = ("other",), profile: str | None = None) -> str:
    """The starter text: one example partner per type in `partner_types`, the profile named if given."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: choose {' or '.join(LANGUAGES)}")
    profile_line = f"  profile: {profile}" if profile else _PROFILE_HINT[lang]
    return _TEMPLATES[lang].substitute(profile=profile_line, partners=_partners(lang, partner_types))


def _partners(lang: str, types: Sequence[str]) -> str:
    blocks = []
    for index, kind in enumerate(dict.fromkeys(types)):
        label = TYPE_LABELS.get(kind, {}).get(lang) or kind.replace("_", " ")
        ident = kind.replace("_", "-")
        blocks.append(_PARTNER[lang].substitute(id=ident, name=f"{label} ({_TO_FILL[lang]})", type=kind, sep="" if index == 0 else "\n"))
    return "".join(blocks)


_PROFILE_HINT = {
    "en": "  # profile: training-platform   # a kind of partnership: adds the partner types it expects",
    "fr": "  # profile: training-platform   # un type de partenariat : ajoute les types de partenaires attendus",
}

_PARTNER = {
    "en": Template(
        """$sep  - id: $id
    name: "$name"
    type: $type
    # sector: public                  # public | private | civil_society
    # mission: what this partner is for
    # representative: {name: the person who speaks for it, role: their role, mandate_ref: the act that mandates them}
    # interests: [what it expects to gain from the partnership]
    # contributions: [{kind: staff, description: what it brings}]   # funding | staff | in_kind | expertise | network | premises
    # specificities: [its constraints, culture and decision cycles the others must respect]
    # onboarding: {appropriation_weeks: 8, induction_on: 2026-01-15}
    # signed: false
"""
    ),
    "fr": Template(
        """$sep  - id: $id
    name: "$name"
    type: $type
    # sector: public                  # public | private | civil_society
    # mission: sa mission, en une phrase
    # representative: {name: la personne qui parle en son nom, role: sa fonction, mandate_ref: l'acte qui la mandate}
    # interests: [ce que le partenaire attend du partenariat]
    # contributions: [{kind: staff, description: ce qu'il apporte}]   # funding | staff | in_kind | expertise | network | premises
    # specificities: [ses contraintes, sa culture, ses rythmes de décision, que les autres respectent]
    # onboarding: {appropriation_weeks: 8, induction_on: 2026-01-15}
    # signed: false
"""
    ),
}

_EN = Template(
    """# Partnership charter, written by `partnercheck init`.
#
# Every section of the charter format is here. Values marked "to fill in" are
# yours to replace. Sections left empty ({} or []) are followed by commented
# lines showing what to write: replace the {} or [] with those lines, then
# remove their leading "# ". Check what is left at any time with:
#
#     partnercheck check THIS-FILE
#
# Each finding says why it matters and what to write. The full format:
# `partnercheck schema` (JSON Schema) and CHARTER-FORMAT in the documentation.

partnercheck: 1

# Who we are: identity and life cycle of the charter.
charter:
  id: my-partnership              # a short identifier: lower case letters, digits, - . _
  title: "Title of the partnership (to fill in)"
  version: "0.1"
  status: draft                   # draft | signed | active | ended
  language: en
$profile
  # territory: where the partnership acts
  # adopted_on: 2026-01-15
  # period: {start: 2026-09-01, end: 2028-08-31}
  # review: {every_months: 12, amendment_procedure: how a partner proposes a change and who adopts it}

# Why the partnership exists: the problem no partner can solve alone.
context: {}
  # problem_statement: the problem the partners tackle together
  # rationale: why it takes a partnership
  # prior_collaborations: [what the partners have already done together]

# The shared vision, in one or two sentences all partners subscribe to.
vision: ""                        # to fill in: what the partners want to change, together

# Who is in it. Each partner: a short id, its name and its type
# (institution, local_authority, funder, employer, employer_federation,
# training_body, public_employment_service, association,
# beneficiary_representative, other).
partners:
$partners
# Who steers, and by what legitimacy (a pilot, or two co-pilots at most).
pilot: {}
  # partners: [partner-id]
  # mandate: {granted_by: all, granted_on: 2026-01-15, term_until: 2028-08-31, basis: the founding act — convention or vote}

# The staff that coordinates day to day.
backbone: {}
  # holder: partner-id or the team's name
  # fte: 1
  # funded_by: [partner-id]

# What the partners commit to achieve together: one accountable partner each.
objectives: []
  # - id: first-objective
  #   statement: what will be achieved, for whom
  #   beneficiary_outcome: true
  #   accountable: partner-id
  #   contributors: [partner-id]
  #   endorsed_by: all
  #   measures: [first-measure]
  #   target: 100
  #   deadline: 2028-08-31

# The direct beneficiaries, as partners: who represents them, where they sit.
beneficiaries: []
  # - id: first-group
  #   group: who they are
  #   represented_by: [partner-id]
  #   seats: [steering-committee]
  #   participation: partnership     # consultation | placation | partnership | delegated_power | citizen_control
  #   feedback_channel: how they tell the partnership what works and what does not

# How decisions are taken: bodies, decision rules, conflicts, entry and exit.
governance: {}
  # bodies:
  #   - id: steering-committee
  #     name: Steering committee
  #     level: strategic               # strategic | operational | working_group
  #     members: [partner-id]
  #     meets_every_months: 4
  #     decision_rule: consent         # consensus | consent | majority | qualified_majority | pilot_decides
  #     notice_days: 15
  #     minutes: {published: true, within_days: 15}
  # conflict_resolution: {steps: [direct talk, the pilots arbitrate, the steering committee decides], mediator: an independent mediator}
  # conflict_of_interest: how a partner who may receive funds stays out of the decision
  # entry_procedure: how a new partner joins
  # exit_procedure: how a partner leaves
  # dissolution: how the partnership ends

# Who does what (RACI): exactly one accountable partner per activity.
responsibilities: []
  # - id: first-activity
  #   activity: what is done
  #   objectives: [first-objective]
  #   responsible: [partner-id]
  #   accountable: partner-id
  #   consulted: [partner-id]
  #   informed: [partner-id]

# How partners keep each other informed.
communication: {}
  # channels: [monthly newsletter, shared workspace]
  # cadence_weeks: 4
  # shared_repository: where the shared documents live

# The shared evaluation tools, and the review of the partnership's own health.
evaluation: {}
  # measures:
  #   - id: first-measure
  #     name: what is measured
  #     definition: how it is computed
  #     data_source: where the data comes from
  #     collected_by: [partner-id, other-partner-id]
  #     frequency_months: 6
  # partnership_review: {method: wilder, every_months: 12}

# How the charter changes over time.
evolution: {}
  # change_triggers: [partner_joins, partner_leaves, funding_change, pilot_change, objective_change]
  # change_log: [{date: 2026-01-15, change: version 0.1 written}]

# How the experience is recorded and passed on.
capitalisation: {}
  # lessons_log: where the lessons are written down
  # case_study_planned: true
  # dissemination: [how the experience is shared]
  # transfer_targets: [who could take it up]

# What happens at the end of the period.
sustainability: {}
  # continuation_plan: how the work goes on
  # exit_strategy: what is handed over, and to whom

# Other partnerships sharing partners with this one, and how they fit together.
related_partnerships: []
  # - name: the other partnership
  #   shared_partners: [partner-id]
  #   articulation: who does what between the two

# Findings the partners accept knowingly, each with a reason.
waivers: []
  # - rule: PUR04
  #   reason: why the partners accept it
  #   approved_by: steering-committee
  #   expires_on: 2027-01-15
"""
)

_FR = Template(
    """# Charte de partenariat, écrite par `partnercheck init`.
#
# Toutes les sections du format de charte sont là. Les valeurs marquées
# « à compléter » sont à remplacer. Les sections laissées vides ({} ou [])
# sont suivies de lignes en commentaire qui montrent quoi écrire : remplacez
# le {} ou le [] par ces lignes, puis retirez leur « # » initial. Pour voir ce
# qui reste à faire :
#
#     partnercheck check CE-FICHIER
#
# Chaque constat dit pourquoi il compte et quoi écrire. Le format complet :
# `partnercheck schema` (JSON Schema) et CHARTER-FORMAT dans la documentation.
# Les noms des clés restent en anglais ; les textes peuvent être en français.

partnercheck: 1

# Qui nous sommes : identité et cycle de vie de la charte.
charter:
  id: mon-partenariat             # un identifiant court : minuscules, chiffres, - . _
  title: "Intitulé du partenariat (à compléter)"
  version: "0.1"
  status: draft                   # draft (projet) | signed | active | ended
  language: fr
$profile
  # territory: le territoire d'action
  # adopted_on: 2026-01-15
  # period: {start: 2026-09-01, end: 2028-08-31}
  # review: {every_months: 12, amendment_procedure: comment un partenaire propose un avenant et qui l'adopte}

# Pourquoi le partenariat existe : le problème qu'aucun acteur ne résout seul.
context: {}
  # problem_statement: le problème que les partenaires traitent ensemble
  # rationale: pourquoi il faut un partenariat
  # prior_collaborations: [ce que les partenaires ont déjà fait ensemble]

# La vision partagée, en une ou deux phrases que tous les partenaires font leurs
# (condition de réussite : des objectifs réellement partagés).
vision: ""                        # à compléter : ce que les partenaires veulent changer, ensemble

# Qui en fait partie. Pour chaque partenaire : un identifiant court, son nom et
# son type (institution, local_authority, funder, employer, employer_federation,
# training_body, public_employment_service, association,
# beneficiary_representative, other). Respecter les différences de chacun :
# dites ce qu'il apporte, ce qu'il en attend et ses contraintes.
partners:
$partners
# Qui pilote, et avec quelle légitimité (un pilote, ou deux copilotes au plus).
pilot: {}
  # partners: [id-du-partenaire]
  # mandate: {granted_by: all, granted_on: 2026-01-15, term_until: 2028-08-31, basis: l'acte fondateur — convention ou délibération}

# L'équipe d'animation qui coordonne au quotidien.
backbone: {}
  # holder: id-du-partenaire ou nom de l'équipe
  # fte: 1
  # funded_by: [id-du-partenaire]

# Ce que les partenaires s'engagent à atteindre ensemble : un seul responsable par objectif.
objectives: []
  # - id: premier-objectif
  #   statement: ce qui sera atteint, et pour qui
  #   beneficiary_outcome: true
  #   accountable: id-du-partenaire
  #   contributors: [id-du-partenaire]
  #   endorsed_by: all
  #   measures: [premiere-mesure]
  #   target: 100
  #   deadline: 2028-08-31

# Les bénéficiaires directs, en tant que partenaires : qui les représente, où ils siègent.
beneficiaries: []
  # - id: premier-public
  #   group: qui ils sont
  #   represented_by: [id-du-partenaire]
  #   seats: [comite-pilotage]
  #   participation: partnership     # consultation | placation | partnership | delegated_power | citizen_control
  #   feedback_channel: comment ils disent au partenariat ce qui marche et ce qui ne marche pas

# Comment les décisions se prennent : instances, règles de décision, conflits, entrées et sorties.
governance: {}
  # bodies:
  #   - id: comite-pilotage
  #     name: Comité de pilotage
  #     level: strategic               # strategic | operational | working_group
  #     members: [id-du-partenaire]
  #     meets_every_months: 4
  #     decision_rule: consent         # consensus | consent | majority | qualified_majority | pilot_decides
  #     notice_days: 15
  #     minutes: {published: true, within_days: 15}
  # conflict_resolution: {steps: [échange direct, arbitrage des copilotes, décision du comité de pilotage], mediator: un médiateur indépendant}
  # conflict_of_interest: comment un partenaire susceptible de recevoir des fonds se retire de la décision
  # entry_procedure: comment un nouveau partenaire entre
  # exit_procedure: comment un partenaire se retire
  # dissolution: comment le partenariat prend fin

# Qui fait quoi (RACI) : exactement un responsable par activité.
responsibilities: []
  # - id: premiere-activite
  #   activity: ce qui est fait
  #   objectives: [premier-objectif]
  #   responsible: [id-du-partenaire]
  #   accountable: id-du-partenaire
  #   consulted: [id-du-partenaire]
  #   informed: [id-du-partenaire]

# Comment les partenaires s'informent mutuellement.
communication: {}
  # channels: [lettre d'information mensuelle, espace collaboratif]
  # cadence_weeks: 4
  # shared_repository: où sont rangés les documents communs

# Les outils d'une évaluation partagée, et la revue de santé du partenariat lui-même.
evaluation: {}
  # measures:
  #   - id: premiere-mesure
  #     name: ce qui est mesuré
  #     definition: comment on le calcule
  #     data_source: d'où viennent les données
  #     collected_by: [id-du-partenaire, autre-partenaire]
  #     frequency_months: 6
  # partnership_review: {method: wilder, every_months: 12}

# Comment la charte évolue avec le temps (les places des partenaires changent).
evolution: {}
  # change_triggers: [partner_joins, partner_leaves, funding_change, pilot_change, objective_change]
  # change_log: [{date: 2026-01-15, change: version 0.1 rédigée}]

# Comment l'expérience est capitalisée et transférée.
capitalisation: {}
  # lessons_log: où les enseignements sont consignés
  # case_study_planned: true
  # dissemination: [comment l'expérience est diffusée]
  # transfer_targets: [qui pourrait la reprendre]

# Ce qui se passe à la fin de la période.
sustainability: {}
  # continuation_plan: comment l'action se poursuit
  # exit_strategy: ce qui est transmis, et à qui

# Les autres partenariats qui partagent des partenaires avec celui-ci, et leur articulation.
related_partnerships: []
  # - name: l'autre partenariat
  #   shared_partners: [id-du-partenaire]
  #   articulation: qui fait quoi entre les deux

# Les constats que les partenaires acceptent en connaissance de cause, chacun avec sa raison.
waivers: []
  # - rule: PUR04
  #   reason: pourquoi les partenaires l'acceptent
  #   approved_by: comite-pilotage
  #   expires_on: 2027-01-15
"""
)

_TEMPLATES = {"en": _EN, "fr": _FR}
