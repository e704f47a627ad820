/* kb-search-worker.js: the site's search, behind mkdocs-material's search UI.
 *
 * It answers the theme's worker messages ({type: 0 SETUP | 1 READY | 2 QUERY |
 * 3 RESULT, data}, see kb-search.js) from the index the build wrote
 * (generator/site/search.py): SETUP brings search_index.json's config, whose
 * `kb` says how many documents and shards there are; a query fetches only the
 * shards of its tokens and the document files of its best results.
 *
 * tokens() and fnv1a() mirror generator/site/search.py: change both together
 * (tests/node/test_search_worker.mjs compares them on the same texts).
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var SHOWN = 30; // results returned
var HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
var RUN = new RegExp("[a-z0-9]+|[" + HAN + "]+", "g");
var PIECE = new RegExp("[A-Za-z0-9]+|[" + HAN + "]+", "g");

var base = new URL("../search/kb/", self.location.href);
var manifest = null;
var common = new Set();
var latest = 0; // the newest query: an older one's result, if later, is not shown
var shards = new Map(); // shard number -> Promise of {token: postings}
var docFiles = new Map(); // file number -> Promise of [[location, title, snippet, parent]]

function tokens(text) {
  var out = [];
  var runs = text.normalize("NFKC").toLowerCase().match(RUN) || [];
  for (var i = 0; i < runs.length; i++) {
    var run = runs[i];
    if (run.charCodeAt(0) < 128 || run.length === 1) out.push(run);
    else for (var j = 0; j + 1 < run.length; j++) out.push(run.slice(j, j + 2));
  }
  return out;
}

function shardKey(token) {
  return token.charCodeAt(0) < 128 ? token.slice(0, 2) : token;
}

function fnv1a(text) {
  var h = 0x811c9dc5;
  for (var i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function fetchJSON(name) {
  return fetch(new URL(name, base).href).then(function (r) {
    if (!r.ok) throw new Error(name + ": " + r.status);
    return r.json();
  });
}

function shard(token) {
  var n = fnv1a(shardKey(token)) % manifest.shards;
  if (!shards.has(n)) shards.set(n, fetchJSON("terms-" + n + ".json"));
  return shards.get(n);
}

function doc(number) {
  var file = Math.floor(number / manifest.docs_per_file);
  if (!docFiles.has(file)) docFiles.set(file, fetchJSON("docs-" + file + ".json"));
  return docFiles.get(file).then(function (docs) { return docs[number % manifest.docs_per_file]; });
}

/* Documents of one token: doc number -> weight. A latin token is also a
 * prefix ("lor" while "lora" is being typed): every token it starts. */
function postings(token) {
  return shard(token).then(function (terms) {
    var found = new Map();
    var keys = token.charCodeAt(0) < 128
      ? Object.keys(terms).filter(function (t) { return t.indexOf(token) === 0; })
      : (token in terms ? [token] : []);
    for (var k = 0; k < keys.length; k++) {
      var flat = terms[keys[k]], number = 0;
      var exact = keys[k] === token ? 1 : 0.5;
      for (var i = 0; i < flat.length; i += 2) {
        number += flat[i];
        found.set(number, Math.max(found.get(number) || 0, flat[i + 1] * exact));
      }
    }
    return found;
  });
}

function escapeHTML(text) {
  return text.replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
  });
}

function compact(text) {
  return (text.normalize("NFKC").toLowerCase().match(RUN) || []).join("");
}

/* The title and snippet as HTML, the query's pieces marked. */
function mark(text, pieces) {
  var html = escapeHTML(text), lower = html.toLowerCase();
  var spans = [];
  pieces.forEach(function (piece) {
    var p = escapeHTML(piece.toLowerCase());
    for (var at = lower.indexOf(p); p && at >= 0; at = lower.indexOf(p, at + p.length)) spans.push([at, at + p.length]);
  });
  spans.sort(function (a, b) { return a[0] - b[0]; });
  var out = "", pos = 0;
  spans.forEach(function (s) {
    if (s[0] < pos) return;
    out += html.slice(pos, s[0]) + "<mark>" + html.slice(s[0], s[1]) + "</mark>";
    pos = s[1];
  });
  return out + html.slice(pos);
}

