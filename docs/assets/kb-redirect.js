// Stable links: an old link to a question (topics/old/#q-1234abcd) that no
// longer has that anchor on its page, because the question moved to another
// topic or was merged into another question, goes to where it is now.
// The map id -> URL is ids.json at the site root (written by the build).
(function () {
  "use strict";
  var script = document.currentScript;
  // This file (or the build's bundle of the site's scripts) is in <root>/assets/.
  var root = script ? new URL("../", script.src).href : "/";
  var idPattern = /^q-[0-9a-f]{8}$/;

  function follow() {
    var id;
    try {
      id = decodeURIComponent(window.location.hash.slice(1));
    } catch (e) {
      return; // a malformed escape ("#%E4") is no id of ours
    }
    if (!idPattern.test(id) || document.getElementById(id)) return;
    fetch(root + "ids.json", { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : {}; })
      .then(function (ids) {
        var url = Object.prototype.hasOwnProperty.call(ids, id) ? ids[id] : null;
        if (typeof url !== "string" || /^[a-z]+:|^\/\//i.test(url)) return; // site-relative only
        var target = new URL(url, root);
        if (target.origin !== window.location.origin) return;
        if (target.pathname === window.location.pathname && target.hash === window.location.hash) return;
        window.location.replace(target.href);
      })
      .catch(function () { /* offline or no ids.json: stay on the page */ });
  }

  // Stale links arrive from outside (bookmarks, other sites): on the first
  // load, or as a typed hash. Not on instant navigation: the site's own links
  // are never stale, and navigation.tracking may carry the previous page's
  // anchor into the new URL for a moment, which must not send the reader back.
  follow();
  window.addEventListener("hashchange", follow);
})();
