"""A document's text through `check`'s own pipeline: the same plan, engine, suppressions, waivers, baseline and language.

The text goes in as `check --charters-only -` reads standard input, named by
its path (`--stdin-filename`), so the configuration is found by walking up
from the file, and other YAML files (no top-level `partnercheck:` key) get no
diagnostics, as when `check` walks a folder.
Plans (plugins loaded, configuration read) are kept per folder and dropped
when the settings or a configuration file change.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from partnercheck.cli.options import LANG_VARIABLE, env_lang
from partnercheck.config.plan import Flags, RunPlan, plan
from partnercheck.config.resolve import Overrides
from partnercheck.document.load import Document
from partnercheck.errors import PartnercheckError
from partnercheck.findings import Finding
from partnercheck.plugins.registry import Registry
from partnercheck.report.i18n import Translator, run_translator, translate_run
from partnercheck.run.discovery import display_path
from partnercheck.run.grouping import group_run
from partnercheck.run.lint import Request, lint
from partnercheck.server.reading import ServerReader
from partnercheck.server.settings import ServerSettings


@dataclass
class Checked:
    """One check of one text: the findings `check` shows (not suppressed), which of them fail the run, and the document."""

    findings: list[Finding] = field(default_factory=list)
    failing: set[int] = field(default_factory=set)  # ids of the findings that fail the run (fail level)
    document: Document | None = None
    registry: Registry | None = None
    translator: Translator = field(default_factory=Translator)
    errors: list[str] = field(default_factory=list)  # configuration, plugin and pack errors, as `check` prints them
    config_error: str | None = None  # the configuration could not be read: no finding


class Checker:
    """Checks texts under the server's settings, keeping one plan per folder."""

    def __init__(self, settings: ServerSettings | None = None, incremental: bool = True) -> None:
        self.settings = settings or ServerSettings()
        self._plans: dict[tuple[Path, date], RunPlan] = {}
        self.reader = ServerReader() if incremental else None  # each open file read again by its changed parts only

    def configure(self, settings: ServerSettings) -> None:
        self.settings = settings
        self.forget()

    def forget(self) -> None:
        """Drop the plans: the settings or a configuration file changed."""
        self._plans.clear()

    def reads(self, path: Path) -> bool:
        """True when a kept plan was built from the file at `path`, a rule pack or a local plugin's module: saving it
        in the editor must drop the plans, as saving a configuration file does (the packs kept in memory are keyed
        by their bytes: the new text is read)."""
        saved = path.resolve()
        for (folder, _), run_plan in self._plans.items():
            registry = run_plan.registry
            sources = {rule.source for rule in registry.rules.values()}
            sources.update(info.name.removeprefix("local:") for info in registry.plugins if info.name.startswith("local:"))
            if any(source and (folder / source).resolve() == saved for source in sources):
                return True
        return False

    def close(self, path: Path) -> None:
        """Drop what is kept for the file at `path` (closed in the editor)."""
        if self.reader is not None:
            self.reader.forget(display_path(path))

    def refresh_workspace(self, path: Path) -> None:
        """Read again the workspace's charters changed on disk (on open and save, not at each keystroke)."""
        if self.reader is None or self.reader.workspace.root is None:
            return
        try:
            run_plan = self.plan_for(path)
        except PartnercheckError:
            return  # the configuration cannot be read: `check` shows why
        self.reader.workspace.refresh(run_plan.resolver, run_plan.settings.limits)

    def plan_for(self, path: Path) -> RunPlan:
        key = (path.parent, date.today())
        if key not in self._plans:
            self._plans[key] = plan(self._flags(path))
        return self._plans[key]

    def check(self, path: Path, text: str) -> Checked:
        """Check `text` as the file at `path` (absolute); never raises for a configuration, plugin or charter problem."""
        try:
            run_plan = self.plan_for(path)
            return self._run(run_plan, path, text.encode("utf-8"))
        except PartnercheckError as exc:
            return Checked(config_error=exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc))

    def check_config(self, path: Path, text: str) -> Checked:
        """Read the configuration file at `path` as `text` (unsaved), as `check` would for a charter beside it."""
        flags = replace(self._flags(path.parent / "charter.yaml"), config_texts=((str(path), text.encode("utf-8")),))
        try:
            plan(flags)
        except PartnercheckError as exc:
            return Checked(config_error=exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc))
        return Checked()

    def _run(self, run_plan: RunPlan, path: Path, raw: bytes) -> Checked:
        name = display_path(path)
        request = Request(("-",), raw, name, charters_only=True, reader=self.reader)  # other YAML (CI files, compose files) is left alone, as when walking
        run = lint(request, run_plan.registry, run_plan.settings, run_plan.resolver)
        if run_plan.baseline is not None:
            from partnercheck.run.baseline import load

            load(run_plan.baseline).apply(run.findings)
        group_run(run)  # as `check` shows them: one finding per cause, its other places as related information
        tr = run_translator(run_plan.lang, run.files, run_plan.registry)
        translate_run(run, tr)
        failing = {id(f) for f in run.failing()}
        file = run.files[0] if run.files else None
        if file is not None and file.document is not None:
            _every_position(file.document)
        return Checked(
            findings=[f for f in run.findings if not f.suppressed],
            failing=failing,
            document=file.document if file is not None else None,
            registry=run_plan.registry,
            translator=tr,
            errors=list(run.errors),
        )

    def _flags(self, path: Path) -> Flags:
        s = self.settings
        lang, source = (s.language, "the server's setting language") if s.language else (env_lang(), f"environment {LANG_VARIABLE}")
        overrides = Overrides(fail_on=s.fail_level, lang=lang, lang_source=source)
        return Flags(
            paths=("-",),
            stdin_filename=str(path),
            overrides=overrides,
            fallback_lang="",  # as `check`: no language set, the charter's own decides, then the locale
            rule_packs=s.rule_packs,
            local_plugins=s.plugins,
            allow_local_plugins=s.allow_local_plugins,
            baseline=s.baseline,
            no_cache=True,
            jobs=1,
        )


def _every_position(doc: Document) -> None:
    """Hover, navigation, rename and code actions read any value's position: a document checked in a worker
    process (a plugin's rules under a budget run there) comes back holding only its findings' positions."""
    from partnercheck.run.parallel import LazyIndex

    if isinstance(doc.index, LazyIndex):
        doc.index.complete()
