"""Lines the command line writes beside the report (baseline written, stale entries, a score below the minimum)
speak the run's language, like every finding (found by a new-user trial: they stayed English in a French run)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from paths import EXAMPLES

BROKEN = EXAMPLES / "broken" / "sans-pilote.yaml"


def test_baseline_says_what_it_wrote_in_french(cli, tmp_path: Path) -> None:
    code, out, err = cli("baseline", str(BROKEN), "-o", str(tmp_path / "b.json"), "--lang", "fr")
    assert code == 0, err
    # the findings as `check` lists them, and the places their entries hold when a grouped finding makes them differ
    assert re.search(r"écrit : \d+ constats \(\d+ endroits\) de 1 fichier\.", out) and "Wrote" not in out, out


def test_stale_baseline_entries_are_told_in_french_and_pruned(cli, tmp_path: Path) -> None:
    charter = tmp_path / "c.yaml"
    shutil.copy(BROKEN, charter)
    assert cli("baseline", str(charter), "-o", str(tmp_path / "b.json"))[0] == 0
    shutil.copy(EXAMPLES / "plateforme-aide-a-la-personne.yaml", charter)  # the healthy example: every entry is stale
    _, _, err = cli("check", str(charter), "--baseline", str(tmp_path / "b.json"), "--lang", "fr")
    assert "l'état de référence" in err and "périmée" in err and "stale entr" not in err and "BEN01 en /" in err
    _, _, err = cli("check", str(charter), "--baseline", str(tmp_path / "b.json"), "--prune-baseline", "--lang", "fr")
    assert "retiré de l'état de référence" in err and "removed" not in err


def test_a_score_below_the_minimum_is_told_in_french_with_a_decimal_comma(cli) -> None:
    code, _, err = cli("check", str(BROKEN), "--min-score", "99.5", "--lang", "fr")
    assert code == 1
    line = next(row for row in err.splitlines() if "minimum" in row)
    assert "est sous le minimum 99,5" in line and "below" not in line
