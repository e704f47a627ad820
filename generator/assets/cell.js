/* cell.js: turns a `[data-snippet]` block into an editable, runnable cell.
 * Bundled with CodeMirror 6 by esbuild (`npm run build:cells`) into
 * build/cell.bundle.js; loaded on demand by kb-cells.js.
 *
 * The cell: an editor (Python highlighting, auto-indent, Tab indents,
 * Ctrl/Cmd+Enter runs), "运行测试", "恢复原始代码" (asks first), a custom
 * input, a results table, output and traceback. Edits are kept in
 * localStorage under the snippet's name and the hash of its original source.
 * Running is runner.js's job. Where runner.js holds the download back (saving
 * data, phones), the cell says how big it is and offers a button to start it.
 */
import { EditorView, basicSetup } from "codemirror";
import { keymap } from "@codemirror/view";
import { Compartment, Prec } from "@codemirror/state";
import { oneDark } from "@codemirror/theme-one-dark";
import { indentWithTab } from "@codemirror/commands";
import { indentUnit } from "@codemirror/language";
import { python } from "@codemirror/lang-python";
import { STEPS, configure, getConfig, loadSnippet, megabytes, onState, prefetch, prefetchKept, runSnippet, runtimeInfo, warm } from "./runner.js";

export { configure, runSnippet, runtimeInfo };

// The editor follows the site's palette: One Dark when mkdocs-material is in
// its dark scheme ("slate"), CodeMirror's light default otherwise.
const themeSlot = new Compartment();
const editorTheme = () => (document.body.getAttribute("data-md-color-scheme") === "slate" ? oneDark : []);

// UI words (English in comments): pass, fail, error, timeout.
const STATUS_TEXT = { pass: "通过", fail: "未通过", error: "出错", timeout: "超时", skipped: "未运行", no_reference: "无参考答案" };
const KEY = "kb-cell:"; // localStorage key prefix: kb-cell:<name>:<hash>
// Case, input, expected, actual, result, time.
const COLUMNS = ["用例", "输入", "期望", "实际", "结果", "耗时"];

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") el.textContent = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c) el.append(c);
  return el;
}

function storedKeys(name) {
  const keys = [];
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (k && k.startsWith(`${KEY}${name}:`)) keys.push(k);
  }
  return keys;
}

function safeStorage(fn, fallback) {
  try {
    return fn();
  } catch {
    return fallback; // private mode or storage disabled: edits are not kept
  }
}

