"""The circuit breaker: a rule stopped by its time budget runs on no other file of the run.

Without it, a rule that always needs more than its budget costs the budget
once per file (4 files x 2 s = 8 s; 50 charters at 10 s = 8 minutes). The
first time a rule is stopped (INT02 on that file), the breaker trips for
the rule: the other files skip it, and the INT02 finding, reported once,
names the files the rule did not check. Every engine of a run shares one
breaker (run/lint.py); worker processes share its trips through memory
(`share`), and send back what they saw (`events`), so the parent's breaker
knows every file a rule skipped.
"""

from __future__ import annotations

from typing import Any, Iterable

from partnercheck.records import Record


class Trip(Record):
    """A rule stopped by its budget: where, after how long, and the files it then did not check."""

    __slots__ = ("code", "path", "seconds", "skipped")

    code: str
    path: str
    seconds: float
    skipped: list[str]

    def __init__(self, code: str, path: str, seconds: float, skipped: list[str] | None = None) -> None:
        self.code = code
        self.path = path
        self.seconds = seconds
        self.skipped = [] if skipped is None else skipped


class Breaker:
    """The rules tripped in this run, and the files each skipped."""

    def __init__(self) -> None:
        self.trips: dict[str, Trip] = {}
        self.events: list[tuple[str, str, str, float]] = []  # ("trip" | "skip", code, path, seconds), for the parent
        self._shared: Any = None  # a byte per code, set in shared memory (worker processes)
        self._codes: dict[str, int] = {}
        self._progress: Any = None  # (shared array, slot): the rule a worker is running
        self._early: dict[str, list[str]] = {}  # skips heard of before the trip itself (another worker's)

    def share(self, codes: Iterable[str], workers: int) -> None:
        """Before forking workers: trips and the rule each worker runs go through shared memory."""
        import multiprocessing

        self._codes = {code: i for i, code in enumerate(sorted(set(codes)))}
        self._shared = multiprocessing.RawArray("b", max(1, len(self._codes)))
        for code in self.trips:
            if code in self._codes:
                self._shared[self._codes[code]] = 1
        self._progress = (multiprocessing.RawArray("i", max(1, workers)), multiprocessing.RawArray("d", max(1, workers)), 0)

    def in_worker(self, slot: int) -> None:
        """In a worker process: which progress slot is its own."""
        if self._progress is not None:
            self._progress = (self._progress[0], self._progress[1], slot)

    def allows(self, code: str) -> bool:
        if code in self.trips:
            return False
        index = self._codes.get(code)
        return not (self._shared is not None and index is not None and self._shared[index])

    def skip(self, code: str, path: str) -> None:
        """`code` did not run on `path` because it tripped."""
        self.events.append(("skip", code, path, 0.0))
        if code in self.trips:
            self.trips[code].skipped.append(path)
        else:
            self._early.setdefault(code, []).append(path)

    def trip(self, code: str, path: str, seconds: float) -> None:
        """`code` was stopped on `path`: it runs on no other file."""
        self.events.append(("trip", code, path, seconds))
        if code not in self.trips:
            self.trips[code] = Trip(code, path, seconds, self._early.pop(code, []))
        index = self._codes.get(code)
        if self._shared is not None and index is not None:
            self._shared[index] = 1

    def running(self, code: str | None) -> None:
        """The rule this process is running now (None: none), for the parent to name if it must kill the worker."""
        if self._progress is not None:
            import time

            codes, starts, slot = self._progress
            codes[slot] = self._codes.get(code, -1) + 1 if code is not None else 0
            starts[slot] = time.monotonic()

    def clear_slot(self, slot: int) -> None:
        """In the parent, before a worker starts in `slot`: no rule running there (not its killed predecessor's)."""
        if self._progress is not None:
            self._progress[0][slot] = 0

    def running_in(self, slot: int) -> tuple[str | None, float]:
        """In the parent: the rule the worker of `slot` is running, and since when (the monotonic clock is the machine's)."""
        if self._progress is None:
            return None, 0.0
        index = self._progress[0][slot] - 1
        return next((code for code, i in self._codes.items() if i == index), None), self._progress[1][slot]

    def take_events(self) -> list[tuple[str, str, str, float]]:
        taken, self.events = self.events, []
        return taken

    def replay(self, events: Iterable[tuple[str, str, str, float]]) -> None:
        """In the parent: what a worker saw, in order (a skip heard of before its trip is kept for it)."""
        for kind, code, path, seconds in events:
            if kind == "trip":
                self.trip(code, path, seconds)
            else:
                self.skip(code, path)
        self.events.clear()

    def skipped_on(self, path: str) -> bool:
        return any(path in trip.skipped for trip in self.trips.values())
