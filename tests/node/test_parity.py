"""Parity: the snippets' cases give the same verdicts in Pyodide (the npm
package, in Node, with the kb-harness wheel loaded by name through the
pyodide-lock.json that `pyodide lockfile add-wheels` wrote) as in CPython.

pyodide-build's `build`/`venv`/`xbuildenv` need the internet, so this is how
the harness is checked against the Pyodide the site ships."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NODE_PYODIDE = ROOT / "node_modules" / "pyodide"

if not NODE_PYODIDE.is_dir():
    pytest.skip("node_modules/pyodide is missing: run `make setup` (npm ci)", allow_module_level=True)
if not shutil.which("node"):
    pytest.skip("node is not installed", allow_module_level=True)

import kb_harness  # noqa: E402 - harness/ is on the test path (pyproject.toml)
from generator.cells.snippets import load_snippets  # noqa: E402
from wrong_solutions import TIMEOUT, WRONG, run_within  # noqa: E402

SNIPPETS = {s.name: s for s in load_snippets(ROOT / "snippets")}

LEAKY = """
class Counter:
    calls = 0
def twoSum(nums, target, seen=[]):
    Counter.calls += 1
    seen.append(1)
    if Counter.calls > 1 or len(seen) > 1:
        raise RuntimeError("state leaked between cases")
    d = {}
    for i, x in enumerate(nums):
        if target - x in d:
            return [d[target - x], i]
        d[x] = i
"""
BROKEN = "def twoSum(nums, target):\n    print('out'); import sys; print('err', file=sys.stderr)\n    return nums[10**6]\n"


def jobs() -> list[dict]:
    out = []
    for name, s in SNIPPETS.items():
        out.append({"label": f"{name}: reference", "code": s.solution})
        out += [{"label": f"{name}: {m}", "code": code} for m, code in WRONG.get(name, {}).items()]
    out.append({"label": "two-sum: leaky state", "code": LEAKY, "snippet": "two-sum"})
    out.append({"label": "two-sum: traceback", "code": BROKEN, "snippet": "two-sum"})
    out.append({"label": "two-sum: syntax error", "code": "def twoSum(:\n", "snippet": "two-sum"})
    for job in out:
        s = SNIPPETS[job.pop("snippet", None) or job["label"].split(":")[0]]
        job.update(spec=s.spec(), cases=list(s.cases), timeLimit=s.time_limit)
    return out


@pytest.fixture(scope="module")
def node_results(tmp_path_factory):
    from generator.cells.runtime import harness_wheel

    _, lock = harness_wheel()  # RuntimeSetupError says to run `make setup`
    todo = jobs()
    path = tmp_path_factory.mktemp("parity") / "jobs.json"
    path.write_text(json.dumps({"pyodide": str(NODE_PYODIDE), "lockFile": str(lock), "jobs": todo}))
    budget = 120 + sum(job["timeLimit"] for job in todo)  # every job at its time limit, at worst
    done = subprocess.run(["node", str(Path(__file__).with_name("parity.mjs")), str(path)],
                          capture_output=True, text=True, timeout=budget)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    return todo, report


def verdicts(result, spec):
    """The status of the run and of each case, and each actual value as shown,
    except floats ("approx"): Python 3.12+ sums floats more exactly than 3.11."""
    actual = [] if spec.get("compare") == "approx" else [c["actual"] for c in result["cases"]]
    return result["status"], [c["status"] for c in result["cases"]], actual


def status(got) -> str:
    """A job's status in Pyodide: "timeout" when it was stopped at its time limit."""
    return TIMEOUT if got["timedOut"] else got["result"]["status"]


def test_pyodide_is_the_pinned_python(node_results):
    _, report = node_results
    assert report["python"].startswith("3.14"), report["python"]


def test_same_verdicts_in_pyodide_and_cpython(node_results):
    todo, report = node_results
    assert len(report["out"]) == len(todo)
    for job, got in zip(todo, report["out"]):
        assert got["label"] == job["label"]
        expected = run_within(kb_harness.run, job["code"], job["spec"], job["cases"], job["timeLimit"])
        if TIMEOUT in (status(got), expected["status"]):  # the cases it ran before its time was up vary
            assert status(got) == expected["status"], job["label"]
            continue
        assert verdicts(got["result"], job["spec"]) == verdicts(expected, job["spec"]), job["label"]
        assert got["streamed"] == len(job["cases"])  # one callback per case


def test_reference_passes_and_wrong_solutions_fail_in_pyodide(node_results):
    _, report = node_results
    for got in report["out"]:
        label = got["label"]
        if label.endswith(": reference") or label.endswith("leaky state"):
            assert status(got) == "pass", (label, got["result"])
        else:
            assert status(got) in ("fail", "error", TIMEOUT), label


def test_traceback_and_output_in_pyodide(node_results):
    _, report = node_results
    got = next(g["result"] for g in report["out"] if g["label"] == "two-sum: traceback")
    assert 'File "<solution>", line 3, in twoSum' in got["error"] and "IndexError" in got["error"]
    assert got["stdout"].startswith("out\n") and got["stderr"].startswith("err\n")
    syntax = next(g["result"] for g in report["out"] if g["label"] == "two-sum: syntax error")
    assert syntax["status"] == "error" and "SyntaxError" in syntax["error"]
