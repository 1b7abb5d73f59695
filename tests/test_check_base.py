"""`check --base REF`: only the findings absent at REF count, matched by file, code and pointer."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from git_support import commit, git, init

# Each charter: PIL02 at /pilot and MEM01 at /partners/0 (two warnings).
CHARTER = """partnercheck: 1
charter: {{id: c{n}, title: C{n}}}
partners: [{{id: a, name: A, type: funder}}]
pilot: {{partners: [a]}}
"""
# The same charter reformatted and reordered, with a second partner: one new MEM01 at /partners/1.
AMENDED = """partnercheck: 1
pilot:
  partners: [a]
charter:
  title: C0
  id: c0

partners:
  - {id: a, name: A, type: funder}
  - {id: b, name: B, type: funder}
"""
REFORMATTED = AMENDED.replace("  - {id: b, name: B, type: funder}\n", "")
SELECT = ("--select", "PIL02,MEM01", "--isolated", "--no-cache")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Five charters, ten findings, committed on `main`; the working directory is the repository."""
    init(tmp_path)
    commit(tmp_path, {f"charters/c{n}.yaml": CHARTER.format(n=n) for n in range(5)}, "five charters")
    git(tmp_path, "checkout", "-q", "-b", "feature")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def active(out: str) -> list[tuple[str, str, str]]:
    return [(f["path"], f["code"], f["pointer"]) for f in json.loads(out)["findings"] if not f["suppressed"]]


def test_ten_old_findings_and_one_new_report_only_the_new_one(cli, repo: Path) -> None:
    code, out, _ = cli("check", "charters", "-f", "json", *SELECT)
    assert code == 1 and len(active(out)) == 10
    commit(repo, {"charters/c0.yaml": AMENDED}, "a partner joins")
    code, out, err = cli("check", "charters", "-f", "json", "--base", "main", *SELECT)
    assert code == 1, err
    assert active(out) == [("charters/c0.yaml", "MEM01", "/partners/1")]
    assert "2 findings already there, 0 findings resolved" in err


def test_a_reformatted_charter_brings_no_new_finding(cli, repo: Path) -> None:
    (repo / "charters" / "c0.yaml").write_text(REFORMATTED)  # not even committed: the working tree counts
    code, out, err = cli("check", "charters", "-f", "json", "--base", "main", *SELECT)
    assert code == 0, err
    found = json.loads(out)["findings"]
    assert [f["path"] for f in found] == ["charters/c0.yaml"] * 2  # only the changed charter was checked
    assert all(f["suppression"]["kind"] == "baseline" and "already at main" in f["suppression"]["reason"] for f in found)


def test_a_renamed_charter_keeps_its_old_findings_known(cli, repo: Path) -> None:
    git(repo, "mv", "charters/c1.yaml", "charters/renamed.yaml")
    code, out, err = cli("check", "charters", "-f", "json", "--base", "main", *SELECT)
    assert code == 0, err
    assert active(out) == []


def test_a_new_charter_has_only_new_findings(cli, repo: Path) -> None:
    (repo / "charters" / "new.yaml").write_text(CHARTER.format(n=9))  # untracked
    code, out, _ = cli("check", "charters", "-f", "json", "--base", "main", *SELECT)
    assert code == 1
    assert sorted(active(out)) == [("charters/new.yaml", "MEM01", "/partners/0"), ("charters/new.yaml", "PIL02", "/pilot")]


def test_resolving_a_finding_is_told_and_passes(cli, repo: Path) -> None:
    fixed = CHARTER.format(n=2).replace("pilot: {partners: [a]}\n", "")
    commit(repo, {"charters/c2.yaml": fixed})
    code, out, err = cli("check", "charters", "-f", "json", "--base", "main", *SELECT)
    assert code == 0 and active(out) == []
    assert "1 finding resolved" in err


@pytest.mark.parametrize("fmt", ["text", "github", "gitlab", "concise"])
def test_formats_of_active_findings_show_only_the_new_one(cli, repo: Path, fmt: str) -> None:
    commit(repo, {"charters/c0.yaml": AMENDED})
    code, out, _ = cli("check", "charters", "-f", fmt, "--base", "main", "--color", "never", *SELECT)
    assert code == 1
    assert "Partner `b`" in out  # the new MEM01
    assert "Partner `a`" not in out and "PIL02" not in out  # the two known ones


