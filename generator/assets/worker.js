/* worker.js: the Web Worker that runs Python (Pyodide) for every cell.
 *
 * Messages in:  {type: "init", indexURL, lockFileURL}
 *               {type: "run", id, code, spec, cases}
 * Messages out: {type: "progress", step, phase} while loading (phase:
 *               "restore", "download" or "harness"), then
 *               {type: "ready", start: "snapshot"|"plain", fallback} or
 *               {type: "initError", error}; later, after a plain start,
 *               {type: "snapshot", saved, error} once the snapshot is stored;
 *               {type: "case", id, row} after each case, then
 *               {type: "done", id, result}, or {type: "crash", id, error} when
 *               the runtime itself failed (the page then replaces this worker).
 * Time limits and the words the reader sees are the page's job (runner.js).
 *
 * Start-up. Most of a cold start is not the download nor the WebAssembly
 * compile (both cached by the browser: Pyodide fetches pyodide.asm.wasm and
 * compiles it with WebAssembly.instantiateStreaming, so Chromium keeps the
 * compiled code next to the HTTP cache entry) but Python initialising itself.
 * So the first start takes a memory snapshot of the interpreter just after
 * kb_harness is imported (Pyodide's `_makeSnapshot` / `makeMemorySnapshot`,
 * undocumented but shipped in 314.0.7) and keeps it in Cache Storage; the next
 * start (a new tab, a restart after a time-out) hands it to loadPyodide
 * (`_loadSnapshot`) and skips the initialisation. The snapshot holds no reader
 * code: it is taken before the first run. Any doubt about it (missing, from
 * another Pyodide or harness, damaged, failing a self-check) means the plain
 * start, which then stores a fresh one.
 *
 * The harness wheel is unpacked with unpackArchive rather than loadPackage:
 * loadPackage records the package in a JavaScript object that Pyodide's
 * snapshot refuses ("Unexpected hiwire entry at index 6"). The lock file's
 * sha256 still checks the wheel (fetch with `integrity`).
 */
const CACHE = "kb-cells-snapshot"; // Cache Storage name (runner.js looks for a kept snapshot too)
const FORMAT = 1; // bump when what a snapshot holds changes, so old ones are not used
const PAGE = 65536; // snapshots are stored without their all-zero pages (about half)
const MAGIC = 0x4b425331; // "KBS1"
const SAVE_DELAY = 1000; // ms after the start before the snapshot is stored
let runJson = null;

function post(message) {
  self.postMessage(message);
}

async function fetchOk(url, init) {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

/** "sha256-<base64>" (Subresource Integrity) from the lock file's hex digest. */
function integrity(hex) {
  const bytes = hex.match(/../g).map((b) => parseInt(b, 16));
  return "sha256-" + btoa(String.fromCharCode(...bytes));
}

async function init({ indexURL, lockFileURL }) {
  const [{ loadPyodide, version }, lock] = await Promise.all([
    import(indexURL + "pyodide.mjs"),
    fetchOk(lockFileURL).then((r) => r.json()),
  ]);
  const entry = lock.packages["kb-harness"];
  if (!entry) throw new Error("kb-harness 不在 pyodide-lock.json 中");
  const wheel = fetchOk(new URL(entry.file_name, lockFileURL).href, { integrity: integrity(entry.sha256) })
    .then((r) => r.arrayBuffer());
  wheel.catch(() => {}); // awaited below; do not report it unhandled meanwhile
  const options = {
    indexURL,
    lockFileContents: lock, // fetched once, here
    packageBaseUrl: new URL(".", lockFileURL).href,
    stdout: () => {},
    stderr: (line) => console.warn("[pyodide]", line),
  };
  // Cache Storage exists only in secure contexts (https, localhost): elsewhere no snapshot.
  // The key sits under this worker's URL, so two sites on one origin keep their own.
  const key = self.caches
    ? new URL(`snapshot/${FORMAT}-${version}-${entry.sha256.slice(0, 16)}`, self.location.href).href
    : null;

  let fallback = null;
  const saved = key && (await readSnapshot(key).catch((err) => ((fallback = err.message), null)));
  if (saved) {
    post({ type: "progress", step: 1, phase: "restore" });
    const files = await wheel; // outside the try: a network error says nothing about the snapshot
    try {
      const pyodide = await loadPyodide({ ...options, _loadSnapshot: saved });
      pyodide.unpackArchive(files, "wheel"); // its files too (the modules are in the snapshot)
      // Every restored interpreter would otherwise draw the same random numbers.
      pyodide.runPython("import sys\nif 'random' in sys.modules: sys.modules['random'].seed()");
      runJson = pyodide.pyimport("kb_harness").run_json;
      selfCheck();
      return { start: "snapshot", fallback: null };
    } catch (err) {
      console.warn("[kb-cells] the stored snapshot is unusable, starting afresh:", err);
      fallback = String((err && err.message) || err);
      await dropSnapshot(key);
    }
  }

  post({ type: "progress", step: 1, phase: "download" });
  const pyodide = await loadPyodide({ ...options, _makeSnapshot: Boolean(key) });
  post({ type: "progress", step: 2, phase: "harness" });
  pyodide.unpackArchive(await wheel, "wheel");
  runJson = pyodide.pyimport("kb_harness").run_json;
  if (key) {
    let snapshot = null;
    try {
      snapshot = pyodide.makeMemorySnapshot(); // a copy: runs may start right after
    } catch (err) {
      post({ type: "snapshot", saved: false, error: String((err && err.message) || err) });
    }
    // Stored a moment after "ready": a first run the reader is waiting for goes before
    // the encoding (some 50 ms of this thread) and the disk.
    if (snapshot) {
      setTimeout(() => saveSnapshot(key, snapshot).then(
        () => post({ type: "snapshot", saved: true, error: null }),
        (err) => post({ type: "snapshot", saved: false, error: String((err && err.message) || err) })), SAVE_DELAY);
    }
  }
  return { start: "plain", fallback };
}

/** A restored interpreter must pass one trivial case before the reader's code meets it. */
function selfCheck() {
  const out = JSON.parse(runJson("def f():\n    return 1\n", JSON.stringify({ function: "f", params: [] }),
    JSON.stringify([{ input: {}, expected: 1 }])));
  if (out.status !== "pass") throw new Error("自检未通过: " + JSON.stringify(out).slice(0, 300));
}

// --- snapshot storage -------------------------------------------------------
// (Errors say "快照已损坏", the snapshot is damaged; they reach the console and runner's info.)
// Layout, in 32-bit words: MAGIC, byte length, page count n, checksum of the
// rest; then n page numbers; then those pages. Pages not listed are zero.

function checksum(words) {
  let h = 0x811c9dc5;
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i], 0x01000193);
  return h >>> 0;
}

