/* worker.js: the Web Worker that runs Python (Pyodide) for every cell.
 *
 * Messages in:  {type: "init", indexURL, lockFileURL}
 *               {type: "run", id, code, spec, cases}
 * Messages out: {type: "progress", text} while loading, then {type: "ready"}
 *               or {type: "initError", error};
 *               {type: "case", id, row} after each case, then
 *               {type: "done", id, result}, or {type: "crash", id, error} when
 *               the runtime itself failed (the page then replaces this worker).
 * Time limits are the page's job: it terminates this worker.
 */
let runJson = null;

function post(message) {
  self.postMessage(message);
}

async function init({ indexURL, lockFileURL }) {
  post({ type: "progress", step: 1, text: "正在下载并启动 Python 运行环境…" });
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  const pyodide = await loadPyodide({
    indexURL,
    lockFileURL,
    stdout: () => {},
    stderr: (line) => console.warn("[pyodide]", line),
  });
  post({ type: "progress", step: 2, text: "正在加载测试工具…" });
  const loaded = await pyodide.loadPackage("kb-harness", { messageCallback: () => {} });
  // loadPackage does not throw when a package is missing: check what it loaded.
  if (!loaded.some((p) => p.name === "kb-harness")) {
    throw new Error("kb-harness 未能加载(pyodide-lock.json 中没有它?)");
  }
  runJson = pyodide.pyimport("kb_harness").run_json;
}

self.onmessage = async ({ data }) => {
  if (data.type === "init") {
    try {
      await init(data);
      post({ type: "ready" });
    } catch (err) {
      post({ type: "initError", error: String((err && err.message) || err) });
    }
  } else if (data.type === "run") {
    const { id } = data;
    try {
      const onCase = (row) => post({ type: "case", id, row: JSON.parse(row) });
      const out = runJson(data.code, JSON.stringify(data.spec), JSON.stringify(data.cases), onCase);
      post({ type: "done", id, result: JSON.parse(out) });
    } catch (err) {
      // kb_harness catches every Python error, so this is the runtime failing.
      post({ type: "crash", id, error: String((err && err.message) || err) });
    }
  }
};
