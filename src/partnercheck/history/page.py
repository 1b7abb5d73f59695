"""The HTML page of `diff` and `history`: the health report's style sheet and frame around their sections."""

from __future__ import annotations

from html import escape

from partnercheck import __version__
from partnercheck.report.formats.html_style import CSS
from partnercheck.report.i18n import Translator


def page(title: str, body: str, tr: Translator) -> str:
    """A self-contained page (no script, no external resource); `body` is HTML already escaped."""
    footer = escape(tr.words("Report made by partnercheck {version}, a linter for partnership charters.", version=__version__))
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(tr.lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>{escape(title)}</h1>\n{body}\n<footer>{footer}</footer>\n</body>\n</html>\n"
    )
