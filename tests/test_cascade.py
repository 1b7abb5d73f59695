"""Cause first (checks/cascade.py): a misspelt or missing section is reported once, with its did-you-mean,
and neither references into it nor rules reading it report its consequences."""

from __future__ import annotations

import json
import re
from pathlib import Path

from paths import EXAMPLES

from partnercheck.checks.cascade import spelt_right, unreadable, without_echoes
from partnercheck.findings import Problem, Text

HEALTHY = EXAMPLES / "plateforme-aide-a-la-personne.yaml"
TODAY = ("--today", "2026-01-15", "--isolated", "--format", "json")


def findings_of(cli, text: str, tmp_path: Path, *extra: str) -> list[dict]:
    charter = tmp_path / "c.yaml"
    charter.write_text(text, encoding="utf-8")
    code, out, err = cli("check", str(charter), *TODAY, *extra)
    assert code in (0, 1), err
    return json.loads(out)["findings"]


def test_a_misspelt_partners_key_gives_its_did_you_mean_first_and_no_follow_on(cli, tmp_path: Path) -> None:
    text = HEALTHY.read_text(encoding="utf-8").replace("\npartners:\n", "\npartner:\n", 1)
    found = findings_of(cli, text, tmp_path)
    assert len(found) <= 3
    assert (found[0]["code"], found[0]["pointer"]) == ("SCH01", "/partner")
    assert 'did you mean "partners"' in found[0]["message"]
    assert not [f for f in found if f["code"] == "REF01"]
    assert not [f for f in found if "required" in f["message"]]  # the missing `partners` is the same cause
    ungrouped = findings_of(cli, text, tmp_path, "--no-group")
    assert len(ungrouped) == len(found)  # not grouped away: never reported


def test_a_misspelt_optional_section_hides_references_to_it_and_rules_reading_it(cli, tmp_path: Path) -> None:
    text = HEALTHY.read_text(encoding="utf-8").replace("\nobjectives:\n", "\nobjectivs:\n", 1)
    found = findings_of(cli, text, tmp_path)
    assert [(f["code"], f["pointer"]) for f in found] == [("SCH01", "/objectivs"), ("SCH02", "/objectivs")]
    assert found[1]["severity"] == "info" and "`/objectives`" in found[1]["message"]  # the rules left out are named, not silent


def test_references_to_a_section_that_is_merely_absent_are_still_unknown(cli, tmp_path: Path) -> None:
    text = HEALTHY.read_text(encoding="utf-8").replace("accountable: rectorat", "accountable: regoin", 1)
    found = findings_of(cli, text, tmp_path)
    assert [(f["code"], f["message"]) for f in found if f["code"] == "REF01"] == [("REF01", 'Unknown partner "regoin" (did you mean "region"?)')]


def test_a_did_you_mean_silences_the_required_key_it_explains_only() -> None:
    renamed = Problem("SCH01", Text("SCH01.unknown-key-close", {"key": "partner", "close": "partners"}), "/partner", on_key=True)
    required = Problem("SCH01", Text("SCH01.required", {"field": "the document", "key": "partners"}), "")
    other = Problem("SCH01", Text("SCH01.required", {"field": "the document", "key": "charter"}), "")
    assert without_echoes([renamed, required, other]) == [renamed, other]
    assert unreadable([renamed, required, other]) == ["/partners", "/charter"]
    moved = Problem("SCH01", Text("SCH01.unknown-key-close", {"key": "bodies", "close": "governance.bodies"}), "/bodies", on_key=True)
    assert unreadable([moved]) == ["/governance/bodies"]


def test_the_did_you_mean_comes_before_findings_of_earlier_lines(cli, tmp_path: Path) -> None:
    text = HEALTHY.read_text(encoding="utf-8").replace("\npartners:\n", "\npartner:\n", 1)
    text = re.sub(r"\n  review:\n(    .*\n)+", "\n", text, count=1)  # TIM02 on `charter`, above
    found = findings_of(cli, text, tmp_path)
    assert [f["code"] for f in found] == ["SCH01", "SCH02", "TIM02"]  # at most 3 (issue 15), the did-you-mean first
    assert found[2]["line"] < found[0]["line"]  # causes first, whatever their line


