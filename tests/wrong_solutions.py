"""Wrong solutions of each runnable problem, and running code within a time
limit in CPython.

A problem's wrong solutions live next to it, in snippets/<name>/wrong.yml
(the mistake -> the code): its test cases must catch every one, in CPython
(tests/cells), in Pyodide under Node (tests/node) and in the browser
(tests/browser). A solution of the wrong complexity is caught by the
problem's `time_limit`, as the browser catches it: `run_within` stops it."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import yaml

SNIPPETS = Path(__file__).resolve().parent.parent / "snippets"
TIMEOUT = "timeout"  # the status of a run stopped at its time limit, as the browser names it


def load_wrong(root: Path = SNIPPETS) -> dict[str, dict[str, str]]:
    """{snippet name: {mistake: code}} for every snippets/<name>/wrong.yml."""
    found = {}
    for path in sorted(root.glob("*/wrong.yml")):
        wrongs = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        assert isinstance(wrongs, dict) and all(isinstance(c, str) for c in wrongs.values()), \
            f"{path}: write `mistake: |` followed by the code"
        found[path.parent.name] = wrongs
    return found


WRONG = load_wrong()


class _TimeLimit(BaseException):
    """Raised into the running code when its time is up."""


def _stop(signum, frame):
    raise _TimeLimit()


def run_within(run, code: str, spec: dict, cases: list, seconds: float) -> dict:
    """`run(code, spec, cases)` (kb_harness.run), stopped after `seconds`:
    then its status is "timeout". The alarm repeats every 10 ms until the run
    returns, so a case that catches it cannot keep the run going."""
    previous = signal.signal(signal.SIGALRM, _stop)
    start = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.01)
    try:
        result = run(code, spec, cases)
    except _TimeLimit:
        result = None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if result is None or time.perf_counter() - start >= seconds:
        return {"status": TIMEOUT, "cases": result["cases"] if result else [], "error": f"超过 {seconds} 秒"}
    return result
