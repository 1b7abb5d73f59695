"""Charter text cannot inject markup into the HTML report: hostile values in every field of a charter.

Every string of the healthy example is replaced by a hostile value (markup,
attribute breakers, template syntax, control and bidi characters); the page
must parse strictly, hold no element or attribute the templates do not write,
and show each hostile value as text.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any, Iterator

import html5lib
from catalog.support import healthy

HOSTILE = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    "</title><script>alert(2)</script>",
    "</style><script>alert(3)</script>",
    "<svg onload=alert(4)><text>x</text></svg>",
    "]]><!-- -->",
    "{{ 7*7 }}{% raw %}",
    "javascript:alert(5)",
    "&lt;b&gt; &amp; <b>bold</b>",
    "\u202eevil\u200b",
    "`<i>code</i>`",
    "<a href=//example.org>link</a>",
)
ELEMENTS = {
    "html", "head", "meta", "title", "style", "body", "article", "header", "h1", "h2", "h3", "dl", "dt", "dd", "section", "p", "span",
    "ol", "ul", "li", "figure", "figcaption", "div", "table", "thead", "tbody", "tr", "th", "td", "em", "strong", "code", "pre", "footer",
    "svg", "g", "text", "path", "rect",
}
ATTRIBUTES = {"lang", "charset", "name", "content", "class", "id", "scope", "data-label", "xmlns", "viewBox", "width", "height", "role", "aria-labelledby", "x", "y", "rx", "text-anchor", "d"}


def poisoned(data: Any, values: Iterator[str], keep_ids: bool) -> Any:
    """`data` with each string replaced by the next hostile value (ids and references kept when `keep_ids`)."""
    if isinstance(data, dict):
        return {k: (v if keep_ids and k in KEPT else poisoned(v, values, keep_ids)) for k, v in data.items()}
    if isinstance(data, list):
        return [poisoned(v, values, keep_ids) for v in data]
    return next(values) if isinstance(data, str) else data


#: Keys whose values tie the charter together: kept in one variant, so that the map and tables are drawn.
KEPT = {"id", "partners", "members", "accountable", "contributors", "represented_by", "seats", "measures", "collected_by", "endorsed_by", "status", "type", "level", "decision_rule", "deadline", "start", "end"}


def test_hostile_values_in_every_field_stay_text(cli, tmp_path: Path) -> None:
    for keep_ids in (True, False):
        data = healthy()
        data = {**poisoned(data, itertools.cycle(HOSTILE), keep_ids), "partnercheck": 1}
        if keep_ids:
            data["partners"] = [poisoned(p, itertools.cycle(HOSTILE), False) | {"id": p["id"], "type": p["type"]} for p in healthy()["partners"]]
        charter = tmp_path / "hostile.yaml"
        charter.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        for lang in ("en", "fr"):
            out = tmp_path / f"r-{lang}.html"
            code, _, err = cli("report", str(charter), "-o", str(out), "--today", "2026-01-15", "--lang", lang)
            assert code == 0 and "Traceback" not in err, err
            page = out.read_text(encoding="utf-8")
            tree = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)
            elements = {e.tag.rsplit("}", 1)[-1] for e in tree.iter()}
            assert elements <= ELEMENTS, elements - ELEMENTS
            attributes = {a.rsplit("}", 1)[-1] for e in tree.iter() for a in e.attrib}
            assert attributes <= ATTRIBUTES, attributes - ATTRIBUTES
            assert len(tree.findall(".//style")) == 1
            text = "".join(tree.itertext())
            if keep_ids:
                assert "partner-map" in page
            for value in HOSTILE:
                assert value.replace("`", "") in text.replace("`", ""), value  # shown as text (a `span` as code)
            assert "{{ 7*7 }}{% raw %}" in text  # template syntax in a charter is text, never evaluated
