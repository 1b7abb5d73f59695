"""Rules read the charter, they never change it (issue 18, item 8): the data, the shared
indexes, the options and the profiles a rule receives refuse every change; a rule that tries
crashes alone (its INT01) and every other rule sees the charter as written.
"""

from __future__ import annotations

import copy
import json
import pickle

import pytest

from test_plugins import CHARTER, PACK_PLUGIN, charter, codes_of, findings_of, no_installed_plugins, pack, plugin, rule  # noqa: F401  (fixtures)

MUTATIONS = {
    "data-clear": 'ctx.data["partners"].clear()',
    "data-set": 'ctx.data["charter"]["title"] = "Other"',
    "data-del": 'del ctx.data["partners"]',
    "item-update": 'ctx.partners[0].value.update(representative="Someone")',
    "index-pop": "ctx.partners.pop()",
    "index-by-id": 'ctx.partners_by_id.clear()',
    "section-append": 'ctx.data["partners"].append({"id": "x", "name": "X", "type": "funder"})',
    "charter-attribute": "ctx.charter.partners = []",
    "option-list": 'ctx.options["types"].append("other")',
    "profiles": "ctx.profiles.clear()",
    "ior": 'd = ctx.data["charter"]\nd |= {"title": "Other"}',
}


def mutating_plugin(statement: str) -> str:
    body = "\n".join("    " + line for line in statement.splitlines())
    return PACK_PLUGIN.format(pack="mut") + f"""
def meddle(ctx):
{body}
    return []

@hookimpl
def register_functions(register):
    register("acme.meddle", meddle)
"""


MUTATING_RULE = rule("MUT01", "meddles", "{function: acme.meddle}").replace("  check:", "  options:\n    types: {default: [funder], schema: {type: array}}\n  check:")


@pytest.mark.parametrize("statement", MUTATIONS.values(), ids=MUTATIONS.keys())
def test_a_rule_that_changes_what_it_reads_crashes_alone(cli, plugin, charter, statement: str) -> None:
    baseline = cli("check", charter, "--format", "json", "--no-cache")[1]
    plugin("acme_mut", mutating_plugin(statement), mut_yaml=pack(MUTATING_RULE))
    code, out, _ = cli("check", charter, "--format", "json", "--no-cache")
    assert code == 2
    crashed = [f["message"] for f in findings_of(out) if f["code"] == "INT01"]
    assert len(crashed) == 1 and crashed[0].startswith("Rule MUT01 (meddles) from plugin 'acme_mut' failed: "), crashed
    assert "read-only" in crashed[0] or "cannot be replaced" in crashed[0]
    others = [(f["code"], f["pointer"], f["message"]) for f in findings_of(out) if f["code"] != "INT01"]
    assert others == [(f["code"], f["pointer"], f["message"]) for f in findings_of(baseline)]


def test_an_option_default_changed_by_one_file_is_not_seen_by_the_next(cli, plugin, tmp_path) -> None:
    source = PACK_PLUGIN.format(pack="mut") + """
def meddle(ctx):
    try:
        ctx.options["types"].append("other")
    except TypeError:
        pass
    return [BareFinding("", {"name": ",".join(ctx.options["types"])})]

@hookimpl
def register_functions(register):
    register("acme.meddle", meddle)
"""
    plugin("acme_mut", source, mut_yaml=pack(MUTATING_RULE))
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(CHARTER, encoding="utf-8")
    code, out, _ = cli("check", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), "--format", "json", "--no-cache", "--select", "MUT01", "--jobs", "1")
    assert [f["message"] for f in findings_of(out)] == ["funder is not healthy", "funder is not healthy"]


def test_frozen_data_copies_and_pickles_as_plain_writable_values() -> None:
    from partnercheck.rules.readonly import ReadOnlyDict, freeze

    data = freeze({"partners": [{"id": "a", "tags": ["x"]}]})
    assert isinstance(data, dict) and isinstance(data["partners"], list) and type(data) is ReadOnlyDict
    with pytest.raises(TypeError, match="read-only"):
        data["partners"][0]["tags"].append("y")
    for copied in (pickle.loads(pickle.dumps(data)), copy.deepcopy(data), copy.copy(data), dict(data)):
        copied["new"] = 1
        assert type(copied) is dict
    thawed = pickle.loads(pickle.dumps(data))
    thawed["partners"][0]["tags"].append("y")
    assert json.loads(json.dumps(data)) == {"partners": [{"id": "a", "tags": ["x"]}]}


