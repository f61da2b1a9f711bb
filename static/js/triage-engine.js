/*
 * LumpGuide triage engine, offline copy.
 *
 * The same engine as apps/triage/engine/ in Python, over the same questionnaire spec
 * (Questionnaire.spec). It gives byte-for-byte the same results and error messages;
 * tests/js/triage_engine.test.js checks that against tests/triage/vectors.json.
 *
 * Works as a classic browser script (window.LumpTriage) and under Node (require).
 *   LumpTriage.nextStep(spec, answers)    -> {done: false, question, progress} or
 *                                            {done: true, assessment}; throws AnswerError
 *   LumpTriage.pruneAnswers(spec, answers) -> answers still on the walk
 *   LumpTriage.assess(spec, findings)      -> {done: true, assessment}
 * No dependencies, no build step, no eval.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory();
  } else {
    root.LumpTriage = factory();
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var MAX_CONDITIONS = 5;
  var MAX_REASONS = 4;
  var PROMOTED_SLOTS = 3;
  var GO_NOW_LEVELS = ["urgent", "soon"];

  function AnswerError(message) {
    var error = new Error(message);
    error.name = "AnswerError";
    Object.setPrototypeOf(error, AnswerError.prototype);
    return error;
  }
  AnswerError.prototype = Object.create(Error.prototype);
  AnswerError.prototype.constructor = AnswerError;
  AnswerError.prototype.name = "AnswerError";

  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  // Compare strings by Unicode code point, as Python's sorted() does.
  function compareCodePoints(a, b) {
    var ca = Array.from(a);
    var cb = Array.from(b);
    var n = Math.min(ca.length, cb.length);
    for (var i = 0; i < n; i++) {
      var x = ca[i].codePointAt(0);
      var y = cb[i].codePointAt(0);
      if (x !== y) return x < y ? -1 : 1;
    }
    return ca.length - cb.length;
  }

  function findOption(question, optionId) {
    for (var i = 0; i < question.options.length; i++) {
      if (question.options[i].id === optionId) return question.options[i];
    }
    return null;
  }

  function rankOf(spec, code) {
    return spec.urgency_order.indexOf(code);
  }

  function allIn(list, findings) {
    for (var i = 0; i < list.length; i++) {
      if (!findings.has(list[i])) return false;
    }
    return true;
  }

  function applies(question, findings) {
    if (!question.ask_if_any.length) return true;
    for (var i = 0; i < question.ask_if_any.length; i++) {
      if (findings.has(question.ask_if_any[i])) return true;
    }
    return false;
  }

  // ---- answers -----------------------------------------------------------------------

  function checkAnswer(spec, question, value) {
    var qid = question.id;
    var i;
    if (!Array.isArray(value)) {
      throw AnswerError('answer to question "' + qid + '" must be a list of option ids');
    }
    if (!value.length) {
      throw AnswerError('answer to question "' + qid + '" is empty: choose at least one option');
    }
    for (i = 0; i < value.length; i++) {
      if (typeof value[i] !== "string") {
        throw AnswerError('answer to question "' + qid + '" must contain only option id strings');
      }
    }
    for (i = 0; i < value.length; i++) {
      if (findOption(question, value[i]) === null) {
        throw AnswerError('unknown option "' + value[i] + '" for question "' + qid + '"');
      }
    }
    var seen = new Set();
    for (i = 0; i < value.length; i++) {
      if (seen.has(value[i])) {
        throw AnswerError('option "' + value[i] + '" is given twice for question "' + qid + '"');
      }
      seen.add(value[i]);
    }
    if (question.kind === "single" && value.length !== 1) {
      throw AnswerError(
        'question "' + qid + '" takes exactly one option, got ' + String(value.length)
      );
    }
    if (value.length > 1) {
      for (i = 0; i < value.length; i++) {
        if (findOption(question, value[i]).exclusive) {
          throw AnswerError(
            'option "' + value[i] + '" for question "' + qid +
              '" cannot be combined with other options'
          );
        }
      }
      checkContradictions(spec, question, value);
    }
    return value.slice();
  }

  // Two options that cannot both be true of one lump ("moves" and "does not move").
  function checkContradictions(spec, question, value) {
    spec.contradictions.forEach(function (pair) {
      var first = value.filter(function (id) {
        return findOption(question, id).findings.indexOf(pair[0]) >= 0;
      });
      var second = value.filter(function (id) {
        return findOption(question, id).findings.indexOf(pair[1]) >= 0;
      });
      if (first.length && second.length) {
        throw AnswerError(
          'options "' + first[0] + '" and "' + second[0] + '" for question "' + question.id +
            '" cannot both be true: choose one'
        );
      }
    });
  }

  function checkAnswers(spec, answers) {
    if (!isObject(answers)) {
      throw AnswerError("answers must be an object mapping question ids to lists of option ids");
    }
    var known = new Set(spec.questions.map(function (q) { return q.id; }));
    var keys = Object.keys(answers).sort(compareCodePoints);
    for (var i = 0; i < keys.length; i++) {
      if (!known.has(keys[i])) throw AnswerError('unknown question "' + keys[i] + '"');
    }
    var checked = new Map();
    spec.questions.forEach(function (question) {
      if (has(answers, question.id)) {
        checked.set(question.id, checkAnswer(spec, question, answers[question.id]));
      }
    });
    return checked;
  }

  // ---- urgency and conditions --------------------------------------------------------

  // The findings with those they imply ("more than 6 weeks" is also "more than 2 weeks").
  function withImplied(spec, findings) {
    var out = new Set(findings);
    spec.implies.forEach(function (pair) {
      if (out.has(pair[0])) pair[1].forEach(function (f) { out.add(f); });
    });
    return out;
  }

  function anyIn(list, findings) {
    return list.some(function (f) { return findings.has(f); });
  }

  function fires(rule, findings) {
    return allIn(rule.all_of, findings) && !anyIn(rule.unless_any, findings);
  }

  function urgencyOf(spec, findings) {
    findings = withImplied(spec, findings);
    var rank = 0;
    spec.red_flag_floors.forEach(function (pair) {
      if (findings.has(pair[0])) rank = Math.max(rank, rankOf(spec, pair[1]));
    });
    spec.urgency_rules.forEach(function (rule) {
      if (fires(rule, findings)) rank = Math.max(rank, rankOf(spec, rule.urgency));
    });
    return spec.urgency_order[rank];
  }

  function decidingRedFlags(spec, findings, urgency) {
    var deciding = new Set();
    spec.red_flag_floors.forEach(function (pair) {
      if (findings.has(pair[0]) && pair[1] === urgency) deciding.add(pair[0]);
    });
    spec.urgency_rules.forEach(function (rule) {
      if (rule.urgency === urgency && fires(rule, findings)) {
        rule.all_of.forEach(function (f) { deciding.add(f); });
      }
    });
    return spec.red_flag_floors
      .map(function (pair) { return pair[0]; })
      .filter(function (flag) { return deciding.has(flag); });
  }

  function scoreCondition(spec, condition, order, findings) {
    var contribution = new Map();
    var score = 0;
    function add(finding, weight) {
      contribution.set(finding, (contribution.get(finding) || 0) + weight);
    }
    condition.weights.forEach(function (pair) {
      if (findings.has(pair[0])) {
        score += pair[1];
        add(pair[0], pair[1]);
      }
    });
    condition.combos.forEach(function (combo) {
      if (allIn(combo.all_of, findings)) {
        score += combo.weight;
        combo.all_of.forEach(function (f) { add(f, combo.weight); });
      }
    });
    var promoted = condition.top_three_if.some(function (group) { return allIn(group, findings); });
    var counted = [];
    spec.reasons.forEach(function (reason, index) {
      var c = contribution.get(reason.finding) || 0;
      if (c > 0) counted.push({ c: c, index: index, text: reason.text });
    });
    counted.sort(function (a, b) { return b.c - a.c || a.index - b.index; });
    return {
      condition: condition,
      score: score,
      promoted: promoted,
      order: order,
      why: counted.slice(0, MAX_REASONS).map(function (r) { return r.text; })
    };
  }

  function byScore(a, b) {
    return b.score - a.score || a.order - b.order;
  }

  function isSerious(condition) {
    return condition.serious;
  }

  function supported(condition, findings) {
    return !condition.requires_one_of.length || condition.requires_one_of.some(function (group) {
      return allIn(group, findings);
    });
  }

  function rankConditions(spec, findings, urgency) {
    var ranked = spec.conditions
      .map(function (c, i) { return scoreCondition(spec, c, i, findings); })
      .filter(function (s) {
        return (s.score > 0 || s.promoted) && s.why.length > 0 && supported(s.condition, findings);
      })
      .sort(byScore);
    var promoted = ranked.filter(function (s) { return s.promoted; });
    var others = ranked.filter(function (s) { return !s.promoted; });
    var free = Math.max(0, PROMOTED_SLOTS - promoted.length);
    var head = promoted.concat(others.slice(0, free)).sort(byScore);
    var final = head.concat(others.slice(free)).slice(0, MAX_CONDITIONS);
    if (urgency === "self_care" && final.length && isSerious(final[0].condition)) {
      var plain = final.filter(function (s) { return !isSerious(s.condition); })[0];
      if (plain) {
        final.splice(final.indexOf(plain), 1);
        final.unshift(plain);
      }
    }
    return final;
  }

  // "Not sure" answers: the advice rises when an answer the person could not rule out would
  // have raised it: to spec.unsure_same_day_ceiling when that answer meant same-day care or
  // more, else to its level but no higher than spec.unsure_ceiling; with the question's note.
  function unsureFloor(spec, findings, unsure) {
    var base = rankOf(spec, urgencyOf(spec, findings));
    var ceiling = rankOf(spec, spec.unsure_ceiling);
    var sameDay = rankOf(spec, "urgent");
    var sameDayCeiling = rankOf(spec, spec.unsure_same_day_ceiling);
    var rank = base;
    var notes = [];
    spec.questions.forEach(function (question) {
      if (unsure.indexOf(question.id) < 0) return;
      var worst = base;
      var any = false;
      question.options.forEach(function (option) {
        if (!option.findings.length) return;
        var more = new Set(findings);
        option.findings.forEach(function (f) { more.add(f); });
        var r = rankOf(spec, urgencyOf(spec, more));
        worst = any ? Math.max(worst, r) : r;
        any = true;
      });
      var floor = worst >= sameDay ? sameDayCeiling : Math.min(worst, ceiling);
      if (floor > base) {
        rank = Math.max(rank, floor);
        notes.push(question.unsure_note);
      }
    });
    return { urgency: spec.urgency_order[rank], notes: notes };
  }

  function adviceShown(line, urgency, findings) {
    return (
      line.levels.indexOf(urgency) >= 0 &&
      (!line.if_any.length || anyIn(line.if_any, findings)) &&
      allIn(line.if_all, findings) &&
      !anyIn(line.unless_any, findings) &&
      !anyIn(line.watch_for, findings)
    );
  }

  function careShown(condition, urgency, findings) {
    if (condition.care_levels.indexOf(urgency) < 0) return [];
    if (anyIn(condition.care_unless_any, findings)) return [];
    return condition.care;
  }

  function assessSet(spec, findings, unsure) {
    findings = withImplied(spec, findings);
    var floor = unsureFloor(spec, findings, unsure || []);
    var urgency = floor.urgency;
    var level = spec.urgency_levels.filter(function (lv) { return lv.code === urgency; })[0];
    var conditions = rankConditions(spec, findings, urgency);
    var steps = level.next_steps.slice();
    spec.advice.forEach(function (line) {
      if (adviceShown(line, urgency, findings)) steps.push(line.text);
    });
    steps = steps.concat(floor.notes);
    if (GO_NOW_LEVELS.indexOf(urgency) >= 0) {
      conditions.slice(0, PROMOTED_SLOTS).forEach(function (s) {
        var goNow = anyIn(s.condition.go_now_watch_for, findings) ? "" : s.condition.go_now_if;
        if (goNow && steps.indexOf(goNow) < 0) steps.push(goNow);
      });
    }
    if (conditions.length) {
      steps = steps.concat(careShown(conditions[0].condition, urgency, findings));
    }
    return {
      done: true,
      assessment: {
        urgency: urgency,
        headline: level.headline,
        red_flags: decidingRedFlags(spec, findings, urgency),
        conditions: conditions.map(function (s) {
          return { slug: s.condition.slug, name: s.condition.name, why: s.why };
        }),
        next_steps: steps,
        follow_up_days: level.follow_up_days
      }
    };
  }

  function assess(spec, findings, unsure) {
    return assessSet(spec, new Set(findings), unsure || []);
  }

  // ---- the walk ----------------------------------------------------------------------

  function findingsOf(question, optionIds) {
    var out = [];
    optionIds.forEach(function (id) {
      findOption(question, id).findings.forEach(function (f) { out.push(f); });
    });
    return out;
  }

  // The walk ends once a floor or rule at the stop level has all its findings (with those
  // they imply): the spec's stop_triggers, as Questionnaire.reaches_stop reads them.
  function reachedStop(spec, findings) {
    var present = withImplied(spec, findings);
    return spec.stop_triggers.some(function (trigger) { return allIn(trigger, present); });
  }

  function declared(question) {
    var out = [];
    question.options.forEach(function (o) { out = out.concat(o.findings); });
    return out;
  }

  function remainingAtMost(spec, index, findings) {
    var count = 0;
    var possible = new Set(findings);
    spec.questions.slice(index).forEach(function (question) {
      if (applies(question, possible)) {
        count += 1;
        declared(question).forEach(function (f) { possible.add(f); });
      }
    });
    return count;
  }

  function publicQuestion(question) {
    return {
      id: question.id,
      text: question.text,
      help: question.help,
      kind: question.kind,
      options: question.options.map(function (o) {
        return { id: o.id, label: o.label, findings: o.findings.slice() };
      })
    };
  }

  function nextStep(spec, answers) {
    var checked = checkAnswers(spec, answers);
    var findings = new Set();
    var unsure = [];
    var stopped = false;
    for (var index = 0; index < spec.questions.length; index++) {
      var question = spec.questions[index];
      if (!checked.has(question.id)) {
        if (stopped || !applies(question, findings)) continue;
        var later = spec.questions.slice(index + 1).filter(function (q) {
          return checked.has(q.id);
        });
        if (later.length) {
          throw AnswerError(
            'question "' + later[0].id + '" was not asked: question "' + question.id +
              '" must be answered first'
          );
        }
        return {
          done: false,
          question: publicQuestion(question),
          progress: {
            answered: checked.size,
            remaining_at_most: remainingAtMost(spec, index, findings)
          }
        };
      }
      if (stopped) {
        throw AnswerError(
          'question "' + question.id + '" was not asked: the questionnaire had already ended'
        );
      }
      if (!applies(question, findings)) {
        throw AnswerError(
          'question "' + question.id +
            '" was not asked: it does not apply given the earlier answers'
        );
      }
      findingsOf(question, checked.get(question.id)).forEach(function (f) { findings.add(f); });
      var chosen = checked.get(question.id);
      if (chosen.some(function (id) { return findOption(question, id).unsure; })) {
        unsure.push(question.id);
      }
      stopped = reachedStop(spec, findings);
    }
    return assessSet(spec, findings, unsure);
  }

  function pruneAnswers(spec, answers) {
    var checked = checkAnswers(spec, answers);
    var kept = {};
    var findings = new Set();
    for (var i = 0; i < spec.questions.length; i++) {
      var question = spec.questions[i];
      if (!applies(question, findings)) continue;
      if (!checked.has(question.id)) break;
      kept[question.id] = checked.get(question.id).slice();
      findingsOf(question, checked.get(question.id)).forEach(function (f) { findings.add(f); });
      if (reachedStop(spec, findings)) break;
    }
    return kept;
  }

  // ---- the flow: resume, answer (or change) one question, where a screen stands -------

  function order(spec) {
    return spec.questions.map(function (q) { return q.id; });
  }

  function wellFormedPrefix(spec, answers) {
    var kept = {};
    if (!isObject(answers)) return kept;
    for (var i = 0; i < spec.questions.length; i++) {
      var question = spec.questions[i];
      if (!has(answers, question.id)) continue;
      try {
        checkAnswer(spec, question, answers[question.id]);
      } catch (e) {
        if (e instanceof AnswerError) break;
        throw e;
      }
      kept[question.id] = answers[question.id].slice();
    }
    return kept;
  }

  function resume(spec, answers) {
    return pruneAnswers(spec, wellFormedPrefix(spec, answers));
  }

  /* Every answer kept, with this one recorded; the walk is resume() of it. Answers a change
     took off the walk are kept, so one that applies again comes back (as flow.answer). */
  function answer(spec, answers, questionId, options) {
    var ids = order(spec);
    var cut = ids.indexOf(questionId);
    if (cut < 0) throw AnswerError('unknown question "' + questionId + '"');
    var walk = resume(spec, answers);
    var earlier = {};
    Object.keys(walk).forEach(function (id) {
      if (ids.indexOf(id) < cut) earlier[id] = walk[id];
    });
    earlier[questionId] = options;
    nextStep(spec, earlier); // throws AnswerError
    var all = {};
    if (isObject(answers)) Object.keys(answers).forEach(function (id) { all[id] = answers[id]; });
    all[questionId] = Array.isArray(options) ? options.slice() : options;
    return wellFormedPrefix(spec, all);
  }

  function screenProgress(spec, answers, questionId) {
    var ids = order(spec);
    var index = ids.indexOf(questionId);
    var before = {};
    var previous = null;
    ids.forEach(function (id, i) {
      if (i < index && has(answers, id)) {
        before[id] = answers[id];
        previous = id;
      }
    });
    var number = Object.keys(before).length + 1;
    var step = nextStep(spec, before);
    var most = step.done ? number : step.progress.answered + step.progress.remaining_at_most;
    return { number: number, most: Math.max(most, number), previous: previous };
  }

  return {
    AnswerError: AnswerError,
    nextStep: nextStep,
    pruneAnswers: pruneAnswers,
    assess: assess,
    resume: resume,
    answer: answer,
    screenProgress: screenProgress
  };
});
