/* kb-common.js: what the site's scripts share, loaded before them
 * (mkdocs.yml extra_javascript): a reader's settings kept in the browser, and
 * running a page's set-up on every page, also after instant navigation.
 */
(function () {
  "use strict";
  if (window.kb) return;

  /* A reader's on/off setting (through the theme's __md_get/__md_set when
   * there, which scope it to the site). Private mode: false, and not kept. */
  function load(key) {
    try {
      if (typeof __md_get === "function") return !!__md_get(key);
      return localStorage.getItem(key) === "true";
    } catch (e) { return false; }
  }

  function save(key, on) {
    try {
      if (typeof __md_set === "function") __md_set(key, on);
      else localStorage.setItem(key, String(on));
    } catch (e) { /* private mode: the setting still works on this page */ }
  }

  /* A value kept as JSON (marks, problem status): null when none is kept
   * or it cannot be read. */
  function read(key) {
    try {
      var found = typeof __md_get === "function" ? __md_get(key) : JSON.parse(localStorage.getItem(key));
      return found && typeof found === "object" ? found : null;
    } catch (e) { return null; }
  }

  function write(key, value) {
    try {
      if (typeof __md_set === "function") __md_set(key, value);
      else localStorage.setItem(key, JSON.stringify(value));
    } catch (e) { /* private mode: kept while the page is open */ }
  }

  /* Run `init` on this page and on every page instant navigation brings. */
  function onPage(init) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(init);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", init);
    } else {
      init();
    }
  }

  window.kb = { load: load, save: save, read: read, write: write, onPage: onPage };
})();
