"""What one finding and one file can write is bounded (issue 17, item 2).

Issue 17: 20,000 aliased partners in a 160 KB charter made a 367 MB HTML
report. Now one file reports at most `MAX_FINDINGS_PER_FILE` findings (the
first found; DOC10 says there were more), a list parameter
shows at most `MAX_ITEMS` items, a plugin's hint at most `MAX_HINT`
characters, and the HTML report is refused past `MAX_CHARACTERS_PER_CHARTER`
per charter, before it takes that memory.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hostile_support import NO_PILOT, clean, findings, plugin, write

from partnercheck.printable import MAX_ITEMS, visible_value
from partnercheck.report.formats import html
from partnercheck.run.engine import MAX_FINDINGS_PER_FILE, MAX_HINT


def aliased_partners(count: int) -> str:
    """`count` partners sharing one anchored mapping (so the same id, many times): a finding or more each."""
    lines = ["partnercheck: 1", "charter: {id: x, title: Plateforme}", "partners:", "  - &p {id: a, name: Association A, type: funder}"]
    lines += ["  - *p"] * (count - 1)
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3,000 partners: about 18,000 findings, well past the cap (issue 17's 20,000 take seconds more, for the same proof)."""
    return write(tmp_path_factory.mktemp("many"), "many.yaml", aliased_partners(3_000))


@pytest.mark.slow
def test_one_file_reports_at_most_the_cap_then_doc10(cli, many):
    code, out, err = cli("check", "--no-plugins", "--isolated", "--no-cache", "--no-group", "--format", "json", str(many))  # the cap counts places
    clean(out, err)
    found = findings(out)
    assert code == 1
    assert len(found) == MAX_FINDINGS_PER_FILE + 1
    [note] = [f for f in found if f["code"] == "DOC10"]
    assert note["line"] == 1 and f"more than {MAX_FINDINGS_PER_FILE:,} findings; only the first {MAX_FINDINGS_PER_FILE:,} found are reported" in note["message"]
    assert len(out) < 2_000_000


@pytest.mark.slow
def test_the_html_report_of_that_file_stays_small(cli, many, tmp_path):
    target = tmp_path / "many.html"
    code, out, err = cli("report", "--no-plugins", "--isolated", str(many), "-o", str(target))
    clean(out, err)
    assert code == 0, err
    assert target.stat().st_size < 8 * 1024 * 1024  # 5 MB measured for 20,000 partners; issue 17: 367 MB


def test_the_cap_reads_in_french(cli, tmp_path, monkeypatch):
    from partnercheck.run import engine

    monkeypatch.setattr(engine, "MAX_FINDINGS_PER_FILE", 1)
    charter = write(tmp_path, "c.yaml", NO_PILOT)
    code, out, err = cli("check", "--no-plugins", "--isolated", "--no-cache", "--format", "json", "--lang", "fr", str(charter))
    [note] = [f for f in findings(out) if f["code"] == "DOC10"]
    assert note["message"] == "Ce fichier a plus de 1 constats ; seuls les 1 premiers trouvés sont signalés"
    assert len(findings(out)) == 2


def test_a_report_past_its_cap_is_refused_in_one_line(cli, tmp_path, monkeypatch):
    monkeypatch.setattr(html, "MAX_CHARACTERS_PER_CHARTER", 10_000)
    charter = write(tmp_path, "c.yaml", NO_PILOT)
    code, out, err = cli("report", "--no-plugins", "--isolated", str(charter), "-o", str(tmp_path / "r.html"))
    clean(out, err)
    assert code == 2 and "the HTML report would be larger than" in err
    assert not (tmp_path / "r.html").exists()
    code, out, err = cli("check", "--no-plugins", "--isolated", "--no-cache", "--format", f"html:{tmp_path / 'c.html'}", "--format", "json", str(charter))
    assert code == 2 and "format html" in err and "would be larger than" in err
    assert json.loads(out)["findings"]  # the other format is still written


def test_a_plugins_long_parameters_and_hint_are_cut(cli, tmp_path):
    body = f"yield BareFinding('/charter', {{'what': ['id'] * 100_000}}, hint='h' * 1_000_000)"
    rule = plugin(tmp_path, body)
    charter = write(tmp_path, "c.yaml", NO_PILOT)
    code, out, err = cli("check", "--no-plugins", "--isolated", "--no-cache", "--format", "json", "--plugin", str(rule), "--allow-local-plugins", str(charter))
    [mine] = [f for f in findings(out) if f["code"] == "HOS01"]
    assert len(mine["message"]) < 2_000 and f"({100_000 - MAX_ITEMS:,} more)" in mine["message"]
    assert len(mine["hint"]) == MAX_HINT + 1


def test_visible_value_bounds_nested_and_long_values():
    assert visible_value("x" * 1_000) == "x" * 200 + "…"
    cut = visible_value(list(range(1_000)))
    assert len(cut) == MAX_ITEMS + 1 and cut[-1] == f"… ({1_000 - MAX_ITEMS:,} more)"
    assert len(visible_value({str(i): i for i in range(1_000)})) == MAX_ITEMS
    assert visible_value((1, "a\nb")) == (1, "a\\nb")
    deep: list = []
    for _ in range(10):
        deep = [deep]
    assert "…" in json.dumps(visible_value(deep), ensure_ascii=False)
