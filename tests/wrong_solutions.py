"""Wrong solutions of each runnable problem, and running code within a time
limit in CPython.

A problem's wrong solutions live next to it, in snippets/<name>/wrong.yml
(the mistake -> the code): its test cases must catch every one, in CPython
(tests/cells), in Pyodide under Node (tests/node) and in the browser
(tests/browser). A solution of the wrong complexity is caught by the
problem's `time_limit`, as the browser catches it: `run_within` stops it."""

from __future__ import annotations

import multiprocessing
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


_FORK = multiprocessing.get_context("fork")


def run_within(run, code: str, spec: dict, cases: list, seconds: float) -> dict:
    """`run(code, spec, cases)` (kb_harness.run) in a child process, stopped
    after `seconds` as the browser stops its worker: then the status is
    "timeout"."""
    receive, send = _FORK.Pipe(duplex=False)
    child = _FORK.Process(target=_run_and_send, args=(send, run, code, spec, cases), daemon=True)
    child.start()
    send.close()
    try:
        result = receive.recv() if receive.poll(seconds) else None
    except EOFError:  # the child died without an answer
        result = {"status": "error", "cases": [], "error": f"the child process ended with {child.exitcode}"}
    finally:
        child.kill()
        child.join()
        receive.close()
    return result or {"status": TIMEOUT, "cases": [], "error": f"超过 {seconds} 秒"}


def _run_and_send(send, run, code, spec, cases) -> None:
    send.send(run(code, spec, cases))
