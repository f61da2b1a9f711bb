// The offline screen words (static/js/triage-presenters.js) are exactly the server's
// (apps/triage/presenters.py), over tests/triage/vectors.json's presenter_cases.
// Run with: node --test tests/js/
"use strict";

const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { test } = require("node:test");

const Presenters = require("../../static/js/triage-presenters.js");

const vectors = JSON.parse(
  fs.readFileSync(path.join(__dirname, "..", "triage", "vectors.json"), "utf8")
);
const spec = vectors.spec;
const cases = vectors.presenter_cases;
const messages = cases.find((c) => c.kind === "messages").messages;
const question = (id) => spec.questions.find((q) => q.id === id);
const byKind = (kind) => cases.filter((c) => c.kind === kind);

test("the vectors cover every presenter", () => {
  assert.ok(byKind("rows").some((c) => c.rows.some((r) => r.ruled_out.length)));
  assert.ok(byKind("split").some((c) => c.rule_out.length));
  assert.equal(byKind("empty").length, spec.questions.length);
  const refusals = new Set(byKind("refusal").map((c) => c.message));
  assert.ok(refusals.size >= 3, "either-or, cannot both be true, and not shown");
});

test("answer rows", () => {
  for (const c of byKind("rows")) {
    const rows = Presenters.answerRows(spec, c.answers).map(({ question, answer, ruled_out }) => ({
      question,
      answer,
      ruled_out,
    }));
    assert.deepEqual(rows, c.rows, JSON.stringify(c.answers));
  }
});

test("likely causes and those to rule out", () => {
  for (const c of byKind("split")) {
    const split = Presenters.splitCauses(
      spec,
      c.conditions.map((slug) => ({ slug }))
    );
    assert.deepEqual(split.likely.map((x) => x.slug), c.likely, c.conditions.join(","));
    assert.deepEqual(split.rule_out.map((x) => x.slug), c.rule_out, c.conditions.join(","));
  }
});

test("an empty answer", () => {
  for (const c of byKind("empty")) {
    assert.equal(Presenters.emptyAnswerMessage(question(c.question), messages), c.message, c.question);
  }
});

test("a refused answer", () => {
  for (const c of byKind("refusal")) {
    const said = Presenters.refusal(spec, question(c.question), c.chosen, messages);
    assert.equal(said, c.message, `${c.question} ${c.chosen}`);
  }
});