function encode(bytes) {
  if (bytes.byteLength % 4) throw new Error("snapshot length is not a multiple of 4");
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const per = PAGE / 4;
  const pages = [];
  for (let p = 0; p * per < words.length; p++) {
    const end = Math.min((p + 1) * per, words.length);
    for (let i = p * per; i < end; i++) {
      if (words[i]) {
        pages.push(p);
        break;
      }
    }
  }
  const out = new Uint32Array(4 + pages.length + pages.length * per);
  out.set(pages, 4);
  let at = 4 + pages.length;
  for (const p of pages) {
    const page = words.subarray(p * per, (p + 1) * per);
    out.set(page, at);
    at += page.length;
  }
  const used = out.subarray(0, at);
  used.set([MAGIC, bytes.byteLength, pages.length, checksum(used.subarray(4))]);
  return used;
}

function decode(buffer) {
  if (buffer.byteLength < 16 || buffer.byteLength % 4) throw new Error("快照已损坏（长度不对）");
  const words = new Uint32Array(buffer);
  const [magic, length, count, sum] = words;
  const per = PAGE / 4;
  if (magic !== MAGIC || length % 4 || words.length > 4 + count + count * per) throw new Error("快照已损坏（文件头不对）");
  if (checksum(words.subarray(4)) !== sum) throw new Error("快照已损坏（校验和不符）");
  const out = new Uint32Array(length / 4);
  let at = 4 + count;
  for (const p of words.subarray(4, 4 + count)) {
    const size = Math.min(per, out.length - p * per); // the last page may be short
    const page = words.subarray(at, at + size);
    if (size <= 0 || page.length !== size) throw new Error("快照已损坏（页不完整）");
    out.set(page, p * per);
    at += page.length;
  }
  if (at !== words.length) throw new Error("快照已损坏（长度不符）");
  return new Uint8Array(out.buffer);
}

async function readSnapshot(key) {
  const response = await (await caches.open(CACHE)).match(key);
  if (!response) return null;
  try {
    return decode(await response.arrayBuffer());
  } catch (err) {
    await dropSnapshot(key);
    throw err;
  }
}

async function saveSnapshot(key, bytes) {
  const cache = await caches.open(CACHE);
  const folder = key.slice(0, key.lastIndexOf("/") + 1);
  for (const request of await cache.keys()) {
    if (request.url.startsWith(folder) && request.url !== key) await cache.delete(request); // another version's
  }
  await cache.put(key, new Response(encode(bytes)));
}

async function dropSnapshot(key) {
  try {
    await (await caches.open(CACHE)).delete(key);
  } catch {
    // storage unavailable: nothing to drop
  }
}

self.onmessage = async ({ data }) => {
  if (data.type === "init") {
    try {
      post({ type: "ready", ...(await init(data)) });
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
