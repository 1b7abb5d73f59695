"""The standalone HTML page of `diff` and `history`: the health report's style sheet, and the same section templates
as the board report's (`changes.html.j2`, `history.html.j2`) in a frame of their own (`page.html.j2`)."""

from __future__ import annotations

from typing import Any, Sequence

from partnercheck import __version__
from partnercheck.report.formats.html_style import CSS
from partnercheck.report.i18n import Translator
from partnercheck.report.templating import environment


def page(title: str, tr: Translator, changes: Sequence[dict[str, Any]] = (), histories: Sequence[dict[str, Any]] = (), empty: str = "") -> str:
    """A self-contained page (no script, no external resource): the views of history/sections.py, escaped by the templates."""
    return environment().get_template("page.html.j2").render(
        _=tr.words, lang=tr.lang, title=title, version=__version__, css=CSS, changes=list(changes), histories=list(histories), empty=empty
    )
