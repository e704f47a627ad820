// Run jobs through kb_harness inside the npm `pyodide` package (Node), the way
// the browser's worker does: the wheel is loaded by name from a
// pyodide-lock.json that `pyodide lockfile add-wheels` wrote.
// Usage: node parity.mjs JOBS.json  ->  prints [{label, result}] as JSON.
// JOBS.json: {"pyodide": dir of node_modules/pyodide, "lockFile": path,
//             "jobs": [{"label", "code", "spec", "cases"}]}
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const { pyodide: pyodideDir, lockFile, jobs } = JSON.parse(readFileSync(process.argv[2], "utf8"));
const require = createRequire(pyodideDir + "/");
const { loadPyodide } = require(pyodideDir);

const started = performance.now();
const py = await loadPyodide({ lockFileURL: lockFile, stdout: () => {}, stderr: () => {} });
const loaded = await py.loadPackage("kb-harness", { messageCallback: () => {} });
if (!loaded.some((p) => p.name === "kb-harness")) {
  console.error("kb-harness was not loaded from", lockFile);
  process.exit(2);
}
const runJson = py.pyimport("kb_harness").run_json;
const coldMs = performance.now() - started;
const out = jobs.map(({ label, code, spec, cases }) => {
  const rows = [];
  const result = JSON.parse(runJson(code, JSON.stringify(spec), JSON.stringify(cases), (r) => rows.push(JSON.parse(r))));
  return { label, result, streamed: rows.length };
});
console.log(JSON.stringify({ python: py.runPython("import sys; sys.version"), coldMs, out }));
