/* kb-site.js: links inside the build-time SVG pictures (topic map, charts).
 *
 * Their links are <a xlink:href> (see generator/site/visuals.py: mkdocs-material's
 * instant navigation breaks on SVG <a href>). Without JavaScript they are
 * ordinary links. With it, a click (or Enter) on one is stopped before the
 * theme sees it and replayed on a plain HTML link, so that instant
 * navigation loads the page like any other link.
 *
 * On a touch screen nothing hovers: the first tap on a question's dot in the
 * topic map names the question (its tooltip), the second opens it.
 */
(function () {
  "use strict";
  if (window.kbSvgLinks) return;
  window.kbSvgLinks = true;
  var XLINK = "http://www.w3.org/1999/xlink";
  var SHOWN = "kb-map__entry--shown";
  var touch = false; // the pointer of the click being handled is a finger

  document.addEventListener("pointerdown", function (ev) { touch = ev.pointerType === "touch"; }, true);

  document.addEventListener("click", function (ev) {
    var target = ev.target;
    if (!(target instanceof Element)) return;
    var link = target.closest("svg a");
    if (!link) return;
    var href = link.getAttributeNS(XLINK, "href") || link.getAttribute("href");
    ev.stopPropagation(); // the theme's handler throws on SVG links
    if (touch && link.classList.contains("kb-map__entry") && !link.classList.contains(SHOWN)) {
      ev.preventDefault(); // first tap: name the question
      var shown = document.querySelectorAll("." + SHOWN);
      for (var i = 0; i < shown.length; i++) shown[i].classList.remove(SHOWN);
      link.classList.add(SHOWN);
      return;
    }
    if (!href || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button !== 0) return; // new tab etc.: the browser's default
    ev.preventDefault();
    var a = document.createElement("a");
    a.href = new URL(href, location.href).href;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }, true);
})();
