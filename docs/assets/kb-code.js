/* kb-code.js: the reader's own status of each runnable problem, kept in
 * the browser: "已通过" once every test case of a run passed, "尝试过" after
 * a run that did not. The code cells (generator/assets/cell.js) announce
 * each run's result with a "kb:cell-result" event, on any page with a cell;
 * the 编程题 pages show the status in every span.kb-code-status.
 */
(function () {
  "use strict";
  var KEY = "kb.code";  // snippet name -> "solved" | "tried"
  var LABELS = { solved: "已通过", tried: "尝试过" };

  function statuses() {
    var found = kb.read(KEY) || {}, kept = {};
    Object.keys(found).forEach(function (name) {
      if (LABELS.hasOwnProperty(found[name])) kept[name] = found[name];
    });
    return kept;
  }

  function show() {
    var known = statuses();
    document.querySelectorAll(".kb-code-status[data-problem]").forEach(function (span) {
      var status = known[span.getAttribute("data-problem")] || "";
      span.textContent = LABELS[status] || "未做";
      span.setAttribute("data-status", status || "none");
    });
  }

  document.addEventListener("kb:cell-result", function (event) {
    var d = event.detail || {};
    if (!d.snippet || !(d.total > 0)) return;
    var known = statuses();
    // Solved stays solved: a later experiment that fails does not undo it.
    known[d.snippet] = d.passed === d.total || known[d.snippet] === "solved" ? "solved" : "tried";
    kb.write(KEY, known);
    show();
  });

  kb.onPage(show);
})();
