// @ts-check
// Chinese queries for Material's search box.
//
// Material's search worker cuts a run of Chinese characters into pieces that
// are words of its index, but never looks up the run's last character: 故障分级
// is searched as 故障 alone, 开发者OP as 开发OP, and 升职要具备哪些能力 finds
// nothing. Loaded in <head>, before Material creates its worker, this wraps the
// worker's postMessage: the index on its way in gives the vocabulary, and each
// query on its way in is cut into index words here. Every word is sent as its
// own run with one placeholder character after it, so the worker's cut keeps
// exactly that word (and searches it as a prefix, as before). The text in the
// search box, the results and their highlighting are Material's own.
(function () {
  "use strict";
  var Base = window.Worker;
  if (typeof Base !== "function") return;

  var SETUP = 0;  // Material's SearchMessageType
  var QUERY = 2;
  var PLACEHOLDER = "\u3007";  // a Han character that is never looked up
  var LONGEST = 12;  // longest word looked up in the vocabulary
  var HAN_RUN = /(\p{sc=Han}+)/u;
  var HAN_WORD = /^\p{sc=Han}+$/u;
  var OPERATOR_EDGES = /^[*+\-:^~]+|[*+\-:^~]+$/g;
  var TAG = /<[^>]*>/g;

  /** @type {Record<string, unknown>[] | null} */
  var docs = null;
  var separator = /[\s\u200b]+/;
  /** @type {Set<string>} */
  var stopwords = new Set();
  /** @type {Set<string> | null} */
  var vocabulary = null;

  /** @param {any} data */
  function learn(data) {
    var config = (data && data.config) || {};
    docs = Array.isArray(data && data.docs) ? data.docs : [];
    try {
      separator = new RegExp(config.separator || "[\\s\\u200b]+");
    } catch (error) {
      separator = /[\s\u200b]+/;
    }
    stopwords = new Set(config.query_stopwords || []);
    vocabulary = null;
  }

  // The Chinese words of the index, read the way Material's tokenizer reads them.
  function words() {
    if (vocabulary) return vocabulary;
    vocabulary = new Set();
    var fields = ["title", "text", "keywords"];
    var indexed = docs || [];
    for (var d = 0; d < indexed.length; d++) {
      for (var f = 0; f < fields.length; f++) {
        var value = indexed[d][fields[f]];
        if (typeof value !== "string") continue;
        var tokens = value.replace(TAG, " ").split(separator);
        for (var t = 0; t < tokens.length; t++) {
          if (tokens[t].length > 1 && HAN_WORD.test(tokens[t])) vocabulary.add(tokens[t]);
        }
      }
    }
    return vocabulary;
  }

  // The fewest index words that cover most of `run`; characters that belong
  // to no index word are left out.
  /** @param {string} run @param {Set<string>} known @returns {string[]} */
  function cut(run, known) {
    var n = run.length;
    var best = new Array(n + 1);
    best[n] = { covered: 0, words: [] };
    for (var i = n - 1; i >= 0; i--) {
      var choice = { covered: best[i + 1].covered, words: best[i + 1].words };
      for (var j = Math.min(n, i + LONGEST); j >= i + 2; j--) {
        var word = run.slice(i, j);
        if (!known.has(word)) continue;
        var rest = best[j];
        var covered = rest.covered + (j - i);
        if (covered > choice.covered || (covered === choice.covered && rest.words.length + 1 < choice.words.length)) {
          choice = { covered: covered, words: [word].concat(rest.words) };
        }
      }
      best[i] = choice;
    }
    return best[0].words;
  }

  /** @param {unknown} query */
  function rewrite(query) {
    if (typeof query !== "string" || docs === null) return query;
    // Quoted phrases and +/- operators are Lunr syntax: leave them to Material.
    if (/["“”]|(^|\s)[+-]\S/.test(query)) return query;
    var known = words();
    var terms = [];
    var parts = query.split(HAN_RUN);
    for (var p = 0; p < parts.length; p++) {
      var part = parts[p];
      if (!part) continue;
      if (p % 2 === 0) {
        var pieces = part.split(separator);
        for (var k = 0; k < pieces.length; k++) {
          var piece = pieces[k].replace(OPERATOR_EDGES, "");
          if (piece) terms.push(piece);
        }
        continue;
      }
      var found = cut(part, known).filter(function (word) { return !stopwords.has(word); });
      if (found.length === 0) {
        terms.push(part);  // unknown words and single characters: Material's prefix search
        continue;
      }
      for (var w = 0; w < found.length; w++) terms.push(found[w] + PLACEHOLDER);
    }
    return terms.length ? terms.join(" ") : query;
  }

  /** @param {string | URL} url @param {WorkerOptions} [options] */
  function SearchWorker(url, options) {
    var worker = new Base(url, options);
    var post = /** @type {Function} */ (worker.postMessage);
    worker.postMessage = function (/** @type {any} */ message) {
      if (message && message.type === SETUP) learn(message.data);
      else if (message && message.type === QUERY) {
        var rest = Array.prototype.slice.call(arguments, 1);
        return post.apply(worker, [{ type: QUERY, data: rewrite(message.data) }].concat(rest));
      }
      return post.apply(worker, arguments);
    };
    return worker;
  }
  SearchWorker.prototype = Base.prototype;
  window.Worker = /** @type {typeof Worker} */ (/** @type {unknown} */ (SearchWorker));
})();
