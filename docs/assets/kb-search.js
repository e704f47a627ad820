/* kb-search.js: mkdocs-material's search UI, our search worker.
 *
 * The theme starts its search worker with `new Worker(url)`, url the
 * "search" entry of the page's __config (assets/javascripts/workers/
 * search.<hash>.min.js). This script, loaded in <head> before the theme's
 * bundle (overrides/main.html), hands that URL over to kb-search-worker.js,
 * which answers the same messages from the build's own index
 * (generator/site/search.py). Every other worker (the code cells') is left
 * alone. tests/browser/test_search_browser.py checks that the theme still starts its
 * worker this way: if a theme update changes it, that test fails.
 */
(function () {
  "use strict";
  var Native = window.Worker;
  if (!Native || Native.kbSearch) return;
  var here = document.currentScript && document.currentScript.src;
  var ours = new URL("kb-search-worker.js", here || location.href).href;
  var THEME_SEARCH = /\/assets\/javascripts\/workers\/search\.[\w.-]*\.js(?:[?#].*)?$/;

  function KbWorker(url, options) {
    var target = THEME_SEARCH.test(new URL(String(url), location.href).pathname) ? ours : url;
    return new Native(target, options);
  }
  KbWorker.prototype = Native.prototype;
  KbWorker.kbSearch = true;
  window.Worker = KbWorker;
})();
