"""The Markdown report through a real CommonMark renderer (issue 17, item 6).

Backticks in a charter value once let `<img src=x onerror=alert(1)>` out of
its code span and into the rendered comment as raw HTML. markdown-it-py parses
the output as GitHub or GitLab would: the only HTML in it is partnercheck's own
`<details>`/`<summary>` around hints.
"""

from __future__ import annotations

import json
import re

from catalog.support import healthy
from hostile_support import clean, write
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from partnercheck.report.formats.markdown import escape

MD = MarkdownIt("commonmark")
OURS = re.compile(r"^\s*(</?details>|</?summary>|<details><summary>[^<]*</summary>)\s*$")
PAYLOADS = [
    "``<img src=x onerror=alert(1)>",
    "`<img src=x onerror=alert(1)>`",
    "a`b``<img src=x onerror=alert(1)>``c`",
    "```<script>alert(1)</script>",
    "\\`<img src=x onerror=alert(1)>`",
    "` `<b onmouseover=alert(1)>x</b>` `",
    "<https://evil.example>",
    "[x](javascript:alert(1))",
]


def foreign_html(markdown: str) -> list[str]:
    """The HTML in `markdown` as CommonMark reads it, other than partnercheck's own hint wrapper."""
    found = []
    for token in MD.parse(markdown):
        pieces = [token, *(token.children or [])]
        found += [t.content for t in pieces if t.type in ("html_inline", "html_block") and not all(OURS.match(line) for line in t.content.strip().splitlines())]
    return found


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(alphabet="`<>\\ab &*[]|", max_size=24))
@example("``<a>")
@example("\\`<b>`")
@example("`` `<a>` ``")
def test_escaped_text_never_renders_as_html(text):
    for message in (text, f"`{text}`", f"Partner `{text}` (`{text}`)"):
        assert foreign_html(escape(message)) == [], escape(message)


def test_charter_values_never_render_as_html(cli, tmp_path, monkeypatch):
    data = healthy()
    for i, payload in enumerate(PAYLOADS):
        partner = dict(data["partners"][0], id=payload, name=payload)
        data["partners"].append(partner)
    data["beneficiaries"][0]["id"] = PAYLOADS[0]
    data["charter"]["title"] = PAYLOADS[2]
    data["vision"] = PAYLOADS[3]
    write(tmp_path, "c.yaml", json.dumps(data, ensure_ascii=False))
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("check", "--no-plugins", "--isolated", "--no-cache", "--format", "markdown", "c.yaml")
    clean(out, err)
    assert code == 1 and "onerror" in out  # the payloads are quoted in messages
    assert foreign_html(out) == []
    html = MD.render(out)
    assert "<img" not in html and "<script" not in html and "<b " not in html
