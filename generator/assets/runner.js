/* runner.js: the page's side of the Python runtime, shared by every cell.
 *
 * One Web Worker (worker.js) for the whole site: it stays warm while
 * mkdocs-material's instant navigation swaps pages, because this module is
 * loaded once per tab. Runs are queued one at a time. A run past its time
 * limit terminates the worker (the page stays responsive) and a new one is
 * started at once, so the next run works. No DOM here (see cell.js).
 *
 * The reader's data: a cell near the screen starts the runtime at once
 * (`prefetch`) only where that costs little, not when the browser asks to
 * save data, on a slow connection or on a phone-sized or touch screen; there
 * the download waits until the reader runs the cell or asks for it.
 */

let base = "";
const SNAPSHOTS = "kb-cells-snapshot"; // worker.js's Cache Storage name
let config = null; // Promise of runtime.json
const snippets = new Map(); // name -> Promise of snippets/<name>.json
let worker = null;
let ready = null; // Promise of a worker that has Pyodide and kb_harness loaded
let queue = Promise.resolve();
let nextId = 0;
let state = { state: "idle", step: 0, text: "" };
const listeners = new Set();
// How the runtime last started, for tests and the benchmark: start "snapshot"
// or "plain", why a stored snapshot was not used, whether a new one was saved,
// and ms from starting the worker to ready.
let info = { start: null, fallback: null, saved: null, saveError: null, ms: null };

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

/** runtime.json, with download.json's `bytes` (what starting the runtime downloads) as `downloadBytes`. */
export function getConfig() {
  config = config || Promise.all([getJson("runtime.json"), getJson("download.json")])
    .then(([cfg, download]) => ({ ...cfg, downloadBytes: download.bytes }));
  config.catch(() => (config = null)); // a failed fetch is tried again next time
  return config;
}

/** "13.5" (MB, as phones count them) for a byte count. */
export function megabytes(bytes) {
  return (bytes / 1e6).toFixed(1);
}

export function runtimeInfo() {
  return { ...info };
}

/** May the runtime be downloaded before the reader asks? Not when saving data. */
export function prefetchAllowed() {
  const c = navigator.connection; // Chromium only; elsewhere the screen decides
  if (c && (c.saveData || ["slow-2g", "2g", "3g"].includes(c.effectiveType))) return false;
  return !window.matchMedia("(max-width: 600px), (pointer: coarse)").matches;
}

/** Start the runtime now if that is cheap for the reader (see prefetchAllowed); true if it is loading. */
export function prefetch() {
  if (ready) return true;
  if (!prefetchAllowed()) return false;
  warm().catch(() => {});
  return true;
}

/**
 * Start the runtime now if this browser kept it from an earlier visit (a
 * snapshot of this site in Cache Storage, see worker.js): the files are in
 * its cache, so starting costs the reader no download. Resolves to whether
 * it started.
 */
export async function prefetchKept() {
  try {
    if (!self.caches || !(await caches.has(SNAPSHOTS))) return false;
    const prefix = new URL("snapshot/", new URL("worker.js", base)).href;
    const kept = (await (await caches.open(SNAPSHOTS)).keys()).some((r) => r.url.startsWith(prefix));
    if (kept) warm().catch(() => {});
    return kept;
  } catch {
    return false;
  }
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

// What the reader reads while the runtime loads, by the worker's phase (English in comments).
function loadingText(phase, cfg, restart) {
  if (restart) return "正在重启 Python 运行环境…"; // restarting (after a time-out or a crash): nothing to download
  if (phase === "restore") return "正在从本机缓存恢复 Python 运行环境…"; // restoring from this browser's cache
  // downloading and starting (about N MB)
  if (phase === "download") return `正在下载并启动 Python 运行环境（约 ${megabytes(cfg.downloadBytes)} MB）…`;
  if (phase === "harness") return "正在加载测试工具…"; // loading the test harness
  return "正在启动 Python 运行环境…"; // starting
}

/** Start the worker and load Pyodide and kb_harness, once. `restart`: after a
 * time-out or crash killed the previous worker (the reader is told so). */
export function warm({ restart = false } = {}) {
  if (ready) return ready;
  const w = new Worker(new URL("worker.js", base), { type: "module" });
  worker = w;
  info = { start: null, fallback: null, saved: null, saveError: null, ms: null };
  const started = performance.now();
  setState({ state: "loading", step: 0, text: loadingText("start", null, restart) });
  // Not w.onmessage: a run takes that over, and the snapshot news may come during a run.
  w.addEventListener("message", ({ data }) => {
    if (data.type === "snapshot") info = { ...info, saved: data.saved, saveError: data.error };
  });
  ready = getConfig().then(
    (cfg) =>
      new Promise((resolve, reject) => {
        w.onmessage = ({ data }) => {
          if (data.type === "progress") {
            setState({ state: "loading", step: data.step, text: loadingText(data.phase, cfg, restart) });
          } else if (data.type === "ready") {
            info = { ...info, start: data.start, fallback: data.fallback, ms: Math.round(performance.now() - started) };
            resolve(w);
          } else if (data.type === "initError") reject(new Error(data.error));
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
    ms: null, // never ran: no time to show
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
      warm({ restart: true }).catch(() => {}); // the next run should not wait for a cold start
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
