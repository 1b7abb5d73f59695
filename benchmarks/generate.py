"""Generate realistic charters for the benchmarks: any number of partners, with
objectives, bodies, RACI entries and measures growing with them, and a
repository of varied small charters.

    python benchmarks/generate.py --partners 1000 > federation.yaml
    python benchmarks/generate.py --repository 1000 --out charters/
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

TYPES = ["institution", "local_authority", "funder", "employer", "employer_federation", "training_body", "public_employment_service", "association", "beneficiary_representative"]
KINDS = ["funding", "staff", "in_kind", "expertise", "network", "premises"]
TOWNS = ["Créteil", "Melun", "Meaux", "Bobigny", "Évry", "Versailles", "Cergy", "Nanterre", "Toulouse", "Albi", "Montauban", "Rodez", "Auch", "Tarbes", "Foix"]
TRADES = ["aide à domicile", "auxiliaire de vie", "assistant de soins", "aide-soignant", "accompagnant éducatif", "agent de service", "employé familial"]
RUNGS = ["consultation", "partnership", "delegated_power"]


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def charter(partners: int, seed: int = 0, title: str | None = None, ids: list[str] | None = None) -> str:
    """A charter with `partners` partners (ids `p00000`… unless given); sections scale with it."""
    rnd = random.Random(seed)
    ids = list(ids) if ids is not None else [f"p{i:05d}" for i in range(partners)]
    assert len(ids) == partners, "one id per partner"
    town = rnd.choice(TOWNS)
    trade = rnd.choice(TRADES)
    n_obj = max(2, partners // 3)
    n_bodies = max(2, partners // 20 + 2)
    n_raci = max(2, partners // 4)
    n_meas = max(2, partners // 5)
    out: list[str] = [
        "partnercheck: 1",
        "charter:",
        f"  id: plateforme-{seed}-{partners}",
        f"  title: {_quote(title or f'Plateforme de formation {trade} — {town}')}",
        '  version: "1.0"',
        "  status: draft",
        "  language: fr",
        "  profile: training-platform",
        "  period: {start: 2026-09-01, end: 2028-08-31}",
        "  review: {every_months: 12, last_done: 2026-06-15}",
        "context:",
        f"  problem_statement: {_quote(f'Les employeurs de {town} peinent à recruter des {trade}s qualifiés.')}",
        f"vision: {_quote(f'Qualifier les demandeurs d emploi de {town} au métier de {trade}.')}",
        "partners:",
    ]
    for i, pid in enumerate(ids):
        ptype = TYPES[i % len(TYPES)] if i < len(TYPES) else rnd.choice(TYPES)
        out += [
            f"  - id: {pid}",
            f"    name: {_quote(f'Partenaire {i} de {rnd.choice(TOWNS)}')}",
            f"    type: {ptype}",
            f"    representative: {{name: {_quote(f'M. ou Mme {i}')}, role: directeur, mandate_ref: {_quote(f'délibération {2026}-{i}')}}}",
            f"    interests: [{_quote(f'recruter des {trade}s')}]",
            f"    specificities: [{_quote('cycle budgétaire annuel')}]",
            f"    contributions: [{{kind: {rnd.choice(KINDS)}, description: {_quote('appui au projet')}, amount: {rnd.randint(1, 50) * 1000}}}]",
            "    onboarding: {appropriation_weeks: 6, induction_on: 2026-09-15}",
            "    signed: true",
        ]
    out += [
        "pilot:",
        f"  partners: [{ids[0]}, {ids[1 % partners]}]",
        "  mandate: {granted_by: comite-pilotage, granted_on: 2026-06-15, term_until: 2028-08-31, basis: convention-cadre}",
        f"backbone: {{holder: {ids[0]}, fte: 1.5, funded_by: [{ids[2 % partners]}]}}",
        "objectives:",
    ]
    for k in range(n_obj):
        contributors = rnd.sample(ids, min(3, partners))
        out += [
            f"  - id: objectif-{k}",
            f"    statement: {_quote(f'Qualifier {rnd.randint(20, 300)} personnes au métier de {trade}')}",
            f"    beneficiary_outcome: {str(k % 2 == 0).lower()}",
            f"    accountable: {ids[k % partners]}",
            f"    contributors: [{', '.join(contributors)}]",
            "    endorsed_by: all",
            f"    measures: [mesure-{k % n_meas}]",
            f"    target: {rnd.randint(20, 300)}",
            "    deadline: 2028-06-30",
        ]
    out += [
        "beneficiaries:",
        "  - id: demandeurs",
        "    group: Demandeurs d'emploi",
        f"    represented_by: [{ids[min(8, partners - 1)]}]",
        "    seats: [comite-pilotage]",
        f"    participation: {rnd.choice(RUNGS[1:])}",
        "    feedback_channel: Réunion trimestrielle des stagiaires",
        "governance:",
        "  bodies:",
    ]
    for b in range(n_bodies):
        body_id = "comite-pilotage" if b == 0 else f"instance-{b}"
        level = "strategic" if b == 0 else ("operational" if b % 2 else "working_group")
        members = ids if b == 0 and partners <= 50 else rnd.sample(ids, min(partners, 12))
        out += [
            f"    - id: {body_id}",
            f"      name: {_quote('Comité de pilotage' if b == 0 else f'Instance {b}')}",
            f"      level: {level}",
            f"      members: [{', '.join(members)}]",
            "      meets_every_months: 3",
            "      decision_rule: consent",
            "      notice_days: 15",
            "      minutes: {published: true, within_days: 15}",
        ]
    out += [
        "  conflict_resolution: {steps: [Dialogue entre les parties, Médiation du comité], mediator: Médiateur désigné}",
        "  conflict_of_interest: Tout membre intéressé se retire du vote.",
        "  entry_procedure: Candidature écrite et vote du comité.",
        "  exit_procedure: Préavis de trois mois.",
        "responsibilities:",
    ]
    for r in range(n_raci):
        out += [
            f"  - id: activite-{r}",
            f"    activity: {_quote(f'Activité {r}')}",
            f"    objectives: [objectif-{r % n_obj}]",
            f"    responsible: [{', '.join(rnd.sample(ids, min(2, partners)))}]",
            f"    accountable: {ids[r % partners]}",
            f"    consulted: [{ids[(r + 1) % partners]}]",
            f"    informed: [{ids[(r + 2) % partners]}]",
        ]
    out += [
        "communication: {channels: [Lettre mensuelle, Espace partagé], cadence_weeks: 4}",
        "evaluation:",
        "  measures:",
    ]
    for m in range(n_meas):
        out += [
            f"    - id: mesure-{m}",
            f"      name: {_quote(f'Indicateur {m}')}",
            "      data_source: Système d'information partagé",
            f"      collected_by: [{', '.join(rnd.sample(ids, min(2, partners)))}]",
            "      frequency_months: 6",
        ]
    out += [
        "  partnership_review: {method: wilder, every_months: 12, last_done: 2026-06-15}",
        "evolution:",
        "  change_triggers: [partner_joins, partner_leaves, funding_change]",
        "  change_log: [{date: 2026-06-15, change: Adoption de la charte}]",
        "capitalisation: {lessons_log: Journal des enseignements, dissemination: [Rapport annuel]}",
        "sustainability: {continuation_plan: Reprise par la région, exit_strategy: Transfert aux organismes}",
    ]
    return "\n".join(out) + "\n"


def repository(count: int, out: Path, partners: int = 15) -> list[Path]:
    """`count` varied charters of about `partners` partners each, written under `out`.

    As in a real federation, each charter has its own local partners, and the
    charters of one region share two regional partners (the employment
    service and the regional council), which the repository rule SCA03 then
    finds in more partnerships than its limit.
    """
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        n = max(3, partners + (i % 7) - 3)
        region = i % 13
        ids = [f"emploi-region-{region:02d}", f"conseil-region-{region:02d}"] + [f"c{i:04d}-p{k:03d}" for k in range(n - 2)]
        path = out / f"region-{region:02d}" / f"charte-{i:04d}.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(charter(n, seed=i, ids=ids), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--partners", type=int, default=15)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repository", type=int, metavar="COUNT")
    parser.add_argument("--out", type=Path, default=Path("charters"))
    args = parser.parse_args()
    if args.repository:
        repository(args.repository, args.out, args.partners)
    else:
        sys.stdout.write(charter(args.partners, args.seed))


if __name__ == "__main__":
    main()
