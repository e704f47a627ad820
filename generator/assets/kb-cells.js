/* kb-cells.js: the small loader every page carries (extra_javascript).
 *
 * It finds code cells (elements with data-snippet), and only when one is near
 * the viewport or used does it load the cell bundle (editor, runner) and the
 * stylesheet. A page without a cell loads nothing else. It also defines
 * window.kbRunner.run(name, code) and .info() for tests and automation.
 *
 * Works with mkdocs-material's instant navigation: it scans again on every
 * page (document$), and the runtime (one Web Worker) lives in the bundle,
 * which the browser keeps across page switches.
 */
(function () {
  "use strict";
  if (window.kbRunner) return; // already loaded (instant navigation)

  var script = document.currentScript;
  var base = new URL(".", script ? script.src : location.href).href; // .../assets/kb-cells/
  var bundle = null;

  function loadBundle() {
    if (!bundle) {
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = base + "kb-cells.css";
      document.head.appendChild(css);
      bundle = import(base + "cell.bundle.js").then(function (m) {
        m.configure(base);
        return m;
      });
    }
    return bundle;
  }

  function mount(cell) {
    if (cell.dataset.kbState) return;
    cell.dataset.kbState = "loading";
    loadBundle()
      .then(function (m) { return m.mount(cell); })
      .catch(function (err) {
        cell.dataset.kbState = "broken";
        var p = document.createElement("p");
        p.className = "kb-cell__fatal";
        p.setAttribute("role", "alert");
        p.textContent = "代码单元加载失败：" + (err && err.message ? err.message : err);
        cell.appendChild(p);
      });
  }

  var observer = "IntersectionObserver" in window
    ? new IntersectionObserver(function (entries) {
        entries.forEach(function (e) {
          if (e.isIntersecting) { observer.unobserve(e.target); mount(e.target); }
        });
      }, { rootMargin: "400px 0px" })
    : null;

  function scan() {
    document.querySelectorAll("[data-snippet]").forEach(function (cell) {
      if (cell.dataset.kbState) return;
      // Used before it scrolled near: mount at once.
      cell.addEventListener("pointerdown", function () { mount(cell); }, { once: true });
      cell.addEventListener("focusin", function () { mount(cell); }, { once: true });
      if (observer) observer.observe(cell); else mount(cell);
    });
  }

  window.kbRunner = {
    /** Run `code` against snippet `name`'s test cases, as the cell's button does. */
    run: function (name, code, options) {
      return loadBundle().then(function (m) { return m.runSnippet(name, code, options); });
    },
    /** How the runtime last started: {start: "snapshot"|"plain"|null, fallback, saved, saveError}. */
    info: function () {
      return loadBundle().then(function (m) { return m.runtimeInfo(); });
    },
  };

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(scan);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", scan);
  } else {
    scan();
  }
})();
