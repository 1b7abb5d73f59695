"""The results cache gives the findings a fresh check would, and skips only what did not change.

A file is re-checked when its bytes, an option, the plugin set or `--today`
change; an unchanged one is not (counted by wrapping `Engine.lint_bytes`).
Repository rules, suppressions, waivers and the baseline stay correct on
cached results; a corrupt entry is ignored and rewritten; `cache clear`
empties the cache.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from paths import EXAMPLES, ROOT


sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import charter  # noqa: E402

HEALTHY = EXAMPLES / "plateforme-aide-a-la-personne.yaml"
TODAY = "2026-01-15"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of charters, as the current directory, with the results cache on (conftest turns it off)."""
    monkeypatch.delenv("PARTNERCHECK_NO_CACHE", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "charters").mkdir()
    shutil.copy(HEALTHY, tmp_path / "charters" / "healthy.yaml")
    for broken in sorted((EXAMPLES / "broken").glob("*.yaml")):
        shutil.copy(broken, tmp_path / "charters" / broken.name)
    return tmp_path


def check(cli, *extra: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    return cli("check", "charters", "--today", TODAY, "--jobs", "1", "--format", "json", *extra)


def findings(out: str) -> list[dict]:
    return json.loads(out)["findings"]


def test_unchanged_files_are_not_checked_again(project: Path, cli, checked: list[str]) -> None:
    first = check(cli)
    assert len(checked) == 5
    checked.clear()
    second = check(cli)
    assert checked == []
    assert second == first
    assert (project / ".partnercheck_cache" / "CACHEDIR.TAG").is_file()
    assert (project / ".partnercheck_cache" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def test_a_changed_file_alone_is_checked_again(project: Path, cli, checked: list[str]) -> None:
    check(cli)
    target = project / "charters" / "healthy.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("partners:", "partners:\n  # edited", 1), encoding="utf-8")
    checked.clear()
    code, out, _ = check(cli)
    assert checked == ["charters/healthy.yaml"]
    fresh = check(cli, "--no-cache")
    assert (code, findings(out)) == (fresh[0], findings(fresh[1]))


def test_a_changed_option_rechecks(project: Path, cli, checked: list[str]) -> None:
    check(cli)
    checked.clear()
    check(cli, "--ignore", "SCH01")
    assert len(checked) == 5
    (project / ".partnercheck.yaml").write_text("options:\n  accountability:\n    max_responsible: 1\n", encoding="utf-8")
    checked.clear()
    check(cli)
    assert len(checked) == 5
    checked.clear()
    check(cli)
    assert checked == []


def test_another_today_rechecks(project: Path, cli, checked: list[str]) -> None:
    check(cli)
    checked.clear()
    _, out, _ = check(cli, "--today", "2031-01-01")
    assert len(checked) == 5
    assert findings(out) == findings(check(cli, "--today", "2031-01-01", "--no-cache")[1])


def test_another_plugin_set_rechecks(project: Path, cli, checked: list[str]) -> None:
    pack = project / "extra.yaml"
    pack.write_text(_pack("vision must be long", 200), encoding="utf-8")
    check(cli)
    checked.clear()
    _, out, _ = check(cli, "--rules", str(pack))
    assert len(checked) == 5
    assert any(f["code"] == "XTR01" for f in findings(out))
    checked.clear()
    check(cli, "--rules", str(pack))
    assert checked == []
    pack.write_text(_pack("vision must be very long", 100000), encoding="utf-8")  # the pack changed: so did the plugin set
    checked.clear()
    _, out, _ = check(cli, "--rules", str(pack))
    assert len(checked) == 5
    assert any("very long" in f["message"] for f in findings(out))


def _pack(message: str, length: int) -> str:
    return f"""pack: extra
rules:
  - code: XTR01
    name: long-vision
    severity: info
    summary: The vision is written out.
    why: A short vision says little.
    message: "{message}"
    check:
      select: ""
      schema: {{properties: {{vision: {{minLength: {length}}}}}}}
    examples:
      fail: |
        partnercheck: 1
        vision: {"x" * (length - 1)}
      pass: |
        partnercheck: 1
        vision: {"x" * length}
"""


def test_a_corrupt_entry_is_ignored_and_rewritten(project: Path, cli, checked: list[str]) -> None:
    first = check(cli)
    entries = sorted((project / ".partnercheck_cache" / "results").rglob("*.json"))
    assert entries
    for entry in entries:
        entry.write_bytes(b'{"format": 1, "key": "truncated')
    checked.clear()
    assert check(cli) == first
    assert len(checked) == 5
    for entry in sorted((project / ".partnercheck_cache" / "results").rglob("*.json")):
        json.loads(entry.read_text(encoding="utf-8"))  # rewritten whole
    checked.clear()
    assert check(cli) == first
    assert checked == []


def test_no_cache_reads_and_writes_nothing(project: Path, cli, checked: list[str]) -> None:
    check(cli, "--no-cache")
    check(cli, "--no-cache")
    assert len(checked) == 10
    assert not (project / ".partnercheck_cache").exists()


def test_cache_dir_and_cache_clear(project: Path, cli, checked: list[str]) -> None:
    check(cli, "--cache-dir", "elsewhere")
    assert list((project / "elsewhere" / "results").rglob("*.json"))
    code, out, _ = cli("cache", "clear", "--cache-dir", "elsewhere")
    assert code == 0 and out.startswith("Removed ")
    assert not (project / "elsewhere").exists()
    checked.clear()
    check(cli, "--cache-dir", "elsewhere")
    assert len(checked) == 5


def test_cache_clear_without_a_cache(project: Path, cli) -> None:
    code, out, err = cli("cache", "clear")
    assert (code, err) == (0, "")
    assert out.startswith("Removed 0 cached results from .partnercheck_cache")


def test_repository_rules_follow_every_charter(project: Path, cli, checked: list[str]) -> None:
    """SCA03 counts a partner across the charters checked together: one file's change moves findings in cached ones."""
    shutil.rmtree(project / "charters")
    (project / "charters").mkdir()
    for i in range(6):  # `shared` is a partner (not a pilot) of six charters: over SCA03's default limit of five
        (project / "charters" / f"c{i}.yaml").write_text(charter(4, seed=i, ids=[f"c{i}-a", f"c{i}-b", f"c{i}-c", "shared"]), encoding="utf-8")
    _, out, _ = check(cli, "--select", "SCA03")
    assert len([f for f in findings(out) if f["code"] == "SCA03"]) == 6
    (project / "charters" / "c5.yaml").write_text(charter(4, seed=5, ids=["c5-a", "c5-b", "c5-c", "own"]), encoding="utf-8")
    checked.clear()
    code, out, _ = check(cli, "--select", "SCA03")
    assert checked == ["charters/c5.yaml"]
    assert [f for f in findings(out) if f["code"] == "SCA03"] == []
    fresh = check(cli, "--select", "SCA03", "--no-cache")
    assert (code, findings(out)) == (fresh[0], findings(fresh[1]))


def test_suppressions_waivers_and_baseline_on_cached_results(project: Path, cli, checked: list[str]) -> None:
    target = project / "charters" / "sans-pilote.yaml"
    plain = check(cli, "--no-cache")
    codes = [f for f in findings(plain[1]) if f["path"] == "charters/sans-pilote.yaml" and f["line"] > 1]
    assert codes, "the broken example gives findings to suppress"
    first = codes[0]
    lines = target.read_text(encoding="utf-8").splitlines()
    lines[first["line"] - 1] += f"  # partnercheck: disable-line={first['code']} -- accepted by the partners"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    check(cli)
    checked.clear()
    _, warm, _ = check(cli)
    assert checked == []
    suppressed = [f for f in findings(warm) if f["suppressed"]]
    assert suppressed and suppressed == [f for f in findings(check(cli, "--no-cache")[1]) if f["suppressed"]]
    cli("baseline", "charters", "--today", TODAY, "-o", "baseline.json")
    code, out, _ = check(cli, "--baseline", "baseline.json")
    fresh = check(cli, "--baseline", "baseline.json", "--no-cache")
    assert (code, findings(out)) == (fresh[0], findings(fresh[1]))
    assert all(f["suppressed"] for f in findings(out))


def test_text_output_is_the_same_from_the_cache(project: Path, cli, checked: list[str]) -> None:
    first = cli("check", "charters", "--today", TODAY, "--jobs", "1")
    checked.clear()
    assert cli("check", "charters", "--today", TODAY, "--jobs", "1") == first
    assert checked == []


def test_the_docs_name_real_options_and_variables(cli) -> None:
    """docs/benchmarks.md documents the flags, command and environment variables that exist."""
    import re

    text = (ROOT / "docs" / "benchmarks.md").read_text(encoding="utf-8")
    _, check_help, _ = cli("check", "--help")
    _, clear_help, _ = cli("cache", "clear", "--help")
    _, prune_help, _ = cli("cache", "prune", "--help")
    _, main_help, _ = cli("--help")
    for flag in sorted(set(re.findall(r"`(?:partnercheck )?(--[a-z][a-z-]+)", text))):
        assert flag in check_help + clear_help + prune_help + main_help, flag
    source = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "src" / "partnercheck").rglob("*.py"))
    for variable in sorted(set(re.findall(r"\b(PARTNERCHECK_[A-Z_]+)", text))):
        assert f'"{variable}"' in source, variable
    assert "partnercheck cache clear" in text and "partnercheck cache prune" in text and "python benchmarks/run.py" in text


