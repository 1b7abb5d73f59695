"""Ranking: on the gallery of real charters, the health scores order the documents as the written expert
judgement orders them (`rank_hint` in each `examples/gallery/<name>.expect.yaml`, 1 = healthiest;
documents of equal rank may come in any order). docs/score.md, "Its properties", 4."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from paths import ROOT
from ruamel.yaml import YAML

GALLERY = ROOT / "examples" / "gallery"


def _expectations() -> list[Path]:
    if not GALLERY.is_dir():
        pytest.fail(f"no gallery of real charters at {GALLERY}: the score's ranking cannot be checked (docs/score.md, property 4)")
    found = sorted(GALLERY.glob("*.expect.yaml"))
    if len(found) < 2:
        pytest.fail(f"{GALLERY} holds {len(found)} judged charter(s): at least 2 are needed to check a ranking")
    return found


def _scores(cli) -> list[tuple[int, float, str]]:  # type: ignore[no-untyped-def]
    """(rank_hint, overall score, name) for every judged charter of the gallery, each checked at its own date."""
    rows = []
    for expect in _expectations():
        judgement = YAML(typ="safe").load(expect.read_text(encoding="utf-8"))
        charter = expect.with_name(expect.name.replace(".expect.yaml", ".yaml"))
        assert charter.is_file(), f"{expect.name} judges {charter.name}, which is missing"
        _, out, err = cli("check", str(charter), "--today", str(judgement["today"]), "--isolated", "--no-cache", "--format", "json")
        overall = json.loads(out)["scores"]["files"][0]["overall"]
        assert overall is not None, err
        rows.append((int(judgement["rank_hint"]), float(overall), charter.stem))
    return rows


#: Pairs the scores still order against the judgement, with why: each is a strict xfail, so a fix shows.
KNOWN = {
    ("uk-west-sussex-health-wellbeing-board", "uk-mid-kent-services-board-tor"): (
        "The expert ranks the Mid Kent board's terms of reference (quorum, meetings, support staff, a "
        "representative for every council, the MKS Board as pilot) above the West Sussex page (a vision, "
        "beneficiaries and a shared measurement, partners who commit to nothing): 25.5 against 34.4. West "
        "Sussex minus Mid Kent, by dimension: purpose +66.7, evaluation +55.6, beneficiary +60 (all three "
        "absent from Mid Kent, at 0), pilot -83.3, members -10.2, the five others equal: 8.9 points. What Mid "
        "Kent writes better (a pilot, representatives) is outweighed by three content sections it leaves to "
        "other documents. No catalog source grounds a rule on a body's quorum or meeting rhythm (EU Code art. "
        "11 lists voting rights, notice, documents, minutes, working groups, conflicts of interest and "
        "reimbursement), and one would move the gap by about 0.4 points: ranking Mid Kent higher takes "
        "weighing procedure above content, or counting a terms of reference's absent sections differently, "
        "which the equal-weight mean of the ten dimensions, with absent sections at 0, does not do."
    )
}


@pytest.fixture(scope="module")
def gallery_scores() -> list[tuple[int, float, str]]:
    from partnercheck.cli import run

    import contextlib
    import io

    def cli(*argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = run(list(argv))
        return code, out.getvalue(), err.getvalue()

    rows = _scores(cli)
    assert len({rank for rank, _, _ in rows}) >= 2, "every charter of the gallery has the same rank_hint: the ranking checks nothing"
    return rows


def _pairs() -> list[tuple[str, str]]:
    """Every (healthier, weaker) pair of gallery charters by their judged rank."""
    ranks = {}
    for expect in sorted(GALLERY.glob("*.expect.yaml")):
        ranks[expect.name.replace(".expect.yaml", "")] = int(YAML(typ="safe").load(expect.read_text(encoding="utf-8"))["rank_hint"])
    return [(a, b) for a in ranks for b in ranks if ranks[a] < ranks[b]]


def _marked(pair: tuple[str, str]) -> object:
    weaker_first = (pair[1], pair[0])
    if weaker_first in KNOWN:
        return pytest.param(*pair, marks=pytest.mark.xfail(strict=True, reason=KNOWN[weaker_first]), id=f"{pair[0]}>{pair[1]}")
    return pytest.param(*pair, id=f"{pair[0]}>{pair[1]}")


def test_the_gallery_has_judged_ranks() -> None:
    assert len(_expectations()) >= 6 and _pairs()


@pytest.mark.parametrize(("healthier", "weaker"), [_marked(p) for p in _pairs()])
def test_the_scores_order_the_gallery_as_the_expert_judgement_does(gallery_scores, healthier: str, weaker: str) -> None:
    score = {name: value for _, value, name in gallery_scores}
    table = "\n".join(f"  rank {r}  {s:5g}  {n}" for r, s, n in sorted(gallery_scores, key=lambda row: (row[0], -row[1])))
    assert score[healthier] > score[weaker], f"{healthier} scores {score[healthier]:g}, not above {weaker} at {score[weaker]:g}\nscores:\n{table}"


def test_every_known_disagreement_is_a_pair_of_the_gallery() -> None:
    pairs = {(b, a) for a, b in _pairs()}
    assert set(KNOWN) <= pairs
