"""Killable worker processes: files checked where a rule that will not stop can be stopped anyway.

A time budget raises an exception inside the running code (rules/budget.py);
code that swallows it (a loop around a bare `except:`) or never returns to
Python (a C call that holds the interpreter) cannot be stopped from inside
the process. So the files are handed to worker processes forked from this
one, a few ahead to each (`_AHEAD`: a worker that sends a result starts on its
next file at once, without waiting for the parent to read it) (they start with the registry, engines and bytes in
memory), and this process watches them: a worker whose current rule has run
for twice the rule budget, or whose current file for twice the file budget,
is killed (SIGKILL). A rule killed so trips the circuit breaker (breaker.py)
and its file is checked again without it, so it keeps its other findings;
a file killed without a rule to blame gets INT03; a worker that dies on its
own gets INT01 for its file. The files handed ahead to a killed worker go back
to the front of the queue, and a new worker takes the remaining files.

Used when a rule the run runs is a plugin's Python code (`Engine.needs_worker`)
or when many files are checked at once (`--jobs`, parallel.py). A run with
partnercheck's own rules and declarative packs only stays in one process.

A plugin's repository-scope rule, which runs once over every charter, runs
alone in a worker of its own (`killable`): killed past twice its budget, it
is reported as its INT02 and the run goes on.
"""

from __future__ import annotations

import gc
import pickle
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence, TypeVar

from partnercheck.rules.readonly import dumps_frozen
from partnercheck.run.breaker import Breaker

#: How often the parent looks at its workers' clocks, in seconds.
_POLL = 0.05
#: A killed worker's budgets count from the work it was given: twice the budget, never less than this.
_MIN_GRACE = 0.2
#: The items a worker holds at once: the one it checks, and the next ones, so it never waits for the parent.
_AHEAD = 3

T = TypeVar("T")

_WORK: Callable[[int], Any] | None = None  # what a forked worker runs, set just before forking
_BREAKER: Breaker | None = None  # the run's breaker, shared with the workers


@dataclass
class NoResult:
    """Why a file has no result from a worker: killed past its budget (`seconds`), or the worker failed (`crash`)."""

    seconds: float | None = None
    crash: str | None = None


@dataclass
class Job:
    """What the parent needs to watch one item: the file's name, and its budgets."""

    path: str
    rule: float | None
    file: float | None


@dataclass
class _Slot:
    process: Any
    conn: Any
    #: The items given to the worker and not answered yet, in order: the first is the one it checks now.
    items: deque[int] = field(default_factory=deque)
    #: When the worker started on the first of `items` (as the parent saw it: given, or its predecessor's result read).
    started: float = 0.0


def can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def supervised(todo: Sequence[int], work: Callable[[int], Any], workers: int, breaker: Breaker, jobs: Callable[[int], Job], codes: Sequence[str]) -> tuple[dict[int, Any], dict[int, list[str]]]:
    """`work(i)` for each `i` of `todo`, in worker processes; each result, or a `NoResult`.

    Also returns, per item, the rules killed while checking it (their INT02 is
    the caller's to add): the item's result is then that of a check without them.
    """
    global _WORK, _BREAKER

    breaker.share(codes, workers)
    _WORK, _BREAKER = work, breaker
    gc.freeze()  # what the workers inherit is never walked by their collector: no copy of those pages in each worker
    queue: deque[int] = deque(todo)
    results: dict[int, Any] = {}
    killed: dict[int, list[str]] = {}
    slots: list[_Slot | None] = [None] * max(1, min(workers, len(todo)))
    try:
        while queue or any(s is not None and s.items for s in slots):
            for n, slot in enumerate(slots):
                while queue and (slot is None or len(slot.items) < _AHEAD):
                    if slot is None:
                        breaker.clear_slot(n)
                        slots[n] = slot = _start(n)
                    _give(slot, queue.popleft())
            _wait(slots)
            for n, slot in enumerate(slots):
                if slot is not None and slot.items:
                    slots[n] = _look(n, slot, results, killed, queue, breaker, jobs)
    finally:
        gc.unfreeze()
        _WORK = _BREAKER = None
        for slot in slots:
            if slot is not None:
                _stop(slot)
    return results, killed


def killable(call: Callable[[], T], budget: float) -> T | NoResult:
    """`call()` in a forked worker of its own, its result sent back; killed once it has run twice `budget`
    seconds (never less than `_MIN_GRACE`): `NoResult(seconds=budget)`. A worker that fails or dies: `NoResult(crash=…)`."""
    import multiprocessing
    from multiprocessing.connection import wait

    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_serve_once, args=(call, child), daemon=True)
    process.start()
    child.close()
    slot = _Slot(process, parent)
    try:
        if not wait([parent, process.sentinel], timeout=max(2 * budget, _MIN_GRACE)):
            return NoResult(seconds=budget)
        try:
            kind, value = parent.recv()
        except (EOFError, OSError):
            return _ended(slot)
        if kind == "memory":
            raise MemoryError("in a worker process")
        return value if kind == "done" else NoResult(crash=value)
    finally:
        _stop(slot)