def test_rules_left_out_by_a_schema_error_are_named_once_in_an_info(cli, tmp_path: Path) -> None:
    """Issue 15, partial checking: a rule whose input a schema error makes unreadable is skipped and the run says
    which and why (one SCH02, info), while the rules elsewhere still judge the charter."""
    text = HEALTHY.read_text(encoding="utf-8").replace("\nobjectives:\n", "\nobjectives: see annex\nx-objectives:\n", 1)
    text = re.sub(r"\n  review:\n(    .*\n)+", "\n", text, count=1)  # TIM02, elsewhere: still reported
    found = findings_of(cli, text, tmp_path)
    [note] = [f for f in found if f["code"] == "SCH02"]
    assert note["severity"] == "info" and note["pointer"] == "/objectives"
    assert "BEN01" in note["message"] and "PUR05" in note["message"]
    assert "TIM02" in [f["code"] for f in found]
    assert not {"BEN01", "PUR05"} & {f["code"] for f in found}


MISSPELT_MEMBER = """\
partnercheck: 1
charter: {id: plateforme, title: Plateforme}
partners:
  - {id: rectorat, name: Rectorat, type: institution, signed: true}
  - {id: acme-corp, name: Acme, type: employer}
pilot: {partners: [rectorat]}
objectives:
  - {id: qualifier, statement: Qualifier 300 personnes, accountable: rectorat}
governance:
  bodies:
    - {id: copil, name: Comité de pilotage, members: [rectorat, acme-crop]}
"""


def test_a_misspelt_member_gives_its_reference_error_and_not_the_meant_partner_s_echoes(cli, tmp_path: Path) -> None:
    found = findings_of(cli, MISSPELT_MEMBER, tmp_path)
    assert [(f["pointer"], f["message"]) for f in found if f["code"] == "REF01"] == [
        ("/governance/bodies/0/members/1", 'Unknown partner "acme-crop" (did you mean "acme-corp"?)')
    ]
    about_meant = {f["code"] for f in found if f["pointer"] == "/partners/1"}
    assert "ACC04" not in about_meant  # "sits on no body": it would, spelt right
    assert "MEM06" in about_meant  # a seat is no commitment: spelt right, acme-corp still commits to nothing
    spelt = findings_of(cli, MISSPELT_MEMBER.replace("acme-crop", "acme-corp"), tmp_path)
    assert {f["code"] for f in spelt if f["pointer"] == "/partners/1"} == about_meant  # the rules judged the charter spelt right


def test_a_misspelt_accountable_hides_every_rule_s_echo_about_the_meant_partner(cli, tmp_path: Path) -> None:
    text = MISSPELT_MEMBER.replace("accountable: rectorat", "accountable: acme-crop").replace("[rectorat, acme-crop]", "[rectorat]")
    found = findings_of(cli, text, tmp_path)
    assert [f["code"] for f in found if f["code"] == "REF01"] == ["REF01"]
    assert not [f for f in found if f["pointer"] == "/partners/1" and f["code"] in ("ACC04", "MEM06")]


def test_an_unknown_reference_without_a_did_you_mean_is_read_as_written(cli, tmp_path: Path) -> None:
    signed = MISSPELT_MEMBER.replace("type: employer}", "type: employer, signed: true}")  # no MEM06 to stand for its ACC04
    found = findings_of(cli, signed.replace("acme-crop", "zzz"), tmp_path)
    assert {"REF01", "ACC04"} <= {f["code"] for f in found}  # nothing says which partner was meant: nothing is guessed
    assert "ACC04" not in {f["code"] for f in findings_of(cli, signed, tmp_path)}


def test_the_rules_view_is_a_copy_with_only_the_did_you_means_spelt_right() -> None:
    data = {"partners": [{"id": "acme-corp"}], "governance": {"bodies": [{"members": ["acme-crop", "zzz"]}]}, "vision": "v"}
    close = Problem("REF01", Text("REF01.partner-close", {"id": "acme-crop", "close": "acme-corp"}), "/governance/bodies/0/members/0")
    unknown = Problem("REF01", Text("REF01.partner", {"id": "zzz"}), "/governance/bodies/0/members/1")
    view = spelt_right(data, [close, unknown])
    assert view["governance"]["bodies"][0]["members"] == ["acme-corp", "zzz"]
    assert data["governance"]["bodies"][0]["members"] == ["acme-crop", "zzz"]  # the charter as written is untouched
    assert view["partners"] is data["partners"]  # only the way to the replaced value is copied
    assert spelt_right(data, [unknown]) is data