def test_a_committed_cache_entry_cannot_hide_findings(tmp_path, monkeypatch) -> None:
    """Keys mix in a per-user secret: another machine's (or an attacker's) entries never match."""
    from partnercheck.plugins.manager import load_registry
    from partnercheck.run import cache

    registry = load_registry()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "one"))
    first = cache.ResultsCache(tmp_path / "c", registry).context
    assert first == cache.ResultsCache(tmp_path / "c", registry).context
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "two"))
    assert cache.ResultsCache(tmp_path / "c", registry).context != first
    assert oct((tmp_path / "one" / "partnercheck" / "secret").stat().st_mode & 0o777) == "0o600"


def test_cache_entries_hold_message_ids_never_text(project: Path, cli, checked: list[str]) -> None:
    _, english, _ = check(cli)
    entries = [json.loads(p.read_text(encoding="utf-8"))["entry"] for p in (project / ".partnercheck_cache" / "results").rglob("*.json")]  # sealed: {"hmac", "entry"}
    rows = [row for entry in entries for row in entry.get("findings", [])]
    assert rows
    stored = json.dumps(entries, ensure_ascii=False)
    assert all(f["message"] not in stored for f in findings(english))
    checked.clear()
    _, french, _ = check(cli, "--lang", "fr")
    assert checked == []
    assert [f["message"] for f in findings(french)] != [f["message"] for f in findings(english)]
    assert [(f["code"], f["pointer"]) for f in findings(french)] == [(f["code"], f["pointer"]) for f in findings(english)]


