/* kb-topic.js: a topic page's study tools, and each topic's marks on the
 * topics index.
 *
 * On a topic page each entry (its h2.kb-entry and what follows, up to the
 * next h2) is wrapped in a div.kb-item, with two buttons under its title:
 * "会了" and "要复习". The marks are kept in localStorage by entry id, with
 * the entry's topic (for the topics index), so they survive a reload and
 * instant navigation. A bar above the entries shows the page's progress
 * ("已会 3 / 12，要复习 2"), sorts the entries by 被问次数 (the page lists
 * the most asked first) and filters them by 被问次数, by company, by answered
 * or not, and to those marked 要复习. It reads what
 * the template wrote on each entry (span.kb-meta: data-asked, data-companies,
 * data-topic; div.kb-answers: data-answered), never the text shown.
 * In practice mode (kb-practice.js) an unanswered entry is hidden unless
 * "包括未回答的" is ticked.
 *
 * On the topics index, each topic's link (li > a[data-topic]) is followed by
 * that topic's marks.
 *
 * Works with instant navigation: init runs on every page through
 * mkdocs-material's document$ and is idempotent.
 */
(function () {
  "use strict";
  var MARKS = "kb.marks";  // entry id -> { mark: "known" | "review", topic: slug }
  var LABELS = { known: "会了", review: "要复习" };
  var marks = {};
  var page = null;  // this topic page: { items, tools, end }

  function loadMarks() {
    var found = kb.read(MARKS) || {}, kept = {};
    Object.keys(found).forEach(function (id) {
      var m = found[id];
      if (m && typeof m === "object" && LABELS.hasOwnProperty(m.mark)) kept[id] = m;
    });
    return kept;
  }

  function saveMarks() { kb.write(MARKS, marks); }

  function markOf(id) { return marks[id] ? marks[id].mark : ""; }

  // Each entry's nodes into one div.kb-item (once), in page order.
  function wrap(content) {
    var items = [];
    content.querySelectorAll("h2.kb-entry").forEach(function (title) {
      var item = title.parentNode;
      if (!item.classList.contains("kb-item")) {
        item = document.createElement("div");
        item.className = "kb-item";
        title.parentNode.insertBefore(item, title);
        for (var node = title, next; node && (node === title || node.nodeName !== "H2"); node = next) {
          next = node.nextSibling;
          item.appendChild(node);
        }
      }
      items.push(item);
    });
    return items;
  }

  function describe(item, order) {
    var meta = item.querySelector(".kb-meta[data-asked]");
    var answers = item.querySelector(".kb-answers");
    var companies = [];
    try { companies = JSON.parse(meta.dataset.companies); } catch (e) { /* none: no data-companies */ }
    return {
      id: item.querySelector("h2.kb-entry").id,
      topic: meta ? meta.dataset.topic : "",
      asked: meta ? Number(meta.dataset.asked) || 0 : 0,
      companies: Array.isArray(companies) ? companies : [],
      answered: !answers || answers.dataset.answered !== "false",
      order: order
    };
  }

  function addMarkButtons(item) {
    if (item.querySelector(".kb-marks")) return;
    var entry = item.kbEntry;
    var group = document.createElement("div");
    group.className = "kb-marks";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "标记这道题");
    Object.keys(LABELS).forEach(function (mark) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kb-mark kb-mark--" + mark;
      button.dataset.mark = mark;
      button.textContent = LABELS[mark];
      button.setAttribute("aria-pressed", "false");
      button.addEventListener("click", function () {
        if (markOf(entry.id) === mark) delete marks[entry.id];  // a second click takes the mark off
        else marks[entry.id] = { mark: mark, topic: entry.topic };
        saveMarks();
        refresh();
      });
      group.appendChild(button);
    });
    var meta = item.querySelector(".kb-meta[data-asked]");
    ((meta && meta.closest("p")) || item.firstElementChild).insertAdjacentElement("afterend", group);
  }

  function option(select, value, text) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = text; // text, never HTML
    select.appendChild(o);
  }

  function makeTools(items) {
    var tools = document.createElement("div");
    tools.className = "kb-tools";
    tools.innerHTML =
      '<p class="kb-tools__progress" aria-live="polite"></p>' +
      '<label>排序 <select class="kb-tools__sort"><option value="">被问最多的在前</option>' +
      '<option value="fewest">被问最少的在前</option></select></label>' +
      '<label class="kb-tools__by-asked">被问 <select class="kb-tools__asked"><option value="">不限</option></select></label>' +
      '<label class="kb-tools__by-company">公司 <select class="kb-tools__company"><option value="">全部</option></select></label>' +
      '<label>回答 <select class="kb-tools__answered"><option value="">全部</option>' +
      '<option value="yes">有回答</option><option value="no">暂无回答</option></select></label>' +
      '<label><input type="checkbox" class="kb-tools__review"> 只看要复习的</label>' +
      '<p class="kb-tools__empty" hidden>没有符合条件的问题。</p>';
    var counts = {}, times = {};
    items.forEach(function (item) {
      item.kbEntry.companies.forEach(function (c) { counts[c] = (counts[c] || 0) + 1; });
      if (item.kbEntry.asked > 1) times[item.kbEntry.asked] = true;
    });
    var names = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || a.localeCompare(b, "zh"); });
    var company = tools.querySelector(".kb-tools__company");
    names.forEach(function (name) { option(company, name, name + "（" + counts[name] + "）"); });
    tools.querySelector(".kb-tools__by-company").hidden = !names.length;
    var asked = tools.querySelector(".kb-tools__asked");
    Object.keys(times).map(Number).sort(function (a, b) { return a - b; }).forEach(function (n) {
      option(asked, String(n), "至少 " + n + " 次");
    });
    tools.querySelector(".kb-tools__by-asked").hidden = asked.options.length < 2;
    tools.querySelector(".kb-tools__sort").addEventListener("change", function () { sort(); refresh(); });
    ["asked", "company", "answered", "review"].forEach(function (name) {
      tools.querySelector(".kb-tools__" + name).addEventListener("change", refresh);
    });
    items[0].parentNode.insertBefore(tools, items[0]);
    return tools;
  }

  function sort() {
    var fewest = page.tools.querySelector(".kb-tools__sort").value === "fewest";
    var items = page.items.slice().sort(function (a, b) {
      var x = a.kbEntry, y = b.kbEntry;
      return (fewest ? x.asked - y.asked : y.asked - x.asked) || x.order - y.order;
    });
    items.forEach(function (item) { item.parentNode.insertBefore(item, page.end); });
  }

  function refresh() {
    if (!page || !page.tools.isConnected) return;
    var tools = page.tools;
    var asked = Number(tools.querySelector(".kb-tools__asked").value) || 0;
    var company = tools.querySelector(".kb-tools__company").value;
    var answered = tools.querySelector(".kb-tools__answered").value;
    var review = tools.querySelector(".kb-tools__review").checked;
    var root = document.documentElement;
    var answeredOnly = root.hasAttribute("data-kb-practice") && !root.hasAttribute("data-kb-unanswered");
    var target = location.hash.slice(1);  // entry ids are ASCII
    var known = 0, toReview = 0, shown = 0;
    page.items.forEach(function (item) {
      var entry = item.kbEntry, mark = markOf(entry.id);
      if (mark === "known") known++;
      if (mark === "review") toReview++;
      item.classList.toggle("kb-item--known", mark === "known");
      item.classList.toggle("kb-item--review", mark === "review");
      item.querySelectorAll(".kb-mark").forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.dataset.mark === mark));
      });
      var show = entry.asked >= asked &&
        (!company || entry.companies.indexOf(company) >= 0) &&
        (!answered || answered === (entry.answered ? "yes" : "no")) &&
        (!review || mark === "review") &&
        (entry.answered || !answeredOnly || entry.id === target);  // a link to it still lands on it
      item.hidden = !show;
      if (show) shown++;
    });
    tools.querySelector(".kb-tools__progress").textContent =
      "已会 " + known + " / " + page.items.length + "，要复习 " + toReview;
    tools.querySelector(".kb-tools__empty").hidden = shown > 0;
  }

  function topicPage(content) {
    var items = wrap(content);
    var moved = false;
    items.forEach(function (item, i) {
      if (!item.kbEntry) item.kbEntry = describe(item, i);
      addMarkButtons(item);
      var entry = item.kbEntry, kept = marks[entry.id];
      if (kept && kept.topic !== entry.topic) {  // the entry moved to another topic since it was marked
        kept.topic = entry.topic;
        moved = true;
      }
    });
    if (moved) saveMarks();
    var tools = content.querySelector(".kb-tools") || makeTools(items);
    page = { items: items, tools: tools, end: items[items.length - 1].nextSibling };
    refresh();
  }

  function topicsIndex(links) {
    var counts = {};
    Object.keys(marks).forEach(function (id) {
      var kept = marks[id];
      var c = counts[kept.topic] || (counts[kept.topic] = { known: 0, review: 0 });
      c[kept.mark]++;
    });
    links.forEach(function (link) {
      var old = link.nextElementSibling;
      if (old && old.classList.contains("kb-progress")) old.remove();
      var c = counts[link.dataset.topic];
      if (!c) return;
      var span = document.createElement("span");
      span.className = "kb-progress";
      span.textContent = "已会 " + c.known + " · 要复习 " + c.review;
      link.insertAdjacentElement("afterend", span);
    });
  }

  function init() {
    marks = loadMarks();
    page = null;
    var content = document.querySelector(".md-content");
    if (!content) return;
    if (content.querySelector("h2.kb-entry")) topicPage(content);
    var links = content.querySelectorAll("li > a[data-topic]");
    if (links.length) topicsIndex(links);
  }

  // Practice mode, or its "包括未回答的", changed (kb-practice.js).
  document.addEventListener("kb:practice", refresh);

  kb.onPage(init);
})();
