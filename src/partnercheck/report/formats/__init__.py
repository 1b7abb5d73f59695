"""Output formats. Each reporter is `render(run, options) -> str`; none prints.

The built-in formats are registered by the built-in plugin through the
`register_reporters` hook, like any plugin's. They import their modules lazily
so a run only pays for the format it uses.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable, Mapping

Render = Callable[[Any, Mapping[str, Any]], str]

#: Each built-in format: its module, and the line `partnercheck check --help` gives it.
_MODULES = {
    "text": ("text", "for people at a terminal: each finding with its line, a caret and a hint (the default)"),
    "json": ("json_report", "every finding, score and verdict for scripts (schemas/report.schema.json)"),
    "concise": ("concise", "one line per finding, path:line:column: CODE [severity] message, for grep and editors"),
    "sarif": ("sarif", "SARIF 2.1.0, for GitHub code scanning and other code-analysis tools"),
    "github": ("github", "GitHub Actions workflow annotations (the default inside GitHub Actions)"),
    "junit": ("junit", "JUnit XML for CI test dashboards, one test case per charter"),
    "gitlab": ("gitlab", "GitLab Code Quality JSON, for merge requests"),
    "markdown": ("markdown", "Markdown for a pull-request comment: verdict, scores and findings"),
    "html": ("html", "the health report for a partnership board, as one printable HTML page"),
}


def _lazy(module: str, about: str) -> Render:
    def render(run: Any, options: Mapping[str, Any]) -> str:
        return importlib.import_module(f"{__name__}.{module}").render(run, options)

    render.__name__ = f"render_{module}"
    render.__doc__ = about
    return render


BUILTIN: dict[str, Render] = {name: _lazy(module, about) for name, (module, about) in _MODULES.items()}


def describe(render: Callable[..., Any], plugin: str) -> str:
    """A format in one line: the first line of its render function's docstring, and the plugin it comes from."""
    lines = (getattr(render, "__doc__", None) or "").strip().splitlines()
    about = lines[0].strip() if lines else ""
    if plugin == "core":
        return about
    return f"{about} (plugin {plugin})" if about else f"a format from plugin {plugin}"
