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


def test_the_scores_order_the_gallery_as_the_expert_judgement_does(cli) -> None:
    rows = _scores(cli)
    assert len({rank for rank, _, _ in rows}) >= 2, "every charter of the gallery has the same rank_hint: the ranking checks nothing"
    wrong = [f"{a[2]} (rank {a[0]}) scores {a[1]:g}, not above {b[2]} (rank {b[0]}) at {b[1]:g}" for a in rows for b in rows if a[0] < b[0] and not a[1] > b[1]]
    table = "\n".join(f"  rank {r}  {s:5g}  {n}" for r, s, n in sorted(rows, key=lambda row: (row[0], -row[1])))
    assert not wrong, "the scores disagree with the expert ranking:\n" + "\n".join(wrong) + "\nscores:\n" + table
