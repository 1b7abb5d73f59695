"""A plugin's rules are health rules for the user who selected them (issue 18, item 10): when only
they ran, the verdict says the charter was checked by them and names their packs, in every format
and in French; "Not checked" is kept for a run where really no rule ran."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from paths import ROOT

from test_plugins import CHARTER, PACK_PLUGIN, PARTNER_NEEDS_REPRESENTATIVE, no_installed_plugins, pack, plugin, rule  # noqa: F401  (fixtures)

REPORT = Draft202012Validator(json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8")))
CLEAN = CHARTER.replace("type: funder}", "type: funder, representative: Mme Durand}")
ACME = pack(rule("ACM01", "representative-named", PARTNER_NEEDS_REPRESENTATIVE))
FUNCTION_PLUGIN = """
@hookimpl
def register_rule_packs(register):
    register(HERE / "fn.yaml")

def named(ctx):
    for partner in ctx.partners:
        if "representative" not in partner.value:
            yield BareFinding(partner.pointer, {"name": partner.id})

@hookimpl
def register_functions(register):
    register("acme_fn.named", named)
"""
FN_PACK = pack(rule("FNC01", "representative-stated", "{function: acme_fn.named}"), name="acme-fn")


@pytest.fixture(params=["yaml-pack", "python-plugin"])
def selected(request: pytest.FixtureRequest, tmp_path: Path, plugin) -> tuple[list[str], str]:  # noqa: F811
    """The options that load and select only a plugin's rules, and its pack's name: a YAML pack, or a Python plugin's function rule."""
    if request.param == "yaml-pack":
        (tmp_path / "acme.yaml").write_text(ACME, encoding="utf-8")
        return ["--rules", str(tmp_path / "acme.yaml"), "--select", "acme"], "acme"
    plugin("acme_fn", FUNCTION_PLUGIN, fn_yaml=FN_PACK)
    return ["--select", "acme-fn"], "acme-fn"


def _charter(tmp_path: Path, text: str) -> str:
    path = tmp_path / "charte.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_clean_charter_checked_by_a_plugin_alone_is_ready_and_names_the_pack(cli, tmp_path: Path, selected) -> None:
    options, name = selected
    code, out, err = cli("check", _charter(tmp_path, CLEAN), *options, "--no-cache", "--color", "never")
    assert code == 0, err
    assert f"✔ Ready to sign (checked by the selected rules of pack {name} only) — health score n/a" in out
    assert "Not checked" not in out


def test_findings_of_a_plugin_alone_block_signing_without_not_checked(cli, tmp_path: Path, selected) -> None:
    options, name = selected
    code, out, _ = cli("check", _charter(tmp_path, CHARTER), *options, "--no-cache", "--color", "never")
    assert code == 1
    assert f"✘ Not ready to sign: 1 blocking problem (--fail-on warning) (checked by the selected rules of pack {name} only)" in out
    assert "Not checked" not in out


def test_the_json_verdict_is_checked_and_names_the_pack(cli, tmp_path: Path, selected) -> None:
    options, name = selected
    code, out, _ = cli("check", _charter(tmp_path, CLEAN), *options, "--no-cache", "--format", "json")
    report = json.loads(out)
    assert not list(REPORT.iter_errors(report))
    [file] = report["scores"]["files"]
    assert (code, file["overall"]) == (0, None)
    assert file["verdict"] == {"ready": True, "label": f"Ready to sign (checked by the selected rules of pack {name} only)", "checked": True, "packs": [name], "improve": 0, "blocking": []}
    assert report["scores"]["summary"]["verdict"]["packs"] == [name] and report["scores"]["summary"]["verdict"]["ready"] is True


def test_markdown_states_the_verdict(cli, tmp_path: Path, selected) -> None:
    options, name = selected
    _, out, _ = cli("check", _charter(tmp_path, CLEAN), *options, "--no-cache", "--format", "markdown")
    assert out.splitlines()[2] == f"✔ Ready to sign (checked by the selected rules of pack {name} only)"


def test_the_html_and_board_reports_say_checked_by_the_pack(cli, tmp_path: Path, selected) -> None:
    options, name = selected
    charter = _charter(tmp_path, CLEAN)
    label = f"Ready to sign (checked by the selected rules of pack {name} only)"
    code, out, _ = cli("report", charter, "-o", str(tmp_path / "board.html"), *options, "--lang", "en")
    assert code == 0 and out == f"Wrote {tmp_path / 'board.html'}: {label}, health score n/a.\n"
    assert label in (tmp_path / "board.html").read_text(encoding="utf-8")
    cli("check", charter, *options, "--no-cache", "--format", f"html:{tmp_path / 'check.html'}")
    html = (tmp_path / "check.html").read_text(encoding="utf-8")
    assert label in html and "Not checked" not in html


def test_in_french(cli, tmp_path: Path, selected) -> None:
    options, name = selected
    _, out, _ = cli("check", _charter(tmp_path, CLEAN), *options, "--no-cache", "--color", "never", "--lang", "fr")
    assert f"✔ Prête à signer (seules les règles sélectionnées de la famille {name} ont été appliquées) — score de santé n.d." in out


def test_two_packs_alone_are_both_named(cli, tmp_path: Path, plugin) -> None:  # noqa: F811
    plugin("acme_fn", FUNCTION_PLUGIN, fn_yaml=FN_PACK)
    (tmp_path / "acme.yaml").write_text(ACME, encoding="utf-8")
    _, out, _ = cli("check", _charter(tmp_path, CLEAN), "--rules", str(tmp_path / "acme.yaml"), "--select", "acme,acme-fn", "--no-cache", "--color", "never")
    assert "✔ Ready to sign (checked by the selected rules of packs acme, acme-fn only)" in out


def test_with_a_health_dimension_the_verdict_names_no_pack(cli, tmp_path: Path, selected) -> None:
    options, _ = selected
    options = [o if o not in ("acme", "acme-fn") else f"{o},MEM" for o in options]
    _, out, _ = cli("check", _charter(tmp_path, CLEAN), *options, "--no-cache", "--format", "json")
    [file] = json.loads(out)["scores"]["files"]
    assert file["dimensions"]["members"]["score"] is not None
    assert file["verdict"]["packs"] == [] and "checked by" not in file["verdict"]["label"]


def test_not_checked_only_when_no_rule_ran(cli, tmp_path: Path, selected) -> None:
    options, _ = selected
    options = [o for o in options if o not in ("--select", "acme", "acme-fn")]
    code, out, _ = cli("check", _charter(tmp_path, CLEAN), *options, "--ignore", "ALL", "--no-cache", "--color", "never")
    assert code == 0
    assert "✘ Not checked: no health rule ran — health score n/a" in out
