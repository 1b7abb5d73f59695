"""The Jinja2 environment of the HTML report: templates shipped in `report/templates/`, always autoescaped.

Every value from a charter or a finding reaches the page through `{{ … }}`,
which escapes it; the only markup that is not escaped is what the `prose`
filter builds from escaped text (`backquoted` words shown as code).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

TEMPLATES = Path(__file__).resolve().parent / "templates"
_BACKQUOTED = re.compile(r"`([^`<>]+)`")


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["prose"] = prose
    return env


def prose(text: str) -> Markup:
    """Escaped text, with `backquoted` words shown as code."""
    return Markup(_BACKQUOTED.sub(r"<code>\1</code>", str(escape(text))))
