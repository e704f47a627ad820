// Runs docs/assets/kb-search-worker.js in Node as the browser would run it,
// against a built site's search files, for tests/node/test_search_worker.py.
//
//   node search_worker.mjs SITE_DIR < {"texts": [...], "queries": [...], "fresh": false}
//
// Prints {"tokens": [[...]], "hashes": [...], "results": [[location, ...]],
// "fetched": [[file, ...]]}: the worker's tokens and shard hashes of each
// text, the result locations of each query in order, and the files each
// query fetched.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const workerFile = path.join(here, "..", "..", "docs", "assets", "kb-search-worker.js");
const site = path.resolve(process.argv[2]);
const input = JSON.parse(fs.readFileSync(0, "utf8"));

// A worker as a page starts it: its own globals, its own caches. With
// "fresh": true in the input every query gets a new one (what a reader's
// first query costs); otherwise the queries share one, as in a page.
let fetched = [];
function startWorker() {
  const worker = { handler: null, answer: null };
  const context = {
    self: { location: { href: pathToFileURL(path.join(site, "assets", "kb-search-worker.js")).href } },
    URL,
    console,
    addEventListener: (type, fn) => { if (type === "message") worker.handler = fn; },
    postMessage: (message) => { if (worker.answer) worker.answer(message); },
    fetch: async (url) => {
      const file = fileURLToPath(url);
      fetched.push(path.relative(site, file));
      if (!fs.existsSync(file)) return { ok: false, status: 404 };
      const text = fs.readFileSync(file, "utf8");
      return { ok: true, status: 200, json: async () => JSON.parse(text) };
    },
  };
  vm.createContext(context);
  vm.runInContext(fs.readFileSync(workerFile, "utf8"), context, { filename: workerFile });
  worker.context = context;
  worker.send = (message) => new Promise((resolve) => {
    worker.answer = resolve;
    worker.handler({ data: message });
  });
  return worker;
}

const index = JSON.parse(fs.readFileSync(path.join(site, "search", "search_index.json"), "utf8"));
const setup = { type: 0, data: { config: index.config, docs: index.docs, options: { suggest: false } } };
let worker = startWorker();
await worker.send(setup);
const results = [];
const files = [];
for (const query of input.queries || []) {
  if (input.fresh) {
    worker = startWorker();
    await worker.send(setup);
  }
  fetched = [];
  const message = await worker.send({ type: 2, data: query });
  results.push(message.data.items.map((group) => group.map((item) => [item.location, item.title, item.text, item.terms])));
  files.push(fetched);
}
const context = worker.context;
const texts = input.texts || [];
process.stdout.write(JSON.stringify({
  tokens: texts.map((t) => Array.from(context.tokens(t))),
  hashes: texts.map((t) => context.fnv1a(t)),
  results,
  fetched: files,
}));
