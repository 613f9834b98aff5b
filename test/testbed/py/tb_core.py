"""Shared parts of the test bed: emulated clock, event scheduler, request journal, faults."""
from __future__ import annotations

import heapq
import itertools
import threading
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any


class Clock:
    """Emulated time runs `scale` times faster than wall time. Simulation uses emulated seconds;
    timestamps in responses are wall-clock (`to_wall`), so durations look compressed."""

    def __init__(self, scale: float) -> None:
        self.scale = scale
        self.wall0 = time.time()
        self.emulated0 = self.wall0

    def now(self) -> float:
        return self.emulated0 + (time.time() - self.wall0) * self.scale

    def to_wall(self, emulated: float) -> float:
        return self.wall0 + (emulated - self.emulated0) / self.scale

    def wall_datetime(self, emulated: float) -> datetime:
        return datetime.fromtimestamp(self.to_wall(emulated), tz=UTC)

    def set_scale(self, scale: float) -> None:
        now = self.now()
        self.wall0 = time.time()
        self.emulated0 = now
        self.scale = scale


class Scheduler:
    """Discrete events in emulated time, run in order when the clock is read. State advances
    lazily under the test bed's lock, so moto's backends are never touched from another thread."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._queue: list[tuple[float, int, Callable[[float], None]]] = []
        self._seq = itertools.count()
        self.current = clock.now()
        self.on_error: Callable[[str], object] | None = None

    def at(self, when: float, action: Callable[[float], None]) -> None:
        heapq.heappush(self._queue, (when, next(self._seq), action))

    def after(self, delay: float, action: Callable[[float], None]) -> None:
        self.at(self.current + delay, action)

    def advance(self) -> None:
        until = self.clock.now()
        while self._queue and self._queue[0][0] <= until:
            when, _, action = heapq.heappop(self._queue)
            self.current = max(self.current, when)
            try:
                action(self.current)
            except Exception:  # one broken event must not stop the rest of the simulation
                detail = traceback.format_exc()
                print(f"test bed: engine event failed:\n{detail}", flush=True)
                if self.on_error is not None:
                    self.on_error(detail)
        self.current = until

    def clear(self) -> None:
        self._queue.clear()
        self.current = self.clock.now()


class Journal:
    """Every AWS request, registry write and deployment milestone, in order."""

    def __init__(self) -> None:
        self.entries: list[dict[str, Any]] = []
        self._seq = itertools.count(1)

    def add(self, kind: str, **data: Any) -> dict[str, Any]:
        entry = {"seq": next(self._seq), "kind": kind, "time": time.time(), **data}
        self.entries.append(entry)
        return entry

    def since(self, seq: int) -> list[dict[str, Any]]:
        return [e for e in self.entries if e["seq"] > seq]

    def clear(self) -> None:
        self.entries.clear()


class Faults:
    """Faults queued for the next N calls of an operation (or of every operation of a service)."""

    KINDS = ("throttle", "http500", "http503", "latency", "drop", "drop-response", "rate-limit")

    def __init__(self) -> None:
        self.rules: list[dict[str, Any]] = []

    def add(self, rule: dict[str, Any]) -> dict[str, Any]:
        kind = rule.get("kind")
        if kind not in self.KINDS:
            raise ValueError(f"fault kind must be one of {', '.join(self.KINDS)}")
        entry = {
            "service": rule.get("service"),
            "operation": rule.get("operation"),
            # Or a set of operations sharing the rule (one API category's token bucket).
            "operations": list(rule.get("operations") or []),
            "kind": kind,
            "remaining": int(rule.get("count", 1)),
            "latencyMs": int(rule.get("latencyMs", 0)),
            # Scopes the fault to one test's requests when tests share the test bed.
            "accessKey": rule.get("accessKey"),
        }
        if kind == "rate-limit":
            # A token bucket in wall time, shared by every caller it matches (as an account's
            # API rate limit is): over the rate, requests are throttled; it stays until cleared.
            entry["ratePerSecond"] = float(rule.get("ratePerSecond", 20))
            entry["burst"] = float(rule.get("burst", entry["ratePerSecond"]))
            entry["tokens"] = entry["burst"]
            entry["refilled"] = time.time()
            entry["remaining"] = 1
        self.rules.append(entry)
        return entry

    def take(self, service: str, operation: str, access_key: str | None = None) -> dict[str, Any] | None:
        for rule in self.rules:
            if rule["remaining"] <= 0:
                continue
            if rule["accessKey"] not in (None, access_key):
                continue
            if rule["service"] not in (None, "*", service):
                continue
            if rule["operation"] not in (None, "*", operation):
                continue
            if rule["operations"] and operation not in rule["operations"]:
                continue
            if rule["kind"] == "rate-limit":
                now = time.time()
                rule["tokens"] = min(rule["burst"], rule["tokens"] + (now - rule["refilled"]) * rule["ratePerSecond"])
                rule["refilled"] = now
                if rule["tokens"] >= 1:
                    rule["tokens"] -= 1
                    continue
                return {**rule, "kind": "throttle"}
            rule["remaining"] -= 1
            return dict(rule)
        return None

    def clear(self) -> None:
        self.rules.clear()


class Bed:
    """The test bed's shared state; every request runs under `lock`."""

    def __init__(self, scale: float, account_id: str) -> None:
        self.lock = threading.RLock()
        self.clock = Clock(scale)
        self.scheduler = Scheduler(self.clock)
        self.journal = Journal()
        self.scheduler.on_error = lambda detail: self.journal.add("engine-error", detail=detail[-2000:])
        self.faults = Faults()
        self.account_id = account_id
        self.iam_enforcement = False
        # When set, enforcement applies only to these access keys (tests share one test bed).
        self.iam_enforced_keys: set[str] | None = None
        self.engines: list[Any] = []
        # Set by tb_iam: authorize(...) for API requests, registry_check(...) for registry calls.
        self.authorize: Any = None
        self.registry_check: Any = None
        self.started_at = time.time()

    def advance(self) -> None:
        self.scheduler.advance()

    def reset(self) -> None:
        self.scheduler.clear()
        self.journal.clear()
        self.faults.clear()
        for engine in self.engines:
            engine.reset()


class MotoPatch:
    """Replaces methods of one moto class with this object's methods of the same name.

    Each replacement receives moto's own object (the backend or the response) first; `original[name]` is
    moto's method, for patches that add to it. One subclass per moto class keeps every change to moto in
    one place, named for what it changes.
    """

    target: type
    methods: tuple[str, ...] = ()

    def install(self) -> None:
        self.original: dict[str, Callable[..., Any]] = {}
        for name in self.methods:
            self.original[name] = getattr(self.target, name, None) or self._missing(name)
            setattr(self.target, name, self._replacement(getattr(self, name)))

    def _missing(self, name: str) -> Callable[..., Any]:
        def missing(*_args: Any, **_kwargs: Any) -> Any:
            raise NotImplementedError(f"moto's {self.target.__name__} has no {name}")

        return missing

    @staticmethod
    def _replacement(method: Callable[..., Any]) -> Callable[..., Any]:
        def replacement(moto_self: Any, *args: Any, **kwargs: Any) -> Any:
            return method(moto_self, *args, **kwargs)

        return replacement
