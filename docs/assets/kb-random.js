/* kb-random.js: the home page's "随机一题" (random question).
 *
 * Reads kb.json from the site root (the element's data-kb-json is a link
 * relative to the page, written at build time, so a site served from a
 * sub-path works), and shows one question drawn at random with a link to its
 * entry. Idempotent, and re-run on every page by instant navigation.
 */
(function () {
  "use strict";
  var cache = {};

  function questions(url) {
    if (!cache[url]) {
      cache[url] = fetch(url, { credentials: "same-origin" })
        .then(function (r) {
          if (!r.ok) throw new Error(r.status + " " + url);
          return r.json();
        })
        .then(function (kb) { return kb.questions || []; });
      cache[url].catch(function () { delete cache[url]; });
    }
    return cache[url];
  }

  function show(box, base, list) {
    var out = box.querySelector(".kb-random__out");
    if (!list.length) {
      out.textContent = "知识库里还没有问题。";
      return;
    }
    var last = box.dataset.kbLast;
    var q;
    for (var i = 0; i < 5; i++) {
      q = list[Math.floor(Math.random() * list.length)];
      if (q.id !== last || list.length === 1) break;
    }
    box.dataset.kbLast = q.id;
    out.textContent = "";
    var a = document.createElement("a");
    a.className = "kb-random__question";
    a.href = new URL(q.url, base).href;
    a.textContent = q.title; // text, never HTML
    a.dataset.entry = q.id;
    out.appendChild(a);
    var meta = document.createElement("span");
    meta.className = "kb-meta";
    meta.textContent = " · 被问 " + (q.times_asked || 1) + " 次" +
      ((q.answers || []).length ? "" : " · 暂无回答");
    out.appendChild(meta);
  }

  function init() {
    document.querySelectorAll(".kb-random").forEach(function (box) {
      if (box.dataset.kbReady) return;
      box.dataset.kbReady = "1";
      var button = box.querySelector(".kb-random__draw");
      var url = new URL(box.dataset.kbJson || "kb.json", location.href).href;
      button.hidden = false;
      var fallback = box.querySelector(".kb-random__fallback");  // for readers without script (no <noscript>: see allowed_html.yml)
      if (fallback) fallback.hidden = true;
      button.addEventListener("click", function () {
        button.disabled = true;
        questions(url)
          .then(function (list) { show(box, url, list); })
          .catch(function () {
            box.querySelector(".kb-random__out").textContent = "题库没有加载成功，请稍后再试。";
          })
          .then(function () { button.disabled = false; });
      });
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