def test_a_finding_carrying_frozen_data_crosses_workers_and_the_cache(cli, plugin, tmp_path) -> None:
    source = PACK_PLUGIN.format(pack="mut") + """
def echo(ctx):
    return [BareFinding(p.pointer, {"name": p.value["name"], "whole": p.value}) for p in ctx.partners]

@hookimpl
def register_functions(register):
    register("acme.echo", echo)
"""
    plugin("acme_echo", source, mut_yaml=pack(rule("ECH01", "echoes", "{function: acme.echo}")))
    paths = _charters(tmp_path, 4)
    runs = [cli("check", *paths, "--format", "json", "--select", "ECH01", "--jobs", "2", "--cache-dir", str(tmp_path / "cache")) for _ in range(2)]
    assert [code for code, _, _ in runs] == [1, 1]
    assert runs[0][1] == runs[1][1] and codes_of(runs[0][1]) == {"ECH01"}


def test_frozen_data_sent_back_by_a_worker_stays_frozen_and_equal() -> None:
    from partnercheck.rules.readonly import ReadOnlyDict, ReadOnlyList, dumps_frozen, freeze

    data = freeze({"partners": [{"id": "a", "tags": ["x"]}], "title": "T"})
    back = pickle.loads(dumps_frozen(("done", data, [])))[1]
    assert back == data and type(back) is ReadOnlyDict and type(back["partners"]) is ReadOnlyList
    with pytest.raises(TypeError, match="read-only"):
        back["partners"][0]["tags"].append("y")
    assert type(pickle.loads(dumps_frozen({"plain": [1]}))["plain"]) is list  # plain values stay plain


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_repository_rule_that_changes_a_charter_crashes_alone_with_or_without_workers(cli, plugin, tmp_path, monkeypatch, jobs: str) -> None:
    from partnercheck.run import parallel

    monkeypatch.setattr(parallel, "MIN_PARALLEL_BYTES", 0)  # small files still go to worker processes with --jobs 2
    source = PACK_PLUGIN.format(pack="mut") + """
def wipe(ctx):
    for charter in ctx:
        charter.data["partners"].clear()
    return []

@hookimpl
def register_functions(register):
    register("acme.wipe", wipe)
"""
    plugin("acme_wipe", source, mut_yaml=pack(rule("WIP01", "wipes", "{function: acme.wipe, scope: repository}")))
    paths = _charters(tmp_path, 3)
    code, out, _ = cli("check", *paths, "--format", "json", "--jobs", jobs, "--no-cache")
    crashes = [f for f in findings_of(out) if f["code"] == "INT01"]
    assert code == 2 and len(crashes) == 1 and "WIP01" in crashes[0]["message"] and "read-only" in crashes[0]["message"]


def _charters(folder, count: int) -> list[str]:
    """`count` copies of the charter in `folder`, their paths."""
    paths = [folder / f"c{i}.yaml" for i in range(count)]
    for path in paths:
        path.write_text(CHARTER, encoding="utf-8")
    return [str(path) for path in paths]


CHANGE_LOG = "evolution:\n  change_log:\n    - {date: 2025-06-01, change: Un partenaire rejoint la plateforme.}\n"


@pytest.mark.parametrize("statement", [MUTATIONS["option-list"], MUTATIONS["data-set"]], ids=["options", "data"])
def test_a_change_rule_that_changes_what_it_reads_crashes_alone_on_every_run(cli, plugin, tmp_path, statement: str) -> None:
    """A change rule reads frozen data and options as the other scopes do, on the first run of a process as on the
    next ones (the packs a process loads again are kept frozen: rules/packcache.py), not only from the second."""
    changing = MUTATING_RULE.replace("MUT01", "MUT02").replace("{function: acme.meddle}", "{function: acme.meddle, scope: change}")
    plugin("acme_mut", mutating_plugin(statement), mut_yaml=pack(changing))
    path = tmp_path / "charte.yaml"
    path.write_text(CHARTER + CHANGE_LOG, encoding="utf-8")
    for _ in range(3):
        code, out, _ = cli("check", str(path), "--format", "json", "--no-cache", "--select", "MUT02")
        crashed = [f["message"] for f in findings_of(out) if f["code"] == "INT01"]
        assert code == 2 and len(crashed) == 1 and "MUT02" in crashed[0] and "read-only" in crashed[0], out
