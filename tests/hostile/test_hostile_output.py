"""Charter text cannot forge output lines or drive the terminal through a message."""

from __future__ import annotations

from hostile_support import clean, plugin, write

from partnercheck.findings import Finding, Severity
from partnercheck.report.formats.text import _excerpt_parts

FORGED = "funder\\n::error file=evil.yaml,line=1::forged annotation\\e[2J\\u202e"
CHARTER = f'partnercheck: 1\ncharter: {{id: x, title: A}}\npartners: [{{id: a, name: A, type: "{FORGED}"}}]\npilot: {{partners: [a]}}\n'


def forged(out: str) -> bool:
    return "\x1b" in out or "\u202e" in out or any(line.startswith("::error file=evil") for line in out.splitlines())


def test_a_schema_message_shows_control_characters_as_escapes(cli, tmp_path):
    path = write(tmp_path, "inject.yaml", CHARTER)
    for fmt in ("text", "github", "json"):
        code, out, err = cli("check", "--no-plugins", "--isolated", "--color", "never", "--select", "SCH01", "--format", fmt, str(path))
        clean(out, err)
        assert code == 1
        assert not forged(out), fmt
        if fmt == "text":
            assert '\\n::error file=evil.yaml,line=1::forged annotation\\x1b[2J\\u202e"' in out


def test_a_rule_message_shows_control_characters_as_escapes(cli, tmp_path):
    source = plugin(tmp_path, "yield BareFinding('/charter', {'what': ctx.data['partners'][0]['type']})")
    path = write(tmp_path, "inject.yaml", CHARTER)
    code, out, err = cli("check", "--no-plugins", "--isolated", "--color", "never", "--select", "HOS01", "--plugin", str(source), "--allow-local-plugins", str(path))
    clean(out, err)
    assert "hostile rule: funder\\n::error file=evil.yaml" in out
    assert not forged(out)


def test_a_huge_value_is_shortened_in_messages(cli, tmp_path):
    path = write(tmp_path, "long.yaml", CHARTER.replace(FORGED, "x" * 100_000))
    code, out, err = cli("check", "--no-plugins", "--isolated", "--select", "SCH01", "-q", str(path))
    assert code == 1
    assert "x" * 120 + "…" in out and "x" * 121 not in out


def test_excerpts_escape_control_characters_and_keep_the_caret_aligned() -> None:
    source = 'title: "\x1b[31mX", foo: 1'
    column = source.index("foo") + 1
    finding = Finding("SCH01", "schema-violation", Severity.ERROR, "m", "c.yaml", "/foo", 1, column, 1, column + 2)
    shown, caret = _excerpt_parts(finding, source)
    assert "\x1b" not in shown and "\\x1b" in shown
    assert shown[caret.index("^") : caret.index("^") + 3] == "foo"