/** Mount the cell UI in `cell` (idempotent). */
export async function mount(cell) {
  if (cell.dataset.kbState === "ready") return;
  const name = cell.dataset.snippet;
  const snippet = await loadSnippet(name);
  const original = snippet.solution;
  // Practice mode (kb-practice.js) starts from the signature alone: the reader writes the body.
  const starter = snippet.starter || original;
  const practising = () => document.documentElement.hasAttribute("data-kb-practice");
  const key = `${KEY}${name}:${snippet.hash}`;
  const saved = safeStorage(() => localStorage.getItem(key), null);

  // --- structure -----------------------------------------------------------
  const runButton = h("button", { type: "button", class: "md-button md-button--primary", "data-action": "run", "aria-label": `运行测试：${snippet.title}` }, "运行测试");
  const resetButton = h("button", { type: "button", class: "md-button", "data-action": "reset", "aria-label": "恢复原始代码" }, "恢复原始代码");
  const solutionButton = h("button", { type: "button", class: "md-button kb-cell__solution", "data-action": "solution", "aria-label": "显示参考答案" }, "显示参考答案");
  // The keyboard hint only where there is a keyboard (a fine pointer that can hover).
  const keyboard = !window.matchMedia || window.matchMedia("(hover: hover) and (pointer: fine)").matches;
  const hint = h("span", { class: "kb-cell__hint", text: keyboard ? "Ctrl/⌘ + Enter 运行；Esc 后按 Tab 离开编辑器" : "改好代码后点「运行测试」" });
  const notice = h("div", { class: "kb-cell__notice", role: "status" });
  const editorBox = h("div", { class: "kb-cell__editor" });
  const progress = h("progress", { max: STEPS, "aria-label": "Python 运行环境加载进度" });
  const progressText = h("span");
  const loading = h("div", { class: "kb-cell__loading", hidden: true }, progress, progressText);
  // Shown while the download is held back (see runner.prefetch): its size and a button.
  const downloadText = h("span");
  const downloadButton = h("button", { type: "button", class: "md-button", "data-action": "download" }, "现在下载"); // download now
  const download = h("div", { class: "kb-cell__download", hidden: true }, downloadText, downloadButton);
  const summary = h("p", { class: "kb-cell__summary", "data-summary": "" });
  const tableBody = h("tbody");
  const table = h(
    "div",
    { class: "kb-cell__table", hidden: true },
    h("table", { class: "kb-cell__grid" }, h("caption", { class: "kb-sr-only", text: "测试结果" }),
      h("thead", {}, h("tr", {}, ...COLUMNS.map((t) => h("th", { scope: "col", text: t })))),
      tableBody)
  );
  const output = h("div", { class: "kb-cell__output" });
  const live = h("div", { class: "kb-cell__results", "aria-live": "polite", "aria-busy": "false" }, summary, table, output);

  // The inputs a case gives: the parameters, and any that only shapes one of
  // them (环形链表's pos: where the tail links back, spec.cycle).
  const inputs = [...snippet.spec.params, ...Object.values(snippet.spec.cycle || {})];
  const customFields = inputs.map((p) => {
    const id = `kb-${name}-in-${p}`;
    const example = JSON.stringify(snippet.cases[0].input[p]);
    const input = h("input", { id, type: "text", inputmode: "text", spellcheck: "false", autocomplete: "off", value: example.length < 80 ? example : "", "data-param": p });
    return { p, input, row: h("div", { class: "kb-cell__field" }, h("label", { for: id, text: `${p} =` }), input) };
  });
  const customButton = h("button", { type: "button", class: "md-button", "data-action": "custom", "aria-label": "用自定义输入运行" }, "运行自定义输入");
  const custom = h(
    "details",
    { class: "kb-cell__custom" },
    h("summary", { text: "自定义输入" }),
    h("p", { class: "kb-cell__hint", text: "每个参数写成 JSON（如 [1,2,3]）；期望输出由参考答案算出。" }),
    ...customFields.map((f) => f.row),
    customButton
  );

  const toolbar = h("div", { class: "kb-cell__toolbar" }, runButton, resetButton, solutionButton, hint);
  const source = cell.querySelector(".kb-cell__source");
  const ui = h("div", { class: "kb-cell__ui" }, notice, editorBox, toolbar, loading, download, custom, live);
  if (source) source.replaceWith(ui);
  else cell.append(ui);
  cell.querySelectorAll(".kb-cell__nojs").forEach((n) => n.remove());

  // --- editor ---------------------------------------------------------------
  let saveTimer = null;
  const view = new EditorView({
    doc: saved ?? (practising() ? starter : original),
    parent: editorBox,
    extensions: [
      Prec.highest(keymap.of([{ key: "Mod-Enter", run: () => (runAll(), true) }])),
      keymap.of([indentWithTab]),
      basicSetup,
      EditorView.lineWrapping, // long lines wrap: a phone shows the whole line
      themeSlot.of(editorTheme()),
      python(),
      indentUnit.of("    "),
      EditorView.contentAttributes.of({ "aria-label": `代码编辑器：${snippet.title}` }),
      EditorView.updateListener.of((u) => {
        if (!u.docChanged) return;
        clearTimeout(saveTimer);
        saveTimer = setTimeout(save, 300);
      }),
    ],
  });
  const palette = new MutationObserver(() => {
    if (!view.dom.isConnected) return palette.disconnect(); // the page was replaced (instant navigation)
    view.dispatch({ effects: themeSlot.reconfigure(editorTheme()) });
  });
  palette.observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  const code = () => view.state.doc.toString();
  const setCode = (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  function save() {
    const text = code();
    const untouched = text === original || text === starter;
    safeStorage(() => (untouched ? localStorage.removeItem(key) : localStorage.setItem(key, text)));
  }

  // The original changed since the reader's edits were saved: say so.
  const stale = safeStorage(() => storedKeys(name).filter((k) => k !== key), []);
  if (saved === null && stale.length) {
    const restore = h("button", { type: "button", class: "md-button", "data-action": "restore-old" }, "载入我之前的修改");
    const dismiss = h("button", { type: "button", class: "md-button", "data-action": "dismiss-old" }, "忽略");
    const forget = () => { safeStorage(() => stale.forEach((k) => localStorage.removeItem(k))); notice.replaceChildren(); };
    restore.addEventListener("click", () => { setCode(localStorage.getItem(stale[0])); save(); forget(); });
    dismiss.addEventListener("click", forget);
    notice.replaceChildren(h("p", { text: "原始代码在你上次编辑之后更新过，编辑器里现在是新的原始代码。" }), restore, dismiss);
  } else if (saved !== null) {
    notice.replaceChildren(h("p", { text: "已载入你上次的修改（保存在本浏览器中）。" }));
  }

  // --- loading state ----------------------------------------------------------
  let held = false; // the download waits for the reader
  let idle = true;
  const showDownload = () => (download.hidden = !(held && idle && downloadText.textContent));
  onState(({ state, step, text }) => {
    progress.hidden = state !== "loading";
    progress.value = step;
    loading.hidden = !text;
    loading.dataset.state = state;
    progressText.textContent = text;
    idle = state === "idle";
    showDownload();
  });
  downloadButton.addEventListener("click", () => warm().catch(() => {}));

  // --- running ----------------------------------------------------------------
  let busy = false;
  function renderRow(tr, row) {
    const status = row.status;
    // A time only for a case that ran to an answer: not for one that never ran,
    // timed out or raised (its 0 would read as "<0.1 ms").
    const timed = (status === "pass" || status === "fail") && typeof row.ms === "number";
    const time = !timed ? "" : row.ms < 0.1 ? "<0.1 ms" : `${row.ms.toFixed(1)} ms`;
    // A case's own error (its exception, or why it could not be checked): the last line, in full on hover.
    const error = row.error ? String(row.error).trim().split("\n").pop() : "";
    tr.replaceChildren(
      h("td", { "data-label": COLUMNS[0], text: row.name }),
      h("td", { "data-label": COLUMNS[1] }, h("code", { text: row.input })),
      h("td", { "data-label": COLUMNS[2] }, h("code", { text: row.expected })),
      h("td", { "data-label": COLUMNS[3] }, h("code", { text: row.actual }),
        error && h("span", { class: "kb-cell__case-error", title: row.error, text: error })),
      h("td", { "data-label": COLUMNS[4], class: "kb-cell__status", text: status ? STATUS_TEXT[status] : "…" }),
      h("td", { "data-label": COLUMNS[5], text: time })
    );
    if (status) tr.dataset.status = status;
    else delete tr.dataset.status;
  }

  async function run(cases) {
    if (busy) return;
    busy = true;
    runButton.disabled = customButton.disabled = true;
    live.setAttribute("aria-busy", "true");
    summary.dataset.summary = "";
    summary.textContent = "运行中…";
    output.replaceChildren();
    const list = cases || snippet.cases;
    const rows = list.map(() => h("tr"));
    list.forEach((c, i) => renderRow(rows[i], { name: c.name || "", input: "", expected: "", actual: "", status: null }));
    tableBody.replaceChildren(...rows);
    table.hidden = false;
    const result = await runSnippet(name, code(), { cases, onCase: (i, row) => renderRow(rows[i], row) });
    result.cases.forEach((row, i) => renderRow(rows[i], row));
    const passed = result.cases.filter((r) => r.status === "pass").length;
    summary.textContent = `${passed}/${result.cases.length} 通过` + (result.status === "pass" ? "" : ` · ${STATUS_TEXT[result.status]}`);
    summary.dataset.summary = result.status;
    if (result.error) output.append(h("p", { text: "错误信息" }), h("pre", { class: "kb-cell__error", text: result.error }));
    if (result.stdout) output.append(h("p", { text: "标准输出 stdout" }), h("pre", { text: result.stdout }));
    if (result.stderr) output.append(h("p", { text: "标准错误 stderr" }), h("pre", { text: result.stderr }));
    live.setAttribute("aria-busy", "false");
    runButton.disabled = customButton.disabled = false;
    busy = false;
    // The problem's own cases (not a custom input): docs/assets/kb-code.js keeps the reader's status.
    if (!cases) {
      document.dispatchEvent(new CustomEvent("kb:cell-result", { detail: { snippet: name, passed, total: result.cases.length } }));
    }
    return result;
  }

  function runAll() {
    run(null);
  }

  function runCustom() {
    const input = {};
    for (const { p, input: field } of customFields) {
      try {
        input[p] = JSON.parse(field.value);
      } catch {
        summary.dataset.summary = "";
        summary.textContent = `参数 ${p} 不是合法的 JSON：${field.value}`;
        table.hidden = true; // the previous run's results would read as this input's
        output.replaceChildren();
        field.focus();
        return;
      }
    }
    run([{ name: "自定义输入", input }]);
  }

  runButton.addEventListener("click", runAll);
  customButton.addEventListener("click", runCustom);
  resetButton.addEventListener("click", () => {
    const start = practising() ? starter : original;
    if (code() === start) return;
    if (!window.confirm("恢复原始代码？你对这段代码的修改会丢失。")) return;
    setCode(start);
    safeStorage(() => localStorage.removeItem(key));
    notice.replaceChildren();
  });
  solutionButton.addEventListener("click", () => {
    if (code() === original) return;
    if (code() !== starter && !window.confirm("显示参考答案？编辑器里你写的代码会被替换。")) return;
    setCode(original);
  });
  // Turning practice mode on or off swaps an untouched editor between the two.
  const onPractice = (event) => {
    if (!view.dom.isConnected) return document.removeEventListener("kb:practice", onPractice); // page replaced
    if (event.detail && code() === original) setCode(starter);
    else if (!event.detail && code() === starter) setCode(original);
  };
  document.addEventListener("kb:practice", onPractice);

  cell.kbCell = { view, code, setCode, run: () => run(null) }; // for tests and automation
  cell.dataset.kbState = "ready";
  // Near the viewport: start loading Python now, unless that would cost the reader (phone, saving data).
  // A runtime kept from an earlier visit starts anyway: it downloads nothing.
  if (!prefetch()) prefetchKept().then((started) => {
    if (started) return;
    held = true;
    getConfig().then((cfg) => {
      // "Running the code needs a download of about N MB of Python runtime; it starts when you
      // press 运行测试 (run the tests) or 现在下载 (download now)."
      downloadText.textContent = `运行代码需要下载约 ${megabytes(cfg.downloadBytes)} MB 的 Python 运行环境，点「运行测试」或「现在下载」时才开始下载。`;
      showDownload();
    }, () => {});
  });
}
