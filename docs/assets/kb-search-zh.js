/* kb-search-zh.js: lets mkdocs-material 9.8's Chinese query segmentation see
 * the last character of a query.
 *
 * The search worker cuts each run of Chinese in a query into words of the
 * index (segment() in material's search worker), but it only tries
 * substrings that end before the run's last character: "多代理" is searched
 * as "多", "旋转位置编码" as "旋转" + "位置" + "编", so the word the reader
 * typed never matches and unrelated pages rank first.
 *
 * Fix, from the outside: this script sees the index the page hands to the
 * worker (the SETUP message), collects its Chinese words (the build already
 * segmented the text with jieba and U+200B), and when a run of the query
 * ends with a known word it appends one Han character that is in no index
 * ("〇", U+3007). The worker then tries the whole run and drops the extra
 * character. A run that does not end with a known word is left alone, so
 * prefixes ("复读" for 复读机) still match as before.
 *
 * It wraps Worker.prototype.postMessage, so it must run before the theme's
 * bundle creates the search worker: overrides/main.html loads it in <head>
 * (at the end of the body it raced the index and sometimes lost). It changes
 * only material's search messages ({type: 0 SETUP | 2 QUERY, data}). Remove it when the theme
 * handles the last character itself: the Chinese search tests in
 * tests/browser/test_site.py will show whether it is still needed.
 */
(function () {
  "use strict";
  if (!window.Worker || Worker.prototype.kbSearchZh) return;
  var SETUP = 0, QUERY = 2; // SearchMessageType in material's search worker
  var SENTINEL = "\u3007";
  var HAN = /\p{Script=Han}+/gu;
  var words = null; // Set of the index's Chinese words
  var longest = 1;

  function learn(index) {
    words = new Set();
    var docs = (index && index.docs) || [];
    for (var d = 0; d < docs.length; d++) {
      var text = (docs[d].title || "") + "\u200b" + (docs[d].text || "");
      var runs = text.replace(/<[^>]*>/g, "\u200b").match(HAN) || [];
      HAN.lastIndex = 0;
      for (var r = 0; r < runs.length; r++) {
        words.add(runs[r]);
        if (runs[r].length > longest) longest = runs[r].length;
      }
    }
  }

  function endsWithWord(run) {
    if (!words) return false;
    var starts = false;
    for (var j = Math.min(run.length, longest); j > 0; j--)
      if (words.has(run.slice(0, j))) { starts = true; break; }
    if (!starts) return false; // the worker searches the whole run then
    for (var i = Math.max(0, run.length - longest); i < run.length; i++)
      if (words.has(run.slice(i))) return true;
    return false;
  }

  var post = Worker.prototype.postMessage;
  Worker.prototype.kbSearchZh = true;
  Worker.prototype.postMessage = function (message) {
    if (message && typeof message === "object" && Object.keys(message).length === 2) {
      if (message.type === SETUP && message.data && message.data.docs) {
        try { learn(message.data); } catch (e) { words = null; }
      } else if (message.type === QUERY && typeof message.data === "string") {
        var query = message.data.replace(HAN, function (run) {
          return endsWithWord(run) ? run + SENTINEL : run;
        });
        HAN.lastIndex = 0;
        if (query !== message.data) {
          var args = Array.prototype.slice.call(arguments);
          args[0] = { type: QUERY, data: query };
          return post.apply(this, args);
        }
      }
    }
    return post.apply(this, arguments);
  };
})();
