/* runner.js: the page's side of the Python runtime, shared by every cell.
 *
 * One Web Worker (worker.js) for the whole site: it stays warm while
 * mkdocs-material's instant navigation swaps pages, because this module is
 * loaded once per tab. Runs are queued one at a time. A run past its time
 * limit terminates the worker (the page stays responsive) and a new one is
 * started at once, so the next run works. No DOM here (see cell.js).
 */

let base = "";
let config = null; // Promise of runtime.json
const snippets = new Map(); // name -> Promise of snippets/<name>.json
let worker = null;
let ready = null; // Promise of a worker that has Pyodide and kb_harness loaded
let queue = Promise.resolve();
let nextId = 0;
let state = { state: "idle", step: 0, text: "" };
const listeners = new Set();

export const STEPS = 3; // progress steps while loading: worker, Pyodide, harness

export function configure(assetBase) {
  base = assetBase;
}

function getJson(path) {
  return fetch(new URL(path, base)).then((r) => {
    if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
    return r.json();
  });
}

function getConfig() {
  config = config || getJson("runtime.json");
  return config;
}

export function loadSnippet(name) {
  if (!snippets.has(name)) {
    const p = getJson(`snippets/${encodeURIComponent(name)}.json`);
    p.catch(() => snippets.delete(name));
    snippets.set(name, p);
  }
  return snippets.get(name);
}

/** Subscribe to the runtime's loading state; returns the unsubscribe function. */
export function onState(fn) {
  listeners.add(fn);
  fn(state);
  return () => listeners.delete(fn);
}

function setState(next) {
  state = next;
  listeners.forEach((fn) => fn(state));
}

function kill(w) {
  if (w && w === worker) {
    worker.terminate();
    worker = null;
    ready = null;
    setState({ state: "idle", step: 0, text: "" });
  }
}

/** Start the worker and load Pyodide and kb_harness, once. */
export function warm() {
  if (ready) return ready;
  const w = new Worker(new URL("worker.js", base), { type: "module" });
  worker = w;
  setState({ state: "loading", step: 0, text: "正在启动 Python 运行环境…" });
  ready = getConfig().then(
    (cfg) =>
      new Promise((resolve, reject) => {
        w.onmessage = ({ data }) => {
          if (data.type === "progress") setState({ state: "loading", step: data.step, text: data.text });
          else if (data.type === "ready") resolve(w);
          else if (data.type === "initError") reject(new Error(data.error));
        };
        w.onerror = (e) => reject(new Error(e.message || "Web Worker 启动失败"));
        w.postMessage({
          type: "init",
          indexURL: new URL(cfg.pyodide, base).href,
          lockFileURL: new URL(cfg.lockFile, base).href,
        });
      })
  );
  ready.then(
    () => setState({ state: "ready", step: STEPS, text: "Python 已就绪" }),
    (err) => {
      kill(w);
      setState({ state: "error", step: 0, text: `Python 运行环境加载失败:${err.message}` });
    }
  );
  return ready;
}

/** A value as Python shows it (repr), as the harness does for the cases it runs. */
function pyRepr(value) {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "string") return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(", ")}]`;
  if (typeof value === "object") return `{${Object.entries(value).map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(", ")}}`;
  return String(value);
}

function show(value) {
  const text = pyRepr(value);
  return text.length > 160 ? text.slice(0, 159) + "…" : text;
}

function pendingRow(spec, c) {
  return {
    name: c.name || "",
    status: null,
    input: spec.params.map((p) => `${p} = ${show(c.input[p])}`).join(", "),
    expected: "expected" in c ? show(c.expected) : "",
    actual: "",
    ms: 0,
    error: null,
  };
}

/**
 * Run `code` against snippet `name`'s cases (or `options.cases`).
 * Resolves to {status, cases: [{status, input, expected, actual, ms, ...}],
 * stdout, stderr, error}; never rejects for the reader's code.
 * options.onCase(index, row) is called as each case finishes.
 */
export function runSnippet(name, code, options = {}) {
  const job = queue.then(() => runOnce(name, String(code), options));
  queue = job.catch(() => {});
  return job;
}

async function runOnce(name, code, { cases, onCase, timeLimit } = {}) {
  const [snippet, cfg] = await Promise.all([loadSnippet(name), getConfig()]);
  cases = cases || snippet.cases;
  const rows = cases.map((c) => pendingRow(snippet.spec, c));
  const result = (status, error) => ({ status, cases: rows, stdout: "", stderr: "", error });
  let w;
  try {
    w = await warm();
  } catch (err) {
    rows.forEach((r) => (r.status = "error"));
    return result("error", `Python 运行环境加载失败:${err.message}`);
  }
  const seconds = timeLimit || snippet.timeLimit || cfg.timeLimit || 5;
  const id = ++nextId;
  let done = 0;
  return new Promise((resolve) => {
    const finish = (value) => {
      clearTimeout(timer);
      w.onmessage = null;
      w.onerror = null;
      resolve(value);
    };
    const fail = (status, error) => {
      // The case that was running gets the status; the ones after it never ran.
      rows.forEach((r, i) => (r.status = r.status || (i === done ? status : "skipped")));
      finish(result(status, error));
      kill(w);
      warm().catch(() => {}); // the next run should not wait for a cold start
    };
    const timer = setTimeout(() => fail("timeout", `运行超时:超过 ${seconds} 秒,已停止。`), seconds * 1000);
    w.onmessage = ({ data }) => {
      if (data.id !== id) return;
      if (data.type === "case") {
        rows[done] = data.row;
        if (onCase) onCase(done, data.row);
        done += 1;
      } else if (data.type === "done") {
        finish(data.result);
      } else if (data.type === "crash") {
        fail("error", `Python 运行环境崩溃(例如内存耗尽):${data.error}`);
      }
    };
    w.onerror = (e) => {
      if (e.preventDefault) e.preventDefault();
      fail("error", `Python 运行环境崩溃:${e.message || "未知错误"}`);
    };
    w.postMessage({ type: "run", id, code, spec: snippet.spec, cases });
  });
}
