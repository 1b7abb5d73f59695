"""pytest plugin (entry point `pytest11`): collects `test_*.cases.yaml` files of rule cases
and offers the `partnercheck_lint` fixture.

pytest imports this module at the start of every run in an environment where
partnercheck is installed, most of them unrelated to partnercheck: it imports
pytest alone, and the harness (and with it the engine) only when a case file
is collected or the fixture used (`benchmarks/run.py` measures the cost).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator

import pytest

if TYPE_CHECKING:
    from partnercheck.testing.harness import Case


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.name.startswith("test_") and file_path.name.endswith(".cases.yaml"):
        return CaseFile.from_parent(parent, path=file_path)
    return None


class CaseFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        from partnercheck.testing.harness import load_case_file

        try:
            cases, modules, packs = load_case_file(self.path)
        except ValueError as exc:  # the file's own problem, in one line, not a traceback
            raise self.CollectError(str(exc)) from None
        for case in cases:
            yield CaseItem.from_parent(self, name=case.id, case=case, modules=modules, packs=packs)


class CaseItem(pytest.Item):
    def __init__(self, *, case: Case, modules: tuple[str, ...], packs: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case
        self.modules = modules
        self.packs = packs
        #: No fixtures; present because some plugins' hook wrappers (pytest-lsp's `pytest_runtest_call`) only run
        #: items that have it: without it, every case failed with "wrap_controller … did not yield".
        self.funcargs: dict[str, Any] = {}

    def runtest(self) -> None:
        from partnercheck.testing.harness import default_registry, run_case

        run_case(self.case, default_registry(self.modules, self.packs))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, AssertionError):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"rule case {self.name}"


@pytest.fixture
def partnercheck_lint() -> Callable[..., Any]:
    """`partnercheck_lint(charter_text, select=..., options=..., today=...)` → findings."""
    from partnercheck.testing.harness import lint_text

    return lint_text
