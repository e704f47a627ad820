/* kb-random.js: the home page's "随机一题" (random question).
 *
 * Reads random.json from the site root (the element's data-kb-random is a
 * link relative to the page, written at build time, so a site served from a
 * sub-path works): the list of the files of entries, with how many entries
 * and answered entries each holds (generator/site/practice.py). A draw picks
 * one entry among them all and fetches only the file that holds it: each
 * entry's id, title, link, topic and whether it has an answer, not kb.json,
 * which holds every answer. It shows the entry with a link to it. Only answered entries are drawn, unless the reader ticks
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

  /* One entry drawn uniformly among all (or all answered) entries: which
   * file holds it comes from the counts in random.json. */
  function drawOne(base, manifest, all) {
    var key = all ? "all" : "answered";
    var total = manifest.files.reduce(function (n, f) { return n + f[key]; }, 0);
    if (!total) return Promise.resolve(null);
    var k = Math.floor(Math.random() * total);
    var file = manifest.files.find(function (f) { k -= f[key]; return k < 0; });
    k += file[key];
    return entries(new URL(file.file, base).href).then(function (list) {
      return (all ? list : list.filter(function (q) { return q.answered; }))[k] || null;
    });
  }

  function draw(box, base, manifest, all) {
    var last = box.dataset.kbLast;
    var tries = 0;
    function again(q) {
      // the same question twice in a row only when it is the only one
      if (q && q.id === last && ++tries < 5) return drawOne(base, manifest, all).then(again);
      return q;
    }
    return drawOne(base, manifest, all).then(again).then(function (q) { show(box, base, q, manifest, all); });
  }

  function show(box, base, q, manifest, all) {
    var out = box.querySelector(".kb-random__out");
    if (!q) {
      var any = manifest.files.some(function (f) { return f.all > 0; });
      out.textContent = any ? "还没有有回答的问题，可以勾选「包括未回答的」。" : "知识库里还没有问题。";
      return;
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
          .then(function (manifest) { return draw(box, url, manifest, all.checked); })
          .catch(function () {
            box.querySelector(".kb-random__out").textContent = "题库没有加载成功，请稍后再试。";
          })
          .then(function () { button.disabled = false; });
      });
    });
  }

  kb.onPage(init);
})();
