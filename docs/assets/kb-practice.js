/* kb-practice.js: practice mode ("练习模式") for pages with answers.
 *
 * On a page with entries (div.kb-answers), it adds a toggle button under the
 * page title. In practice mode every answer block is folded behind a
 * "显示答案" button (a real <button>: Tab, Enter and Space work), so that the
 * reader answers first and then looks; code cells start from the function's
 * signature, with a "显示参考答案" button (a "kb:practice" event tells them). The choice is kept in localStorage
 * (scoped to the site, like mkdocs-material's own settings).
 *
 * Practice is for answered entries: an entry whose div.kb-answers says
 * data-answered="false" gets no "显示答案" button, and kb-topic.js hides it,
 * unless the reader ticks "包括未回答的" (kept too, and shared with the home
 * page's 随机一题); it then says "还没有回答，来贡献一个", linking where the
 * entry's own "暂无回答" box does (a.kb-contribute).
 *
 * Works with instant navigation: init runs on every page through
 * mkdocs-material's document$ and is idempotent.
 */
(function () {
  "use strict";
  var KEY = "kb.practice";
  var ALL = "kb.unanswered";  // include unanswered entries (kb-random.js reads it too)

  var load = kb.load, save = kb.save; // kb-common.js

  var counter = 0;

  function reveal(button, answers, open) {
    answers.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    button.textContent = open ? "收起答案" : "显示答案";
  }

  // An unanswered entry in practice mode: no answer to reveal, an invitation instead.
  function invite(answers, on) {
    var note = answers.kbInvite;
    if (!note) {
      note = document.createElement("p");
      note.className = "kb-invite";
      var offered = answers.querySelector("a.kb-contribute");
      note.textContent = offered ? "还没有回答，" : "还没有回答。";
      if (offered) {
        var link = document.createElement("a");
        link.href = offered.href;
        link.textContent = "来贡献一个";
        note.appendChild(link);
      }
      answers.parentNode.insertBefore(note, answers);
      answers.kbInvite = note;
    }
    note.hidden = !on;
    answers.hidden = on;
  }

  function apply(on, all) {
    var root = document.documentElement;
    root.toggleAttribute("data-kb-practice", on);
    root.toggleAttribute("data-kb-unanswered", all);
    var toggle = document.querySelector(".kb-practice-toggle");
    if (toggle) {
      toggle.setAttribute("aria-pressed", String(on));
      toggle.querySelector(".kb-practice-toggle__state").textContent = on ? "开" : "关";
    }
    var box = document.querySelector(".kb-practice-all");
    if (box) {
      box.hidden = !on;
      box.querySelector("input").checked = all;
    }
    document.querySelectorAll(".kb-answers").forEach(function (answers) {
      if (answers.dataset.answered === "false") return invite(answers, on);
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
    // Code cells (cell.js) start from the bare signature in practice mode;
    // kb-topic.js shows or hides the unanswered entries.
    document.dispatchEvent(new CustomEvent("kb:practice", { detail: on }));
  }

  function init() {
    var answers = document.querySelector(".md-content .kb-answers");
    if (!answers) {
      document.documentElement.removeAttribute("data-kb-practice");
      document.documentElement.removeAttribute("data-kb-unanswered");
      return;
    }
    var title = document.querySelector(".md-content h1");
    if (!document.querySelector(".kb-practice-toggle")) {
      var bar = document.createElement("div");
      bar.className = "kb-practice-bar";
      bar.innerHTML =
        '<button type="button" class="md-button kb-practice-toggle" aria-pressed="false"' +
        ' title="回答默认折叠，先想再看">练习模式：<span class="kb-practice-toggle__state">关</span></button>' +
        '<span class="kb-practice-bar__hint">开启后回答默认折叠，点「显示答案」再看。</span>' +
        '<label class="kb-practice-all" hidden><input type="checkbox"> 包括未回答的</label>';
      if (title) title.insertAdjacentElement("afterend", bar);
      else answers.parentNode.insertBefore(bar, answers);
      bar.firstChild.addEventListener("click", function () {
        var on = this.getAttribute("aria-pressed") !== "true";
        save(KEY, on);
        apply(on, load(ALL));
      });
      bar.querySelector(".kb-practice-all input").addEventListener("change", function () {
        save(ALL, this.checked);
        document.documentElement.toggleAttribute("data-kb-unanswered", this.checked);
        document.dispatchEvent(new CustomEvent("kb:practice", { detail: true }));  // answers stay as they are
      });
    }
    apply(load(KEY), load(ALL));
  }

  kb.onPage(init);
})();
