/* Formulas ($...$, $$...$$ in contributed answers, marked by pymdownx.arithmatex):
   load the site's own KaTeX only on pages that have one, and render them.
   Works under instant navigation (mkdocs-material's document$). */
(function () {
  "use strict";
  var base = new URL("vendor/katex/", document.currentScript.src);
  var loading = null;

  function load() {
    if (loading) return loading;
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = new URL("katex.min.css", base).href;
    document.head.appendChild(css);
    loading = script("katex.min.js").then(function () { return script("contrib/auto-render.min.js"); });
    return loading;
  }

  function script(name) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = new URL(name, base).href;
      tag.onload = resolve;
      tag.onerror = reject;
      document.head.appendChild(tag);
    });
  }

  function render() {
    var blocks = document.querySelectorAll(".arithmatex");
    if (!blocks.length) return;
    load().then(function () {
      blocks.forEach(function (block) {
        window.renderMathInElement(block, {
          delimiters: [
            { left: "\\(", right: "\\)", display: false },
            { left: "\\[", right: "\\]", display: true }
          ],
          throwOnError: false
        });
      });
    });
  }

  if (window.document$) window.document$.subscribe(render);
  else document.addEventListener("DOMContentLoaded", render);
})();