def _serve_once(call: Callable[[], Any], conn: Any) -> None:
    """In a worker: run `call` once and send back its result, or why it has none."""
    try:
        conn.send(("done", call()))
    except MemoryError:
        conn.send(("memory", None))
    except BaseException as exc:  # noqa: BLE001 - told to the parent, which reports it
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))


def _start(n: int) -> _Slot:
    import multiprocessing

    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe()
    process = context.Process(target=_serve, args=(n, child), daemon=True)
    process.start()
    child.close()
    return _Slot(process, parent)


def _give(slot: _Slot, item: int) -> None:
    if not slot.items:
        slot.started = time.monotonic()
    slot.items.append(item)
    slot.conn.send(item)


def _wait(slots: list[_Slot | None]) -> None:
    from multiprocessing.connection import wait

    busy = [s for s in slots if s is not None and s.items]
    wait([s.conn for s in busy] + [s.process.sentinel for s in busy], timeout=_POLL)


def _look(n: int, slot: _Slot, results: dict[int, Any], killed: dict[int, list[str]], queue: deque[int], breaker: Breaker, jobs: Callable[[int], Job]) -> _Slot | None:
    """Collect the finished results, or kill a worker past its budget; the slot as it now is (None: to restart,
    the items it held ahead back at the front of `queue`)."""
    while slot.items and slot.conn.poll():
        item = slot.items[0]
        try:
            kind, value, events = pickle.loads(slot.conn.recv_bytes())
        except (EOFError, OSError):
            kind, value, events = "died", None, []
        breaker.replay(events)
        if kind == "memory":
            raise MemoryError("in a worker process")
        if kind != "done":
            results[item] = NoResult(crash=value) if kind == "failed" else _ended(slot)
            _restart(slot, queue)
            return None
        results[item] = value
        slot.items.popleft()
        slot.started = time.monotonic()  # the worker went on to the next item when it sent this result
    if not slot.items:
        return slot
    item = slot.items[0]
    if not slot.process.is_alive():
        results[item] = _ended(slot)
        _restart(slot, queue)
        return None
    now, limits = time.monotonic(), jobs(item)
    rule, rule_started = breaker.running_in(n)
    if rule is not None and limits.rule and now - rule_started > max(2 * limits.rule, _MIN_GRACE):
        breaker.trip(rule, limits.path, limits.rule)
        if rule not in killed.setdefault(item, []):
            killed[item].append(rule)
        _restart(slot, queue, again=True)  # checked again, without the rule
        return None
    if limits.file and now - slot.started > max(2 * limits.file, _MIN_GRACE):
        results[item] = NoResult(seconds=limits.file)
        _restart(slot, queue)
        return None
    return slot


def _restart(slot: _Slot, queue: deque[int], again: bool = False) -> None:
    """Stop the worker of `slot`; the items it held ahead (and its current one, `again`) go back to the front of `queue`."""
    _stop(slot)
    if not again:
        slot.items.popleft()
    queue.extendleft(reversed(slot.items))
    slot.items.clear()


def _ended(slot: _Slot) -> NoResult:
    slot.process.join(5)
    return NoResult(crash=f"the worker process checking it ended (exit code {slot.process.exitcode})")


def _stop(slot: _Slot) -> None:
    try:
        if slot.process.is_alive():
            slot.process.kill()
        slot.process.join(5)
        slot.conn.close()
    except (OSError, ValueError):
        pass


def _serve(n: int, conn: Any) -> None:
    """In a worker: check each item the parent sends, send back its result and what the breaker saw."""
    if _BREAKER is not None:
        _BREAKER.in_worker(n)
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if _WORK is None:
            return
        try:
            value = _WORK(item)
        except MemoryError:
            conn.send_bytes(dumps_frozen(("memory", None, [])))
            return
        except BaseException as exc:  # noqa: BLE001 - told to the parent: INT01 for this file
            conn.send_bytes(dumps_frozen(("failed", f"{type(exc).__name__}: {exc}", _events())))
            return
        conn.send_bytes(dumps_frozen(("done", value, _events())))  # a charter's frozen data arrives frozen (readonly.py)


def _events() -> list[tuple[str, str, str, float]]:
    return _BREAKER.take_events() if _BREAKER is not None else []
