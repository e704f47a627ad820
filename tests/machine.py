"""How much slower this machine runs now than the quiet 2-core machine the
tests' few time bounds were set on. CI machines are shared: one run was 14
times slower than a quiet one, so a bound in seconds is multiplied by this
factor rather than taken as it is."""

from __future__ import annotations

import functools
import time

QUIET_LOOP_SECONDS = 0.05  # loop_seconds() on a quiet 2-core machine


def loop_seconds() -> float:
    """The fastest of three runs of a fixed pure-Python loop."""
    def once() -> float:
        start, total = time.perf_counter(), 0
        for i in range(1_000_000):
            total += i % 7
        return time.perf_counter() - start
    return min(once() for _ in range(3))


def slowdown() -> float:
    """At least 1: a fast machine keeps the bound as it was set."""
    return max(1.0, loop_seconds() / QUIET_LOOP_SECONDS)


@functools.cache
def session_slowdown() -> float:
    """slowdown(), measured once per test session (for bounds where the
    machine's load over the whole run is what counts)."""
    return slowdown()
