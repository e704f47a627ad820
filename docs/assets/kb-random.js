/* kb-random.js: the home page's "随机一题" (random question).
 *
 * Reads random.json from the site root (the element's data-kb-random is a
 * link relative to the page, written at build time, so a site served from a
 * sub-path works): a small list of the entries, each with its id, title,
 * link, topic and whether it has an answer (generator/site/practice.py), not
 * kb.json, which holds every answer. It shows one entry drawn at random with
 * a link to it. Only answered entries are drawn, unless the reader ticks
 * "包括未回答的" (remembered, and shared with practice mode); an unanswered
 * one then says so, with a link to the contributors' guide.
 *
 * Idempotent, and re-run on every page by instant navigation.
 */
(function () {
  "use strict";
  var ALL = "kb.unanswered";  // include unanswered entries (kb-practice.js reads it too)
  var cache = {};

  var load = kb.load, save = kb.save; // kb-common.js

  function entries(url) {
    if (!cache[url]) {
      cache[url] = fetch(url, { credentials: "same-origin" })
        .then(function (r) {
          if (!r.ok) throw new Error(r.status + " " + url);
          return r.json();
        });
      cache[url].catch(function () { delete cache[url]; });
    }
    return cache[url];
  }

  function show(box, base, list, all) {
    var out = box.querySelector(".kb-random__out");
    var pool = all ? list : list.filter(function (q) { return q.answered; });
    if (!pool.length) {
      out.textContent = list.length ? "还没有有回答的问题，可以勾选「包括未回答的」。" : "知识库里还没有问题。";
      return;
    }
    var last = box.dataset.kbLast;
    var q;
    for (var i = 0; i < 5; i++) {
      q = pool[Math.floor(Math.random() * pool.length)];
      if (q.id !== last || pool.length === 1) break;
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
    meta.textContent = q.topic ? " · " + q.topic : "";
    if (!q.answered) {
      meta.textContent += " · 还没有回答，";
      var give = document.createElement("a");
      give.className = "kb-random__contribute";
      give.href = new URL(box.dataset.kbContribute || "contributing/", base).href;
      give.textContent = "来贡献一个";
      meta.appendChild(give);
    }
    out.appendChild(meta);
  }

  function init() {
    document.querySelectorAll(".kb-random").forEach(function (box) {
      if (box.dataset.kbReady) return;
      box.dataset.kbReady = "1";
      var button = box.querySelector(".kb-random__draw");
      var url = new URL(box.dataset.kbRandom || "random.json", location.href).href;
      button.hidden = false;
      var fallback = box.querySelector(".kb-random__fallback");  // for readers without script (no <noscript>: see allowed_html.yml)
      if (fallback) fallback.hidden = true;
      var label = document.createElement("label");
      label.className = "kb-random__all";
      label.innerHTML = '<input type="checkbox"> 包括未回答的';
      var all = label.firstChild;
      all.checked = load(ALL);
      all.addEventListener("change", function () { save(ALL, all.checked); });
      button.insertAdjacentElement("afterend", label);
      button.addEventListener("click", function () {
        button.disabled = true;
        entries(url)
          .then(function (list) { show(box, url, list, all.checked); })
          .catch(function () {
            box.querySelector(".kb-random__out").textContent = "题库没有加载成功，请稍后再试。";
          })
          .then(function () { button.disabled = false; });
      });
    });
  }

  kb.onPage(init);
})();
