/*
 * LumpGuide's screen words from the answers, offline copy: the twins of
 * apps/triage/presenters.py (answer_rows, split_causes, empty_answer_message,
 * answer_error_message) that the offline flow in triage.js uses. tests/js/presenters.test.js
 * holds them equal to Python's over tests/triage/presenter_vectors.json
 * (scripts/make_triage_vectors.py writes it), in `make test-fast`, no browser needed.
 *
 * Works as a classic browser script (window.LumpTriagePresenters) and under Node (require).
 * `spec` is the questionnaire spec (Questionnaire.spec); `messages` the offline screens'
 * words (apps/pwa/offline_screens.py), with {option}, {first} and {second} to fill in.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory();
  } else {
    root.LumpTriagePresenters = factory();
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  function optionOf(question, id) {
    return question.options.filter(function (o) {
      return o.id === id;
    })[0];
  }

  /* A "None of these" (or "the skin looks normal"): exclusive, no findings, not "Not sure". */
  function saysNoneOfThese(option) {
    return !option.findings.length && option.exclusive && !option.unsure;
  }

  /* Each answered question, in the questionnaire's order: the labels chosen, and for a "None
     of these" what "these" were ("Not sure" rules nothing out). */
  function answerRows(spec, answers) {
    return spec.questions
      .filter(function (q) {
        return answers[q.id];
      })
      .map(function (question) {
        var chosen = question.options.filter(function (o) {
          return answers[question.id].indexOf(o.id) !== -1;
        });
        var none = chosen.length === 1 && saysNoneOfThese(chosen[0]);
        return {
          id: question.id,
          question: question.text,
          answer: chosen.map(function (o) { return o.label; }),
          ruled_out: none
            ? question.options.filter(function (o) { return o.findings.length; }).map(function (o) { return o.label; })
            : [],
        };
      });
  }

  /* The causes to list as likely, and the serious ones that are not first, apart (H16). */
  function splitCauses(spec, conditions) {
    var serious = spec.conditions
      .filter(function (c) { return c.serious; })
      .map(function (c) { return c.slug; });
    return {
      likely: conditions.filter(function (c, i) { return i === 0 || serious.indexOf(c.slug) === -1; }),
      rule_out: conditions.filter(function (c, i) { return i > 0 && serious.indexOf(c.slug) !== -1; }),
    };
  }

  /* Nothing chosen: the screen's own "None of these" named, where it has one. */
  function emptyAnswerMessage(question, messages) {
    if (question.kind === "single") return messages.choose_one;
    var none = question.options.filter(function (o) {
      return o.exclusive && !o.findings.length && !o.unsure;
    })[0];
    return none ? messages.choose_some_or.replace("{option}", none.label) : messages.choose_some;
  }

  /* The engine refused the options chosen: plain words, not the engine's. */
  function refusal(spec, question, options, messages) {
    var chosen = options.map(function (id) {
      return optionOf(question, id);
    });
    var wellFormed = chosen.indexOf(undefined) === -1 && new Set(options).size === options.length;
    var exclusive = chosen.filter(function (o) { return o && o.exclusive; });
    if (wellFormed && chosen.length > 1 && exclusive.length) {
      return messages.either_or.replace("{option}", exclusive[0].label);
    }
    if (wellFormed) {
      var saying = function (finding) {
        return chosen.filter(function (o) { return o.findings.indexOf(finding) >= 0; })[0];
      };
      var pairs = spec.contradictions || [];
      for (var i = 0; i < pairs.length; i++) {
        var first = saying(pairs[i][0]);
        var second = saying(pairs[i][1]);
        if (first && second) {
          return messages.both_true.replace("{first}", first.label).replace("{second}", second.label);
        }
      }
    }
    return messages.not_shown;
  }

  return {
    answerRows: answerRows,
    splitCauses: splitCauses,
    emptyAnswerMessage: emptyAnswerMessage,
    refusal: refusal,
  };
});
