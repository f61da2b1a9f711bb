/*
 * LumpGuide article search, offline copy.
 *
 * The same matching and ranking as apps/conditions/search.py (read its docstring for the
 * rules); tests/js/search.test.js checks both give the same on tests/conditions/
 * search_vectors.json. Change one, change the other, and run scripts/make_search_vectors.py.
 *
 * Works as a classic browser script (window.LumpSearch, and it filters the causes page as you
 * type, so search also works offline) and under Node (require) for the tests:
 *   LumpSearch.tokenize(text)                -> folded, stemmed words
 *   LumpSearch.queryTerms(query, words)      -> [{word, synonyms}]
 *   LumpSearch.parseSearchText(text)         -> {title, keywords, summary, body}: token lists
 *   LumpSearch.scoreArticle(terms, index)    -> [terms matched, total score]
 *   LumpSearch.rank(query, indexes, words)   -> positions of the articles to show, best first
 * `words` is the page's "search-words" block: {stop_words, synonyms}, prepared by the server.
 * Without JavaScript the form asks the server instead. No dependencies, no build step.
 */
(function (root, factory, page) {
  "use strict";
  var engine = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = engine;
  } else {
    root.LumpSearch = engine;
    if (typeof document !== "undefined") page(engine);
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var FIELDS = ["title", "keywords", "summary", "body"];
  var WEIGHTS = { title: 4, keywords: 2, summary: 2, body: 1 };
  var EXACT = 2;
  var LOOSE = 1;
  var MAX_TERMS = 8;
  var MIN_PREFIX = 4;
  var MIN_TYPO = 5;
  var FIELD_SEPARATOR = "|";
  var ACCENTS = /[\u0300-\u036f]/g;
  var WORD = /[\p{L}\p{N}]+/gu; // letters and digits: [^\W_]+ in Python

  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  // Code points, as Python counts and indexes a string.
  function chars(text) {
    return Array.from(text);
  }

  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(ACCENTS, "");
  }

  function stem(token) {
    if (
      chars(token).length >= 4 &&
      token.endsWith("s") &&
      !token.endsWith("ss") &&
      !token.endsWith("us") &&
      !token.endsWith("is")
    ) {
      return token.slice(0, -1);
    }
    return token;
  }

  function tokenize(text) {
    var words = fold(text).match(WORD) || [];
    var tokens = [];
    words.forEach(function (word) {
      if (chars(word).length >= 2) tokens.push(stem(word));
    });
    return tokens;
  }

  function parseSearchText(text) {
    var parts = text.split(FIELD_SEPARATOR);
    var index = {};
    FIELDS.forEach(function (field, i) {
      index[field] = (parts[i] || "").split(/\s+/).filter(Boolean);
    });
    return index;
  }

  function queryTerms(query, words) {
    var stop = new Set(words.stop_words);
    var seen = new Set();
    var terms = [];
    var tokens = tokenize(query);
    for (var i = 0; i < tokens.length && terms.length < MAX_TERMS; i += 1) {
      var token = tokens[i];
      if (stop.has(token) || seen.has(token)) continue;
      seen.add(token);
      var synonyms = has(words.synonyms, token) ? words.synonyms[token] : [];
      terms.push({ word: token, synonyms: synonyms });
    }
    return terms;
  }

  function same(a, b) {
    return a.join("") === b.join("");
  }

  // One letter changed, added or dropped, or two next to each other swapped.
  function withinOneEdit(first, second) {
    var a = chars(first);
    var b = chars(second);
    if (a.length > b.length) {
      var swap = a;
      a = b;
      b = swap;
    }
    if (b.length - a.length > 1) return false;
    var i = 0;
    while (i < a.length && a[i] === b[i]) i += 1;
    if (a.length < b.length) return same(a.slice(i), b.slice(i + 1));
    if (i === a.length || same(a.slice(i + 1), b.slice(i + 1))) return true;
    return (
      i + 1 < a.length &&
      a[i] === b[i + 1] &&
      a[i + 1] === b[i] &&
      same(a.slice(i + 2), b.slice(i + 2))
    );
  }

  function wordQuality(word, tokens) {
    if (tokens.indexOf(word) !== -1) return EXACT;
    var length = chars(word).length;
    for (var i = 0; i < tokens.length; i += 1) {
      if (length >= MIN_PREFIX && tokens[i].startsWith(word)) return LOOSE;
      if (length >= MIN_TYPO && withinOneEdit(word, tokens[i])) return LOOSE;
    }
    return 0;
  }

  function termQuality(term, tokens) {
    var quality = wordQuality(term.word, tokens);
    if (quality < LOOSE) {
      for (var i = 0; i < term.synonyms.length; i += 1) {
        var alternative = term.synonyms[i];
        var all = alternative.every(function (token) {
          return tokens.indexOf(token) !== -1;
        });
        if (all) return LOOSE;
      }
    }
    return quality;
  }

  function scoreArticle(terms, index) {
    var matched = 0;
    var total = 0;
    terms.forEach(function (term) {
      var score = 0;
      FIELDS.forEach(function (field) {
        score += WEIGHTS[field] * termQuality(term, index[field]);
      });
      if (score) {
        matched += 1;
        total += score;
      }
    });
    return [matched, total];
  }

  function rank(query, indexes, words) {
    var terms = queryTerms(query, words);
    if (!terms.length) {
      return indexes.map(function (_, position) {
        return position;
      });
    }
    var hits = [];
    indexes.forEach(function (index, position) {
      var score = scoreArticle(terms, index);
      if (score[0]) hits.push({ matched: score[0], total: score[1], position: position });
    });
    hits.sort(function (a, b) {
      return b.matched - a.matched || b.total - a.total || a.position - b.position;
    });
    return hits.map(function (hit) {
      return hit.position;
    });
  }

  return {
    FIELDS: FIELDS,
    fold: fold,
    stem: stem,
    tokenize: tokenize,
    parseSearchText: parseSearchText,
    queryTerms: queryTerms,
    withinOneEdit: withinOneEdit,
    scoreArticle: scoreArticle,
    rank: rank,
  };
}, function page(engine) {
  /* The page: rank the causes listed on it as you type (and on submit when offline). */
  "use strict";
  var NO_WORDS = { stop_words: [], synonyms: {} };

  function searchWords() {
    var block = document.getElementById("search-words");
    try {
      return block ? JSON.parse(block.textContent) : NO_WORDS;
    } catch (error) {
      return NO_WORDS;
    }
  }

  function filter(input, words) {
    var results = document.querySelector("[data-search-results]");
    if (!results) return;
    var items = Array.prototype.slice.call(results.querySelectorAll("[data-search-text]"));
    // The order by title, whatever order an earlier search left them in.
    items.sort(function (a, b) {
      return Number(a.dataset.searchOrder) - Number(b.dataset.searchOrder);
    });
    var indexes = items.map(function (item) {
      return engine.parseSearchText(item.getAttribute("data-search-text"));
    });
    var shown = engine.rank(input.value, indexes, words);
    var isShown = new Set(shown);
    var ordered = shown.map(function (position) {
      return items[position];
    });
    items.forEach(function (item, position) {
      item.hidden = !isShown.has(position);
      if (item.hidden) ordered.push(item);
    });
    if (items.length) {
      var list = items[0].parentNode;
      ordered.forEach(function (item) {
        list.appendChild(item);
      });
    }
    var empty = results.querySelector("[data-search-empty]");
    if (empty) empty.hidden = shown.length !== 0;
    var status = results.querySelector("[data-search-status]");
    if (status) {
      var text = shown.length === 1 ? results.dataset.one : results.dataset.many;
      status.textContent = input.value.trim() ? text.replace("{count}", shown.length) : "";
    }
  }

  /* Loaded after the page (app.js): the document is ready. */
  (function setUpSearch() {
    var input = document.querySelector("[data-search-input]");
    if (!input) return;
    var words = searchWords();
    input.addEventListener("input", function () {
      filter(input, words);
    });
    /* Offline, the server cannot search: keep the form on the page and filter here. */
    input.form.addEventListener(
      "submit",
      function (event) {
        if (!navigator.onLine) {
          event.preventDefault();
          event.stopImmediatePropagation();
          filter(input, words);
        }
      },
      true
    );
    var fromUrl = new URLSearchParams(window.location.search).get("q");
    if (fromUrl && !input.value) input.value = fromUrl;
    if (input.value) filter(input, words);
  })();
});
