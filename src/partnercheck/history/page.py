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


def diff_page(comparisons: Sequence[Any], tr: Translator) -> str:
    """`diff --format html`: per charter, the section the board report shows (`changes.html.j2`)."""
    from partnercheck.history.sections import changes_view

    views = [changes_view(c, tr, c.path) for c in comparisons]
    return page(tr.words("partnercheck: what this change does to the partnership"), tr, changes=views, empty="" if views else tr.words("No charter changed."))


def history_page(timeline: Any, tr: Translator) -> str:
    """`history --format html`: the section the board report shows (`history.html.j2`), with the table of scores."""
    from partnercheck.history.sections import history_view

    return page(tr.words("History of {path}", path=timeline.path), tr, histories=[history_view(timeline, tr, table=True)])