function search(query) {
  var pieces = (query.normalize("NFKC").match(PIECE) || []).map(function (p) { return p.toLowerCase(); });
  var wanted = [];
  pieces.forEach(function (piece) {
    tokens(piece).forEach(function (t) { if (!common.has(t) && wanted.indexOf(t) < 0) wanted.push(t); });
  });
  if (!wanted.length) return Promise.resolve({ items: [] });
  return Promise.all(wanted.map(postings)).then(function (lists) {
    var scores = new Map(), matched = new Map();
    lists.forEach(function (found) {
      var idf = Math.log(1 + manifest.docs / (1 + found.size));
      found.forEach(function (weight, number) {
        scores.set(number, (scores.get(number) || 0) + weight * idf);
        matched.set(number, (matched.get(number) || 0) + 1);
      });
    });
    // A document's score: its tokens' weights times their rarity, times the
    // square of the share of the query's tokens it has (as the theme does).
    var total = wanted.length;
    scores.forEach(function (score, number) {
      var share = matched.get(number) / total;
      scores.set(number, score * share * share);
    });
    // Documents with every token of the query, when there are any; the
    // others only when none has them all (AND, then OR): a reader who typed
    // two words does not want results that only have one.
    var candidates = Array.from(scores.keys());
    var complete = candidates.filter(function (n) { return matched.get(n) === total; });
    if (complete.length) candidates = complete;
    var ranked = candidates.sort(function (a, b) {
      return (scores.get(b) - scores.get(a)) || (a - b);
    }).slice(0, SHOWN * 2);
    return Promise.all(ranked.map(doc)).then(function (docs) {
      var whole = compact(query);
      var hits = docs.map(function (d, i) {
        var n = ranked[i];
        // An entry whose title holds the whole query counts double.
        var title = compact(d[1]).indexOf(whole) >= 0 ? 2 : 1;
        return { number: n, doc: d, score: scores.get(n) * title, all: matched.get(n) === total };
      }).sort(function (a, b) {
        return (b.score - a.score) || (a.number - b.number);
      }).slice(0, SHOWN);
      return group(hits, pieces);
    });
  });
}

/* The theme's result shape is groups of [page, ...its sections]: each
 * result is a group of its own, so that a question is shown as the result
 * (not under its topic page's title). The theme shows no text under a
 * group's head that is a section (a location with #), so the topic and the
 * snippet go into the title, as a line of their own (.kb-search-hint). */
function group(hits, pieces) {
  var parents = hits.map(function (h) { return h.doc[3] >= 0 ? doc(h.doc[3]) : Promise.resolve(null); });
  return Promise.all(parents).then(function (pages) {
    return {
      items: hits.map(function (h, i) {
        var d = h.doc, page = pages[i];
        var text = compact(d[1] + d[2]), terms = {};
        pieces.forEach(function (p) { terms[p] = h.all || text.indexOf(compact(p)) >= 0; });
        var where = page ? escapeHTML(page[1]) + " · " : "";
        var hint = '<span class="kb-search-hint">' + where + mark(d[2], pieces) + "</span>";
        return [{ location: d[0], title: mark(d[1], pieces) + hint, text: "", score: h.score, terms: terms }];
      })
    };
  });
}

addEventListener("message", function (ev) {
  var message = ev.data || {};
  if (message.type === SETUP) {
    manifest = (message.data && message.data.config && message.data.config.kb) || { docs: 0, shards: 1, docs_per_file: 1000, common: [] };
    common = new Set(manifest.common || []);
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    var query = String(message.data || ""), mine = ++latest;
    (manifest ? search(query) : Promise.resolve({ items: [] }))
      .catch(function (err) { console.warn("search: " + err); return { items: [] }; })
      .then(function (data) { if (mine === latest) postMessage({ type: RESULT, data: data }); });
  }
});
