// The offline JavaScript search gives exactly the server's (Python's) results.
// Run with: node --test tests/js/
"use strict";

const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { test } = require("node:test");

const LumpSearch = require("../../static/js/search.js");

const vectors = JSON.parse(
  fs.readFileSync(path.join(__dirname, "..", "conditions", "search_vectors.json"), "utf8")
);
const words = vectors.words;
const indexes = vectors.articles.map((article) => LumpSearch.parseSearchText(article.search_text));

function same(actual, expected, label) {
  assert.equal(JSON.stringify(actual), JSON.stringify(expected), label);
}

test("the vectors cover every kind of case", () => {
  assert.equal(vectors.articles.length, 22);
  assert.ok(vectors.cases.length >= 400);
  assert.ok(vectors.cases.some((c) => c.ranked.length === 0));
  assert.ok(vectors.cases.some((c) => c.ranked.length === vectors.articles.length));
  assert.ok(vectors.cases.some((c) => c.terms.length === 8));
  assert.ok(vectors.cases.some((c) => c.terms.some(([, synonyms]) => synonyms.length)));
  assert.ok(vectors.edit_cases.some((c) => c.result) && vectors.edit_cases.some((c) => !c.result));
});

test("tokenize gives each text's words", () => {
  vectors.tokenize_cases.forEach((c, i) => {
    same(LumpSearch.tokenize(c.text), c.tokens, `tokenize case ${i}: ${c.text.slice(0, 40)}`);
  });
});

test("the page's search text reads back as each field's words", () => {
  vectors.articles.forEach((article) => {
    const index = LumpSearch.parseSearchText(article.search_text);
    LumpSearch.FIELDS.forEach((field) => {
      const tokens = new Set(LumpSearch.tokenize(article.fields[field]));
      index[field].forEach((token) => assert.ok(tokens.has(token), `${article.slug} ${token}`));
      tokens.forEach((token) => {
        const kept = index[field].includes(token) || words.stop_words.includes(token);
        assert.ok(kept, `${article.slug} ${field} lost ${token}`);
      });
    });
  });
});

test("withinOneEdit gives each pair's result", () => {
  vectors.edit_cases.forEach((c) => {
    assert.equal(LumpSearch.withinOneEdit(c.a, c.b), c.result, `${c.a} ${c.b}`);
  });
});

test("queryTerms gives each query's terms", () => {
  vectors.cases.forEach((c, i) => {
    const terms = LumpSearch.queryTerms(c.query, words).map((t) => [t.word, t.synonyms]);
    same(terms, c.terms, `case ${i}: ${JSON.stringify(c.query)}`);
  });
});

test("rank gives each query's articles, in order, with the same scores", () => {
  vectors.cases.forEach((c, i) => {
    const ranked = LumpSearch.rank(c.query, indexes, words);
    const label = `case ${i}: ${JSON.stringify(c.query)}`;
    same(
      ranked.map((position) => vectors.articles[position].slug),
      c.ranked,
      label
    );
    const terms = LumpSearch.queryTerms(c.query, words);
    same(
      ranked.map((position) => LumpSearch.scoreArticle(terms, indexes[position])),
      c.scores,
      label
    );
  });
});

test("the issue's queries find what they should", () => {
  const slugs = (query) =>
    LumpSearch.rank(query, indexes, words).map((p) => vectors.articles[p].slug);
  assert.equal(slugs("bump near tailbone")[0], "pilonidal-sinus");
  assert.equal(slugs("lipomma")[0], "lipoma");
  assert.equal(slugs("cyst").length, 5);
  assert.equal(slugs("lump near the").length, vectors.articles.length);
});

test("the search does not change the words or the indexes it is given", () => {
  const before = JSON.stringify([words, indexes]);
  vectors.cases.slice(0, 50).forEach((c) => LumpSearch.rank(c.query, indexes, words));
  assert.equal(JSON.stringify([words, indexes]), before);
});

test("the script names no URL path and uses no eval", () => {
  const source = fs.readFileSync(
    path.join(__dirname, "..", "..", "static", "js", "search.js"),
    "utf8"
  );
  assert.doesNotMatch(source, /\beval\s*\(|new\s+Function\b/);
  assert.doesNotMatch(source, /["'`]\/[a-z]/i);
});