def test_sarif_junit_and_markdown_fail_on_the_new_one_and_mark_the_old_ones(cli, repo: Path) -> None:
    commit(repo, {"charters/c0.yaml": AMENDED})
    _, out, _ = cli("check", "charters", "-f", "sarif", "--base", "main", *SELECT)
    results = json.loads(out)["runs"][0]["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results] == [("MEM01", 10)]
    _, out, _ = cli("check", "charters", "-f", "junit", "--base", "main", *SELECT)
    assert out.count("<failure ") == 1 and 'type="MEM01"' in out and out.count("suppressed by baseline: already at main") == 2
    _, out, _ = cli("check", "charters", "-f", "markdown", "--base", "main", *SELECT)
    assert "0 errors, 1 warning" in out and out.count("— baseline — already at main") == 2


def test_an_unknown_revision_is_a_usage_error(cli, repo: Path) -> None:
    code, out, err = cli("check", "charters", "--base", "no-such-branch", *SELECT)
    assert code == 2 and out == ""
    assert err.strip() == "partnercheck: error: --base no-such-branch: no such revision in " + str(repo) + " (a branch, tag or commit; fetch it first if it lives on a remote)"


def test_outside_a_repository_is_a_usage_error(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "c.yaml").write_text(CHARTER.format(n=1))
    monkeypatch.chdir(tmp_path)
    code, _, err = cli("check", "c.yaml", "--base", "main", *SELECT)
    assert code == 2 and "is not inside a git repository" in err and "Traceback" not in err


def test_a_shallow_clone_says_to_fetch_the_history(cli, repo: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    commit(repo, {"charters/c0.yaml": AMENDED})
    clone = tmp_path_factory.mktemp("clone") / "c"
    subprocess.run(["git", "clone", "-q", "--depth", "1", "--branch", "feature", repo.as_uri(), str(clone)], check=True, capture_output=True)
    monkeypatch.chdir(clone)
    code, _, err = cli("check", "charters", "--base", "main", *SELECT)
    assert code == 2
    assert "shallow clone" in err and "fetch-depth: 0" in err


def test_git_missing_is_a_usage_error(cli, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(repo / "nowhere"))
    code, _, err = cli("check", "charters", "--base", "main", *SELECT)
    assert code == 2 and "git is not installed" in err


def test_base_with_a_baseline_is_refused(cli, repo: Path) -> None:
    code, _, err = cli("check", "charters", "--base", "main", "--baseline", "b.json", *SELECT)
    assert code == 2 and "give one of them" in err


def test_a_base_branch_that_moved_on_brings_nothing_new(cli, repo: Path) -> None:
    """As a pull request's diff: the comparison starts where the branch left `main`, not at main's tip."""
    commit(repo, {"charters/c0.yaml": AMENDED}, "the branch: a partner joins")
    git(repo, "checkout", "-q", "main")
    fixed = CHARTER.format(n=3).replace("pilot: {partners: [a]}\n", "")
    commit(repo, {"charters/c3.yaml": fixed}, "main fixes c3 meanwhile")
    git(repo, "checkout", "-q", "feature")
    code, out, err = cli("check", "charters", "-f", "json", "--base", "main", *SELECT)
    assert code == 1, err
    assert active(out) == [("charters/c0.yaml", "MEM01", "/partners/1")]  # c3's PIL02, fixed only on main, is not the branch's doing
    assert {f["path"] for f in json.loads(out)["findings"]} == {"charters/c0.yaml"}


def test_the_summary_line_speaks_the_run_s_language(cli, repo: Path) -> None:
    commit(repo, {"charters/c0.yaml": AMENDED}, "a partner joins")
    code, _, err = cli("check", "charters", "-f", "json", "--base", "main", "--lang", "fr", *SELECT)
    assert code == 1, err
    line = next(line for line in err.splitlines() if "main (" in line)
    assert line.startswith("partnercheck : comparé à main (") and line.endswith(") : 2 constats déjà présents, 0 constat résolu"), line
    assert "finding" not in err and "compared" not in err


SHARED = """partnercheck: 1
charter: {{id: p{n}, title: P{n}}}
partners: [{{id: region, name: Région, type: institution}}, {{id: own{n}, name: Own {n}, type: association}}]
pilot: {{partners: [own{n}]}}
"""


@pytest.mark.parametrize("cached", [False, True], ids=["parsed", "from-the-cache"])
def test_sca03_counts_the_unchanged_charters_and_reports_only_the_new_finding(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cached: bool) -> None:
    """Five charters share `region` (SCA03's limit is 5): a sixth, new on the branch, makes it cross the threshold."""
    init(tmp_path)
    commit(tmp_path, {f"charters/p{n}.yaml": SHARED.format(n=n) for n in range(5)}, "five partnerships")
    git(tmp_path, "checkout", "-q", "-b", "feature")
    monkeypatch.chdir(tmp_path)
    speed = ("--cache-dir", str(tmp_path / ".cache")) if cached else ("--no-cache",)
    if cached:  # a check of the base fills the cache: the unchanged charters are then read from it
        monkeypatch.delenv("PARTNERCHECK_NO_CACHE", raising=False)  # the suite turns the cache off (conftest.py)
        assert cli("check", "charters", "--select", "SCA03", "--isolated", *speed)[0] == 0
    commit(tmp_path, {"charters/p5.yaml": SHARED.format(n=5)}, "a sixth partnership")
    from partnercheck.document import sections

    parsed: list[str] = []
    real = sections.many_sections
    monkeypatch.setattr(sections, "many_sections", lambda files, *a, **k: parsed.extend(p for p, _ in files) or real(files, *a, **k))
    code, out, err = cli("check", "charters", "-f", "json", "--base", "main", "--select", "SCA03", "--isolated", *speed)
    assert code == 1, err
    assert sorted(parsed) == ([] if cached else [f"charters/p{n}.yaml" for n in range(5)])  # the cache's data, unparsed
    found = json.loads(out)["findings"]
    assert [(f["path"], f["code"], f["pointer"]) for f in found] == [("charters/p5.yaml", "SCA03", "/partners/0")]
    assert "6 partnerships" in found[0]["message"] and "p0" in found[0]["message"]
    # reformatting one of the five is no change to SCA03: its finding there was already at the base... once over
    commit(tmp_path, {"charters/p0.yaml": SHARED.format(n=0) + "\n"}, "a blank line")
    code, out, err = cli("check", "charters", "-f", "json", "--base", "feature~1", "--select", "SCA03", "--isolated", *speed)
    assert code == 0, err
    assert [(f["path"], f["suppression"]["kind"]) for f in json.loads(out)["findings"]] == [("charters/p0.yaml", "baseline")]


def test_without_a_repository_rule_the_unchanged_charters_are_not_read(cli, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from partnercheck.run import discovery

    commit(repo, {"charters/c0.yaml": AMENDED}, "a partner joins")
    seen: list[str] = []
    real = discovery.read
    monkeypatch.setattr(discovery, "read", lambda target, *a, **k: seen.append(target.display) or real(target, *a, **k))
    unchanged = ("c1.yaml", "c2.yaml", "c3.yaml", "c4.yaml")
    code, _, err = cli("check", "charters", "--base", "main", *SELECT)
    assert code == 1, err
    assert not any(p.endswith(unchanged) for p in seen), seen
    code, _, err = cli("check", "charters", "--base", "main", "--select", "PIL02,MEM01,SCA03", "--isolated", "--no-cache")
    assert code == 1, err
    assert sorted(p.rsplit("/", 1)[-1] for p in seen if p.endswith(unchanged)) == list(unchanged)  # SCA03 counts them: read, once


def test_diff_base_counts_the_unchanged_charters_for_sca03_too(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`diff --base` introduces the SCA03 a sixth partnership causes, as `check --base` reports it: the five
    unchanged charters are counted on both sides."""
    init(tmp_path)
    commit(tmp_path, {f"charters/p{n}.yaml": SHARED.format(n=n) for n in range(5)}, "five partnerships")
    git(tmp_path, "checkout", "-q", "-b", "feature")
    commit(tmp_path, {"charters/p5.yaml": SHARED.format(n=5)}, "a sixth partnership")
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("diff", "--base", "main", "charters", "-f", "json", "--select", "SCA03", "--isolated")
    assert code == 1, err
    introduced = [(c["path"], f["code"]) for c in json.loads(out)["charters"] for f in c["introduced"]]
    assert introduced == [("charters/p5.yaml", "SCA03")]


@pytest.mark.parametrize(("lang", "said"), [("en", "No charter changed since HEAD: 0 files checked."), ("fr", "Aucune charte modifiée depuis HEAD : 0 fichier vérifié.")])
def test_no_charter_changed_since_the_base_says_so_not_that_none_was_found(cli, repo: Path, lang: str, said: str) -> None:
    code, out, err = cli("check", "charters", "--base", "HEAD", "--lang", lang, *SELECT)
    assert code == 0, err
    assert said in out
    assert "No charter found" not in out and "Aucune charte trouvée" not in out
    code, out, _ = cli("check", "charters", "--lang", lang, *SELECT)  # without --base, the charters are all checked
    assert code == 1 and "changed since" not in out and "modifiée depuis" not in out