# the score and the charters' data on a second call ---------------------------------------------------
@pytest.fixture
def measured(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files whose health score was measured (`report/score.score_findings`), in order."""
    from partnercheck.report import score

    seen: list[str] = []
    original = score.score_findings

    def counting(path: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(path)
        return original(path, *args, **kwargs)

    monkeypatch.setattr(score, "score_findings", counting)
    return seen


@pytest.fixture
def reread(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each time a cached file's data was needed again: parsed (`run/parallel.load_document`) or read from its entry."""
    from partnercheck.run import cache, parallel

    seen: list[str] = []
    parse, stored = parallel.load_document, cache.ResultsCache.data_of

    def parsing(path: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(f"parsed {path}")
        return parse(path, *args, **kwargs)

    def reading(self, key: str):  # type: ignore[no-untyped-def]
        seen.append(f"entry {key}")
        return stored(self, key)

    monkeypatch.setattr(parallel, "load_document", parsing)
    monkeypatch.setattr(cache.ResultsCache, "data_of", reading)
    return seen


@pytest.mark.usefixtures("unpinned_lang")
def test_a_second_call_reads_no_charter_again_and_keeps_the_score(project: Path, cli, checked: list[str], measured: list[str], reread: list[str]) -> None:
    """Nothing changed: no check, no parse, no data read, no score measured, and the same output, text (in the
    charters' own language, stated in their data) and JSON (with every file's score) alike."""
    text = cli("check", "charters", "--today", TODAY, "--jobs", "1")
    first = check(cli)
    assert len(measured) == 5 and "Pas prête à signer" in text[1]  # the JSON run after the text run reads its score
    checked.clear(), measured.clear()
    assert (cli("check", "charters", "--today", TODAY, "--jobs", "1"), check(cli)) == (text, first)
    assert (checked, measured, reread) == ([], [], [])  # grouped findings' places are named from the run entry's labels
    assert any(f.get("related") for f in json.loads(first[1])["findings"]), "no grouped finding: the labels are not tested"
    fresh = check(cli, "--no-cache")
    assert json.loads(first[1])["scores"] == json.loads(fresh[1])["scores"] and first == fresh


def test_a_changed_baseline_measures_the_score_again(project: Path, cli, checked: list[str], measured: list[str], reread: list[str]) -> None:
    """The baseline is applied after the cache: the findings it hides change the score, which is measured afresh
    from the data the files' own entries hold (no parsing), then kept for the next call with the same baseline."""
    check(cli)
    cli("baseline", "charters", "--today", TODAY, "-o", "baseline.json")
    checked.clear(), measured.clear(), reread.clear()
    warm = check(cli, "--baseline", "baseline.json")
    assert checked == [] and len(measured) == 5
    assert reread and not any(r.startswith("parsed") for r in reread)
    fresh = check(cli, "--baseline", "baseline.json", "--no-cache")
    assert warm == fresh
    assert json.loads(warm[1])["scores"] != json.loads(check(cli)[1])["scores"], "baselined findings are counted apart"
    measured.clear()
    assert check(cli, "--baseline", "baseline.json") == fresh
    assert measured == []


@pytest.mark.parametrize(
    "config, extra",
    [
        ("options:\n  accountability:\n    max_responsible: 1\n", ()),
        ("score-weights:\n  warning: 2.5\n", ()),
        ("severity:\n  GOV02: error\n", ()),
        ("", ("--today", "2031-01-01")),
    ],
    ids=["rule option", "score weights", "severity", "today"],
)
def test_a_changed_setting_gives_a_fresh_score(project: Path, cli, measured: list[str], config: str, extra: tuple[str, ...]) -> None:
    check(cli)
    check(cli)
    (project / ".partnercheck.yaml").write_text(config or "{}\n", encoding="utf-8")
    measured.clear()
    out = check(cli, *extra)
    assert len(measured) == 5
    assert out == check(cli, *extra, "--no-cache")


def test_another_language_reads_the_same_score(project: Path, cli, measured: list[str]) -> None:
    """The score does not depend on the language its words are shown in: a run in French after one in English
    measures nothing again and prints what a fresh French run prints."""
    check(cli)
    measured.clear()
    out = check(cli, "--lang", "fr")
    assert measured == []
    assert out == check(cli, "--lang", "fr", "--no-cache")


def test_a_corrupt_score_entry_is_measured_again(project: Path, cli, measured: list[str]) -> None:
    first = check(cli)
    for entry in (project / ".partnercheck_cache" / "results").rglob("*.json"):
        content = json.loads(entry.read_text(encoding="utf-8"))["entry"]  # inside its seal (run/cache.py)
        if "value" in content:
            entry.write_text(json.dumps({**content, "value": [["x"]]}), encoding="utf-8")  # edited: its seal no longer holds
    measured.clear()
    assert check(cli) == first
    assert len(measured) == 5
