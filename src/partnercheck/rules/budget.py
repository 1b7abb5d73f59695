"""A time budget for one rule: a rule still running when it runs out is stopped.

The budget is an interval timer (`signal.setitimer(ITIMER_REAL)`) whose signal
raises `RuleTimeout` inside the rule, so the process goes on and the other
rules still run. Python delivers signals only to the main thread, and only
where `setitimer` exists (Linux, macOS; not Windows): elsewhere a rule runs
without a budget. `budget_available()` says which case applies.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator

#: Seconds one rule may spend on one file (or on the whole run, for repository rules).
DEFAULT_RULE_TIMEOUT = 10.0
#: The longest budget `--rule-timeout` accepts (a day); the interval timer overflows on huge values.
MAX_RULE_TIMEOUT = 86_400.0


class RuleTimeout(BaseException):
    """Raised inside a rule that ran past its budget.

    A `BaseException`, so a rule's own `except Exception:` cannot swallow it.
    """

    def __init__(self, seconds: float) -> None:
        super().__init__(f"ran past its time budget of {seconds:g} s")
        self.seconds = seconds


def budget_available() -> bool:
    """True where a budget can be enforced: `setitimer` exists and this is the main thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Run the block with at most `seconds` of wall-clock time; `None` or 0 means no budget."""
    if not seconds or seconds <= 0 or not budget_available():
        yield
        return
    armed = [True]

    def expire(signum: int, frame: object) -> None:
        if armed[0]:
            armed[0] = False
            raise RuleTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, min(seconds, MAX_RULE_TIMEOUT))
    try:
        yield
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
