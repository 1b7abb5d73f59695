"""Did you mean, one helper (checks/closest.py) for keys, choice values and ids (from ids and from names)."""

from __future__ import annotations

import json
from pathlib import Path

from paths import EXAMPLES

from partnercheck.checks.closest import closest

HEALTHY = EXAMPLES / "plateforme-aide-a-la-personne.yaml"


def errors_of(cli, text: str, tmp_path: Path, *extra: str) -> list[tuple[str, str, str]]:
    charter = tmp_path / "c.yaml"
    charter.write_text(text, encoding="utf-8")
    code, out, err = cli("check", str(charter), "--today", "2026-01-15", "--isolated", "--format", "json", "--select", "DOC,SCH,REF", *extra)
    assert code in (0, 1), err
    return [(f["code"], f["pointer"], f["message"]) for f in json.loads(out)["findings"]]


def test_closest_prefers_the_same_word_in_other_spelling_then_the_nearest_then_an_alias() -> None:
    assert closest("local-authority", ["local_authority", "institution"]) == "local_authority"
    assert closest("Funder", ["funder", "other"]) == "funder"
    assert closest("fundr", ["funder", "other"]) == "funder"
    assert closest("zzz", ["funder", "other"]) is None
    assert closest("Région Île-de-France", ["region", "cd93"], {"Région Île-de-France": "region"}) == "region"
    assert closest("Region Ile de France", ["region", "cd93"], {"Région Île-de-France": "region"}) == "region"
    assert closest("funder", ["funder"]) is None  # a known word needs no suggestion


def test_a_choice_value_gets_its_did_you_mean_in_both_languages(cli, tmp_path: Path) -> None:
    text = HEALTHY.read_text(encoding="utf-8").replace("    type: local_authority\n", "    type: local-authority\n", 1)
    [(code, pointer, message)] = errors_of(cli, text, tmp_path)
    assert (code, pointer) == ("SCH01", "/partners/1/type") and message.endswith('got "local-authority" (did you mean "local_authority"?)')
    [(_, _, french)] = errors_of(cli, text, tmp_path, "--lang", "fr")
    assert french.endswith("(vouliez-vous dire « local_authority » ?)")
    text = HEALTHY.read_text(encoding="utf-8").replace("    type: funder\n", "    type: fundr\n", 1)
    assert errors_of(cli, text, tmp_path)[0][2].endswith('(did you mean "funder"?)')


def test_a_misspelt_id_and_a_name_given_for_an_id_get_the_id_they_mean(cli, tmp_path: Path) -> None:
    text = HEALTHY.read_text(encoding="utf-8").replace("accountable: rectorat", "accountable: regoin", 1)
    assert errors_of(cli, text, tmp_path) == [("REF01", "/objectives/0/accountable", 'Unknown partner "regoin" (did you mean "region"?)')]
    text = HEALTHY.read_text(encoding="utf-8").replace("accountable: rectorat", "accountable: Région Île-de-France", 1)
    # one finding, not also "must be a list" (one id is valid there) or "not a valid id" (the same cause)
    assert errors_of(cli, text, tmp_path) == [("REF01", "/objectives/0/accountable", 'Unknown partner "Région Île-de-France" (did you mean "region"?)')]
