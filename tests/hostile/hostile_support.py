"""Shared helpers of the hostile corpus: files on disk, local plugins, the no-traceback check."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

#: A charter with no pilot: the built-in rules report PIL01 on it, so a test can see they still ran.
NO_PILOT = """\
partnercheck: 1
charter: {id: x, title: Plateforme}
partners:
  - {id: a, name: Association A, type: funder}
"""

PACK = """\
pack: hostile
rules:
  - code: HOS01
    name: hostile-rule
    severity: warning
    summary: A rule from a test plugin.
    why: To see how partnercheck contains it.
    message: "hostile rule: {what}"
    check: {function: hostile.check, scope: SCOPE}
    examples:
      fail: "partnercheck: 1"
      pass: "partnercheck: 1"
"""


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def plugin(folder: Path, body: str, *, top: str = "", hook: str = "", scope: str = "charter") -> Path:
    """A local plugin file registering rule HOS01, whose function `check(ctx)` has `body`."""
    write(folder, "hostile-pack.yaml", PACK.replace("SCOPE", scope))
    source = f'''\
from pathlib import Path

from partnercheck import BareFinding, hookimpl

{textwrap.dedent(top)}

@hookimpl
def register_rule_packs(register):
    register(Path(__file__).parent / "hostile-pack.yaml")


@hookimpl
def register_functions(register):
{textwrap.indent(textwrap.dedent(hook), "    ")}
    register("hostile.check", check)


def check(ctx):
{textwrap.indent(textwrap.dedent(body), "    ")}
'''
    return write(folder, "hostile_plugin.py", source)


def clean(out: str, err: str) -> None:
    """No traceback reached the user, and every error is one line starting with the program name."""
    assert "Traceback" not in out + err
    for line in err.splitlines():
        assert line.startswith(("partnercheck:", "usage:", " ")), line


def findings(out: str) -> list[dict]:
    """The findings of a `--format json` output."""
    return json.loads(out)["findings"]


def codes(out: str) -> set[str]:
    return {f["code"] for f in findings(out)}
