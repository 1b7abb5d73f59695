"""Time budgets: one rule on one file, and all the work on one file, each stopped when its time runs out.

A budget is a deadline on a stack; one interval timer (`signal.setitimer(ITIMER_REAL)`)
is armed for the nearest. When it fires, the exception of the outermost
expired budget (`RuleTimeout`, `FileTimeout`) is raised inside the running
code, so the process goes on and the rest of the run still happens. Both
are `BaseException`s, so `except Exception:` cannot swallow them; a bare
`except:` can. The timer then fires again every `_TICK` seconds: if the
block is still running, its budget is marked `swallowed` and the exception
raised again. Code that keeps swallowing it cannot be stopped from inside
the process: that is why rules from plugins run in a worker process that
is killed at twice the budget (run/supervise.py), and why the rules that
run here (partnercheck's own code and declarative rules, which are data)
are ones that do not swallow it.

Python delivers signals only to the main thread, and only where `setitimer`
exists (Linux, macOS; not Windows): elsewhere code runs without a budget.
`budget_available()` says which case applies.
"""

from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator

#: Seconds one rule may spend on one file (or on the whole run, for repository rules).
DEFAULT_RULE_TIMEOUT = 10.0
#: Seconds all the work on one file may take: reading, checks, rules, suppression comments.
DEFAULT_FILE_TIMEOUT = 60.0
#: The longest budget `--rule-timeout` and `--file-timeout` accept (a day); the interval timer overflows on huge values.
MAX_RULE_TIMEOUT = 86_400.0
#: After a budget ran out, how often the exception is raised again while the block still runs.
_TICK = 0.05


class Stopped(BaseException):
    """A budget ran out. A `BaseException`, so `except Exception:` cannot swallow it."""

    def __init__(self, seconds: float) -> None:
        super().__init__(self.describe(seconds))
        self.seconds = seconds

    @staticmethod
    def describe(seconds: float) -> str:
        return f"ran past its time budget of {seconds:g} s"


class RuleTimeout(Stopped):
    """Raised inside a rule that ran past its budget."""


class FileTimeout(Stopped):
    """Raised inside whatever works on a file whose whole budget ran out."""

    @staticmethod
    def describe(seconds: float) -> str:
        return f"checking the file took longer than its budget of {seconds:g} s"


@dataclass
class Deadline:
    """One active budget: when it ends, what it raises, and whether the block swallowed that."""

    seconds: float
    ends: float
    error: type[Stopped]
    fired: bool = False
    swallowed: bool = False
    done: bool = False


_STACK: list[Deadline] = []
_PREVIOUS: list[Any] = []


def budget_available() -> bool:
    """True where a budget can be enforced: `setitimer` exists and this is the main thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float | None, error: type[Stopped] = RuleTimeout) -> Iterator[Deadline | None]:
    """Run the block with at most `seconds` of wall-clock time; `None` or 0 means no budget.

    Yields the `Deadline` (None without a budget): `swallowed` tells, after the
    block, that it kept running once its time was up.
    """
    if not seconds or seconds <= 0 or not budget_available():
        yield None
        return
    seconds = min(seconds, MAX_RULE_TIMEOUT)
    deadline = Deadline(seconds, time.monotonic() + seconds, error)
    if not _STACK:
        _PREVIOUS.append(signal.signal(signal.SIGALRM, _expire))
    _STACK.append(deadline)
    _arm()
    try:
        yield deadline
    finally:
        deadline.done = True
        _STACK.remove(deadline)
        if _STACK:
            _arm()
        else:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, _PREVIOUS.pop())


def _arm() -> None:
    """Set the timer for the nearest moment a budget needs attention (its end, or the next tick once it fired)."""
    now = time.monotonic()
    nearest = min((now + _TICK) if d.fired else d.ends for d in _STACK)
    signal.setitimer(signal.ITIMER_REAL, max(nearest - now, 0.001))


def _expire(signum: int, frame: object) -> None:
    now = time.monotonic()
    expired = [d for d in _STACK if not d.done and d.ends <= now]
    if not expired:
        _arm()
        return
    outer = expired[0]  # the file's budget before a rule's
    if outer.fired:
        outer.swallowed = True  # still running a tick after it was told to stop
    outer.fired = True
    _arm()
    raise outer.error(outer.seconds)
