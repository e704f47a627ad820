// Run jobs through kb_harness inside the npm `pyodide` package (Node), the way
// the browser's worker does: the wheel is loaded by name from a
// pyodide-lock.json that `pyodide lockfile add-wheels` wrote.
// Usage: node parity.mjs JOBS.json  ->  prints {python, coldMs, out} as JSON,
// out: [{label, result, streamed, timedOut}] (result is null when the job was stopped
// outside a case).
// JOBS.json: {"pyodide": dir of node_modules/pyodide, "lockFile": path,
//             "jobs": [{"label", "code", "spec", "cases", "timeLimit"}]}
//
// Pyodide runs in a worker thread, so that this thread can stop a job at its
// time limit (seconds), as the browser does: it raises KeyboardInterrupt in
// Python through Pyodide's interrupt buffer, every 10 ms until the job ends.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";

if (isMainThread) {
  const { pyodide, lockFile, jobs } = JSON.parse(readFileSync(process.argv[2], "utf8"));
  const interrupt = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(new URL(import.meta.url), { workerData: { pyodide, lockFile, interrupt } });
  worker.on("error", (err) => {
    console.error(err);
    process.exit(3);
  });
  const next = () => new Promise((resolve) => worker.once("message", resolve));
  const started = performance.now();
  const ready = await next();
  if (ready.error) {
    console.error(ready.error);
    process.exit(2);
  }
  const coldMs = performance.now() - started;
  const out = [];
  for (const { label, code, spec, cases, timeLimit } of jobs) {
    interrupt[0] = 0;
    let timedOut = false;
    let repeat = null;
    const timer = setTimeout(() => {
      timedOut = true;
      repeat = setInterval(() => { interrupt[0] = 2; }, 10); // 2: SIGINT
      interrupt[0] = 2;
    }, (timeLimit || 5) * 1000);
    worker.postMessage({ code, spec, cases });
    const done = await next();
    clearTimeout(timer);
    clearInterval(repeat);
    out.push({ label, result: done.result, streamed: done.streamed, timedOut });
  }
  await worker.terminate();
  console.log(JSON.stringify({ python: ready.python, coldMs, out }));
} else {
  const { pyodide: pyodideDir, lockFile, interrupt } = workerData;
  const require = createRequire(pyodideDir + "/");
  const { loadPyodide } = require(pyodideDir);
  const py = await loadPyodide({ lockFileURL: lockFile, stdout: () => {}, stderr: () => {} });
  const loaded = await py.loadPackage("kb-harness", { messageCallback: () => {} });
  if (!loaded.some((p) => p.name === "kb-harness")) {
    parentPort.postMessage({ error: `kb-harness was not loaded from ${lockFile}` });
  } else {
    py.setInterruptBuffer(interrupt);
    const runJson = py.pyimport("kb_harness").run_json;
    parentPort.postMessage({ python: py.runPython("import sys; sys.version") });
    parentPort.on("message", ({ code, spec, cases }) => {
      let streamed = 0;
      try {
        const result = JSON.parse(runJson(code, JSON.stringify(spec), JSON.stringify(cases), () => { streamed += 1; }));
        parentPort.postMessage({ result, streamed });
      } catch (err) {
        // The interrupt reached the harness itself, outside a case: the job was stopped.
        parentPort.postMessage({ result: null, streamed, error: String(err && err.type) });
      }
    });
  }
}
