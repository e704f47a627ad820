/* kb-copy-link.js: a "复制链接" button on every question, so a reader can share
 * the question itself (its heading's id is stable: generator/merge/dedupe.py
 * entry_id, and ids.json sends old ids to where a question is now).
 *
 * Runs on every page, also after instant navigation (the theme's document$).
 * Where the clipboard is not available (a page served over plain http), the
 * link is put into the address bar instead.
 */
(function () {
  "use strict";

  function addButtons() {
    var headings = document.querySelectorAll(".md-content h2.kb-entry[id]");
    for (var i = 0; i < headings.length; i++) {
      var h = headings[i];
      if (h.querySelector(".kb-copy-link")) continue;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kb-copy-link";
      button.textContent = "复制链接";
      button.setAttribute("aria-label", "复制这个问题的链接");
      button.dataset.id = h.id;
      h.appendChild(button);
    }
  }

  document.addEventListener("click", function (ev) {
    var button = ev.target instanceof Element && ev.target.closest(".kb-copy-link");
    if (!button) return;
    ev.preventDefault();
    var url = location.origin + location.pathname + location.search + "#" + button.dataset.id;
    function done(text) {
      button.textContent = text;
      setTimeout(function () { button.textContent = "复制链接"; }, 2000);
    }
    function inAddressBar() {
      history.replaceState(history.state, "", url);
      done("链接已在地址栏");
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(function () { done("已复制"); }, inAddressBar);
    } else {
      inAddressBar();
    }
  });

  kb.onPage(addButtons);
})();
