"""docs/guide-coordinateur.md stays true: its sample is what a French run of the starter prints, its flags exist."""

from __future__ import annotations

import re
from pathlib import Path

from paths import ROOT

GUIDE = (ROOT / "docs" / "guide-coordinateur.md").read_text(encoding="utf-8")


def test_the_sample_is_what_the_starter_gives(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    init = re.search(r"```sh\n(partnercheck init .*)\n```", GUIDE)
    assert init is not None
    cli(*init.group(1).split()[1:])
    sample = GUIDE.split("Chaque constat ressemble à ceci :", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    _, out, _ = cli("check", "charte.yaml", "--lang", "fr", "--color", "never", "--today", "2026-11-26")
    assert sample in out


def test_every_command_and_flag_of_the_guide_exists(cli) -> None:
    shown = re.findall(r"^partnercheck .*$", "\n".join(re.findall(r"```sh\n(.*?)```", GUIDE, flags=re.S)), flags=re.M)
    shown += re.findall(r"`(partnercheck [^`]*)`", GUIDE)
    commands = [re.match(r"partnercheck ([a-z]+)(.*)", line).groups() for line in shown]  # type: ignore[union-attr]
    assert {name for name, _ in commands} >= {"init", "check", "report", "rule", "rules"}
    for name, rest in commands:
        code, help_text, _ = cli(name, "--help")
        assert code == 0, name
        for flag in re.findall(r"(--[a-z][a-z-]+)", rest):
            assert flag in help_text, f"partnercheck {name} {flag}"
