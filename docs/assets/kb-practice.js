/* kb-practice.js: practice mode ("练习模式") for pages with answers.
 *
 * On a page with entries (div.kb-answers), it adds a toggle button under the
 * page title. In practice mode every answer block is folded behind a
 * "显示答案" button (a real <button>: Tab, Enter and Space work), so that the
 * reader answers first and then looks; code cells start from the function's
 * signature, with a "显示参考答案" button (a "kb:practice" event tells them). The choice is kept in localStorage
 * (scoped to the site, like mkdocs-material's own settings).
 *
 * Works with instant navigation: init runs on every page through
 * mkdocs-material's document$ and is idempotent.
 */
(function () {
  "use strict";
  var KEY = "kb.practice";

  function load() {
    try {
      if (typeof __md_get === "function") return !!__md_get(KEY);
      return localStorage.getItem(KEY) === "true";
    } catch (e) { return false; }
  }

  function save(on) {
    try {
      if (typeof __md_set === "function") __md_set(KEY, on);
      else localStorage.setItem(KEY, String(on));
    } catch (e) { /* private mode: the toggle still works on this page */ }
  }

  var counter = 0;

  function reveal(button, answers, open) {
    answers.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    button.textContent = open ? "收起答案" : "显示答案";
  }

  function apply(on) {
    document.documentElement.toggleAttribute("data-kb-practice", on);
    // Code cells (cell.js) start from the bare signature in practice mode.
    document.dispatchEvent(new CustomEvent("kb:practice", { detail: on }));
    var toggle = document.querySelector(".kb-practice-toggle");
    if (toggle) {
      toggle.setAttribute("aria-pressed", String(on));
      toggle.querySelector(".kb-practice-toggle__state").textContent = on ? "开" : "关";
    }
    document.querySelectorAll(".kb-answers").forEach(function (answers) {
      var button = answers.kbReveal;
      if (!button) {
        if (!answers.id) answers.id = "kb-answers-" + (++counter);
        button = document.createElement("button");
        button.type = "button";
        button.className = "md-button kb-reveal";
        button.setAttribute("aria-controls", answers.id);
        button.addEventListener("click", function () { reveal(button, answers, answers.hidden); });
        answers.parentNode.insertBefore(button, answers);
        answers.kbReveal = button;
      }
      button.hidden = !on;
      reveal(button, answers, !on);
    });
  }

  function init() {
    var answers = document.querySelector(".md-content .kb-answers");
    if (!answers) {
      document.documentElement.removeAttribute("data-kb-practice");
      return;
    }
    var title = document.querySelector(".md-content h1");
    if (!document.querySelector(".kb-practice-toggle")) {
      var bar = document.createElement("div");
      bar.className = "kb-practice-bar";
      bar.innerHTML =
        '<button type="button" class="md-button kb-practice-toggle" aria-pressed="false"' +
        ' title="回答默认折叠，先想再看">练习模式：<span class="kb-practice-toggle__state">关</span></button>' +
        '<span class="kb-practice-bar__hint">开启后回答默认折叠，点「显示答案」再看。</span>';
      if (title) title.insertAdjacentElement("afterend", bar);
      else answers.parentNode.insertBefore(bar, answers);
      bar.firstChild.addEventListener("click", function () {
        var on = this.getAttribute("aria-pressed") !== "true";
        save(on);
        apply(on);
      });
    }
    apply(load());
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
