"""Output formats. Each reporter is `render(run, options) -> str`; none prints.

The built-in formats are registered by the built-in plugin through the
`register_reporters` hook, like any plugin's. They import their modules lazily
so a run only pays for the format it uses.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable, Mapping

Render = Callable[[Any, Mapping[str, Any]], str]

_MODULES = {
    "text": "text",
    "json": "json_report",
    "concise": "concise",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "gitlab": "gitlab",
    "markdown": "markdown",
    "html": "html",
}


def _lazy(module: str) -> Render:
    def render(run: Any, options: Mapping[str, Any]) -> str:
        return importlib.import_module(f"{__name__}.{module}").render(run, options)

    render.__name__ = f"render_{module}"
    return render


BUILTIN: dict[str, Render] = {name: _lazy(module) for name, module in _MODULES.items()}
