// The offline JavaScript triage engine gives exactly the Python engine's results.
// Run with: node --test tests/js/
"use strict";

const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { test } = require("node:test");

const LumpTriage = require("../../static/js/triage-engine.js");

const vectors = JSON.parse(
  fs.readFileSync(path.join(__dirname, "..", "triage", "vectors.json"), "utf8")
);
const spec = vectors.spec;

function outcome(fn) {
  try {
    return fn();
  } catch (error) {
    assert.equal(error.name, "AnswerError", String(error && error.stack));
    return { error: error.message };
  }
}

function same(actual, expected, label) {
  // Byte-for-byte: same keys in the same order, same strings.
  assert.equal(JSON.stringify(actual), JSON.stringify(expected), label);
}

test("the vectors cover every kind of case", () => {
  assert.ok(vectors.cases.length >= 300);
  assert.ok(vectors.cases.some((c) => c.result.error));
  assert.ok(vectors.cases.some((c) => c.result.done === true));
  assert.ok(vectors.cases.some((c) => c.result.done === false));
  assert.ok(vectors.prune_cases.length > 0 && vectors.assess_cases.length > 0);
});

test("nextStep gives each case's result", () => {
  vectors.cases.forEach((c, i) => {
    same(outcome(() => LumpTriage.nextStep(spec, c.answers)), c.result, `case ${i}`);
  });
});

test("pruneAnswers gives each case's result", () => {
  vectors.prune_cases.forEach((c, i) => {
    same(outcome(() => LumpTriage.pruneAnswers(spec, c.answers)), c.result, `prune case ${i}`);
  });
});

test("assess gives each case's result", () => {
  vectors.assess_cases.forEach((c, i) => {
    same(LumpTriage.assess(spec, c.findings, c.unsure || []), c.result, `assess case ${i}`);
  });
});

test("bad answers throw an AnswerError that is also an Error", () => {
  assert.throws(
    () => LumpTriage.nextStep(spec, { emergency_signs: ["nope"] }),
    (error) =>
      error instanceof Error &&
      error instanceof LumpTriage.AnswerError &&
      error.message === 'unknown option "nope" for question "emergency_signs"'
  );
});

test("the engine does not change the answers or the spec it is given", () => {
  const answers = { emergency_signs: ["none"], urgent_signs: ["fever"] };
  const before = JSON.stringify([spec, answers]);
  LumpTriage.nextStep(spec, answers);
  LumpTriage.pruneAnswers(spec, answers);
  assert.equal(JSON.stringify([spec, answers]), before);
});

test("the script uses no eval and no Function constructor", () => {
  const source = fs.readFileSync(
    path.join(__dirname, "..", "..", "static", "js", "triage-engine.js"),
    "utf8"
  );
  assert.doesNotMatch(source, /\beval\s*\(|new\s+Function\b/);
});

test("it also works as a classic browser script (window.LumpTriage)", () => {
  const vm = require("node:vm");
  const source = fs.readFileSync(
    path.join(__dirname, "..", "..", "static", "js", "triage-engine.js"),
    "utf8"
  );
  const window = {};
  window.self = window;
  vm.runInNewContext(source, window);
  assert.equal(typeof window.LumpTriage.nextStep, "function");
  same(
    JSON.parse(JSON.stringify(window.LumpTriage.nextStep(spec, {}))),
    vectors.cases[0].result,
    "first question"
  );
});

test("the flow: changing an answer, resuming and each screen's progress", () => {
  assert.ok(vectors.flow_cases.length > 0 && vectors.progress_cases.length > 0);
  vectors.flow_cases.forEach((c, i) => {
    let got;
    try {
      got = LumpTriage.answer(spec, c.answers, c.question_id, c.options);
    } catch (error) {
      assert.ok(error instanceof LumpTriage.AnswerError, `flow case ${i}: ${error}`);
      got = { error: error.message };
    }
    same(got, c.result, `flow case ${i}`);
  });
  vectors.progress_cases.forEach((c, i) => {
    same(LumpTriage.screenProgress(spec, c.answers, c.question_id), c.result, `progress case ${i}`);
  });
  vectors.resume_cases.forEach((c, i) => {
    same(LumpTriage.resume(spec, c.answers), c.result, `resume case ${i}`);
  });
});
