/* LumpGuide triage screens in the browser.
 * Online, the server renders every screen (HTMX swaps them in; without JavaScript they are
 * ordinary pages). When the server cannot be reached, this script runs the same
 * questionnaire with the same engine (triage-engine.js, checked against the Python engine
 * by shared test vectors) and draws the screens itself, so the result is the same. */
(function () {
  "use strict";

  var SCREEN_ID = "triage-screen";
  var specPromise = null;

  function $(selector, root) {
    return (root || document).querySelector(selector);
  }

  function readJson(id) {
    var el = document.getElementById(id);
    if (!el) return null;
    try {
      return JSON.parse(el.textContent);
    } catch (e) {
      return null;
    }
  }

  function loadSpec() {
    if (!specPromise) {
      var url = window.LumpGuideUrls.triage_spec;
      specPromise = fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error("The questions are not saved on this phone yet.");
        return response.json();
      });
      specPromise.catch(function () {
        specPromise = null;
      });
    }
    return specPromise;
  }

  /* ---------- small DOM helpers (text only: never HTML from data) ---------- */
  function h(tag, attrs, children) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === false || value === null || value === undefined) return;
      if (name === "text") el.textContent = value;
      else el.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach(function (child) {
      if (child) el.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return el;
  }

  function focusScreen() {
    var target = $("#" + SCREEN_ID + " [data-focus]");
    if (target) target.focus({ preventScroll: false });
  }

  function replaceScreen(node) {
    var current = document.getElementById(SCREEN_ID);
    current.replaceWith(node);
    window.scrollTo(0, 0);
    focusScreen();
  }

  /* ---------- choices: "None of these" clears the others and the other way round ---------- */
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("#" + SCREEN_ID + " input[type=checkbox]")) return;
    if (!input.checked) return;
    var form = input.form;
    var exclusive = input.hasAttribute("data-exclusive");
    form.querySelectorAll("input[type=checkbox]").forEach(function (other) {
      if (other !== input && (exclusive || other.hasAttribute("data-exclusive"))) other.checked = false;
    });
  });

  /* ---------- printing the result ---------- */
  function enablePrint() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.onclick = function () {
        window.print();
      };
    });
  }

  /* ---------- the offline flow ---------- */
  var offline = {
    spec: null,
    answers: {},
    ui: null,

    order: function () {
      return this.spec.questions.map(function (q) {
        return q.id;
      });
    },

    question: function (id) {
      return this.spec.questions.filter(function (q) {
        return q.id === id;
      })[0];
    },

    show: function (view, push) {
      var step = window.LumpTriage.nextStep(this.spec, this.answers);
      if (view.name === "question") {
        replaceScreen(this.questionScreen(view.id, view.error || ""));
      } else if (!step.done) {
        replaceScreen(this.questionScreen(step.question.id, ""));
        view = { name: "question", id: step.question.id };
      } else if (view.name === "summary") {
        replaceScreen(this.summaryScreen());
      } else {
        replaceScreen(this.resultScreen(step.assessment));
        enablePrint();
      }
      var state = { lumpguideOffline: true, view: { name: view.name, id: view.id }, answers: this.answers };
      if (push) window.history.pushState(state, "", window.location.href);
      else window.history.replaceState(state, "", window.location.href);
    },

    /* One answer, from a screen drawn here or by the server: refused with the same words as
       the server's, or recorded and the next screen shown. */
    submit: function (questionId, options) {
      if (!options.length) {
        var single = this.question(questionId).kind === "single";
        this.show({ name: "question", id: questionId, error: single ? this.ui.choose_one : this.ui.choose_some }, false);
        return;
      }
      var candidate;
      try {
        /* The engine's flow, as on the server: later answers that still apply are kept. */
        candidate = window.LumpTriage.answer(this.spec, this.answers, questionId, options);
      } catch (e) {
        this.show({ name: "question", id: questionId, error: e.message }, false);
        return;
      }
      this.answers = candidate;
      this.afterAnswer();
    },

    afterAnswer: function () {
      var step = window.LumpTriage.nextStep(this.spec, this.answers);
      if (!step.done) this.show({ name: "question", id: step.question.id }, true);
      else if (step.assessment.urgency === "emergency") this.show({ name: "result" }, true);
      else this.show({ name: "summary" }, true);
    },

    notice: function () {
      return h("p", { class: "notice", role: "status" }, [
        this.ui.offline_notice,
      ]);
    },

    /* The same words as includes/disclaimer.html: every screen shows it once. */
    disclaimer: function () {
      return h("div", { class: "disclaimer", role: "note" }, [
        h("p", {}, [h("strong", { text: this.ui.not_a_diagnosis }), " " + this.ui.disclaimer]),
      ]);
    },

    progress: function (questionId) {
      return window.LumpTriage.screenProgress(this.spec, this.answers, questionId);
    },

    questionScreen: function (questionId, error) {
      var self = this;
      var question = this.question(questionId);
      var chosen = this.answers[questionId] || [];
      var p = this.progress(questionId);
      var back = h("a", { href: "#", class: "back-link", text: this.ui.back });
      back.addEventListener("click", function (event) {
        event.preventDefault();
        window.history.back();
      });
      var fieldsetChildren = [
        h("legend", {}, [h("h1", { tabindex: "-1", "data-focus": true, class: "question-heading", text: question.text })]),
      ];
      if (question.help) fieldsetChildren.push(h("p", { class: "hint", text: question.help }));
      if (error) fieldsetChildren.push(h("p", { class: "error-message", role: "alert", text: error }));
      question.options.forEach(function (option) {
        fieldsetChildren.push(
          h("div", { class: "choice" }, [
            h("input", {
              type: question.kind === "multiple" ? "checkbox" : "radio",
              name: "option",
              id: "option-" + option.id,
              value: option.id,
              checked: chosen.indexOf(option.id) !== -1,
              "data-exclusive": option.findings.length === 0,
            }),
            h("label", { for: "option-" + option.id, text: option.label }),
          ]),
        );
      });
      var form = h("form", { class: "question-form", novalidate: true }, [
        h("fieldset", {}, fieldsetChildren),
        h("button", { type: "submit", class: "button", text: this.ui["continue"] }),
      ]);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var options = Array.prototype.map.call(form.querySelectorAll("input:checked"), function (input) {
          return input.value;
        });
        self.submit(questionId, options);
      });
      return h("div", { id: SCREEN_ID, class: "triage-screen", "data-question": questionId, "data-offline": true }, [
        this.notice(),
        h("p", { class: "no-print" }, [back]),
        h("p", { class: "progress", id: "progress-text", text: this.ui.progress.replace("{number}", p.number).replace("{most}", p.most) }),
        h("progress", { max: String(p.most), value: String(p.number), "aria-labelledby": "progress-text" }),
        form,
        this.disclaimer(),
      ]);
    },

    answerRows: function () {
      var self = this;
      return this.order()
        .filter(function (id) {
          return self.answers[id];
        })
        .map(function (id) {
          var question = self.question(id);
          var labels = question.options
            .filter(function (o) {
              return self.answers[id].indexOf(o.id) !== -1;
            })
            .map(function (o) {
              return o.label;
            });
          return { id: id, question: question.text, answer: labels.join(", ") };
        });
    },

    summaryScreen: function () {
      var self = this;
      var list = h("dl", { class: "summary-list" });
      this.answerRows().forEach(function (row) {
        var change = h("a", { href: "#" }, [self.ui.change, h("span", { class: "visually-hidden", text: " " + row.question })]);
        change.addEventListener("click", function (event) {
          event.preventDefault();
          self.show({ name: "question", id: row.id }, true);
        });
        list.appendChild(h("div", { class: "summary-row" }, [h("dt", { text: row.question }), h("dd", { text: row.answer }), h("dd", {}, [change])]));
      });
      var see = h("button", { type: "button", class: "button", text: this.ui.see_result });
      see.addEventListener("click", function () {
        self.show({ name: "result" }, true);
      });
      return h("div", { id: SCREEN_ID, class: "triage-screen", "data-offline": true }, [
        this.notice(),
        h("h1", { tabindex: "-1", "data-focus": true, text: this.ui.check_answers }),
        h("p", { text: this.ui.check_answers_hint }),
        list,
        see,
        this.disclaimer(),
      ]);
    },

    resultScreen: function (assessment) {
      var ui = this.ui;
      var view = ui.urgency[assessment.urgency];
      var card = [
        h("h1", { id: "result-headline", tabindex: "-1", "data-focus": true }, [h("span", { class: "care-label", text: view.label }), assessment.headline]),
        h("p", { class: "result-action" }, [h("strong", { text: view.action })]),
      ];
      if (assessment.red_flags.length) {
        card.push(
          h("p", {
            text: ui.because + " " + assessment.red_flags.map(function (code) {
              return ui.red_flags[code] || code;
            }).join(", ") + ".",
          }),
        );
      }
      var children = [
        this.notice(),
        h("section", { class: "care-card " + view.card_class, "aria-labelledby": "result-headline" }, card),
        h("h2", { text: ui.what_now }),
        h("ul", {}, assessment.next_steps.map(function (step) {
          return h("li", { text: step });
        })),
        h("dl", { class: "numbers" }, [
          h("dt", { text: ui.emergency_number_label }),
          h("dd", {}, [h("a", { href: "tel:" + ui.emergency_number, text: ui.emergency_number })]),
          h("dt", { text: ui.urgent_label }),
          h("dd", { text: ui.urgent_action }),
        ]),
      ];
      if (assessment.follow_up_days) {
        children.push(h("p", { text: ui.follow_up.replace("{days}", assessment.follow_up_days) }));
        children.push(
          h("p", { class: "no-print" }, [
            h("a", { class: "button button-secondary", href: ui.remind_url + "?days=" + assessment.follow_up_days, text: ui.remind }),
          ]),
        );
        /* Setting a reminder is done by the server, so it needs a connection. */
        if (!navigator.onLine) children.push(h("p", { class: "small no-print", text: ui.remind_needs_connection }));
      }
      /* As the server's result: serious causes that are not first sit apart (H16). */
      var serious = new Set(
        this.spec.conditions.filter(function (c) { return c.requires_one_of.length; })
          .map(function (c) { return c.slug; }),
      );
      var likely = assessment.conditions.filter(function (c, i) { return i === 0 || !serious.has(c.slug); });
      var ruleOut = assessment.conditions.filter(function (c, i) { return i > 0 && serious.has(c.slug); });
      function cause(condition) {
        return h("li", {}, [
          h("h3", {}, [h("a", { href: window.LumpGuideUrls.condition.replace("__slug__", condition.slug), text: condition.name })]),
          condition.why.length
            ? h("ul", { class: "why" }, condition.why.map(function (reason) {
                return h("li", { text: reason });
              }))
            : null,
        ]);
      }
      if (likely.length) {
        children.push(h("h2", { text: ui.what_it_might_be }));
        children.push(h("p", { text: ui.most_likely_first }));
        children.push(h("ol", { class: "condition-list" }, likely.map(cause)));
      }
      if (ruleOut.length) {
        children.push(
          h("section", { class: "rule-out", "aria-labelledby": "rule-out-heading" }, [
            h("h2", { id: "rule-out-heading", text: ui.rule_out }),
            h("p", { text: ui.rule_out_intro }),
            h("ul", { class: "rule-out-list" }, ruleOut.map(cause)),
          ]),
        );
      }
      var rows = h("dl", { class: "summary-list" });
      this.answerRows().forEach(function (row) {
        rows.appendChild(h("div", { class: "summary-row" }, [h("dt", { text: row.question }), h("dd", { text: row.answer })]));
      });
      children.push(h("h2", { text: ui.your_answers }), rows);
      children.push(this.disclaimer());
      var again = h("button", { type: "button", class: "button button-secondary", text: ui.change_answers });
      var self = this;
      again.addEventListener("click", function () {
        self.show({ name: "summary" }, true);
      });
      children.push(h("div", { class: "actions no-print" }, [h("button", { type: "button", class: "button button-secondary", "data-print": true, hidden: true, text: ui.print }), again]));
      return h("div", { id: SCREEN_ID, class: "triage-screen result", "data-urgency": assessment.urgency, "data-offline": true }, children);
    },
  };

  /* Take over from the server: the action the person asked for, done here instead. */
  function takeOver(action) {
    var ui = readJson("triage-ui");
    if (!ui || !window.LumpTriage) return false;
    loadSpec()
      .then(function (spec) {
        offline.spec = spec;
        offline.ui = ui;
        offline.answers = (history.state && history.state.lumpguideOffline && history.state.answers) || readJson("triage-answers") || {};
        if (action.kind === "answer") {
          offline.submit(action.questionId, action.options);
        } else if (action.kind === "start") {
          offline.answers = {};
          offline.show({ name: "question", id: spec.questions[0].id }, true);
        } else {
          offline.show({ name: action.kind }, true);
        }
      })
      .catch(function () {
        window.location.href = action.url || window.LumpGuideUrls.offline;
      });
    return true;
  }

  function actionFor(element) {
    var screen = element.closest("#" + SCREEN_ID);
    if (!screen || screen.hasAttribute("data-offline")) return null;
    if (element.tagName === "FORM" && element.classList.contains("question-form")) {
      return {
        kind: "answer",
        questionId: screen.getAttribute("data-question"),
        options: Array.prototype.map.call(element.querySelectorAll("input[name=option]:checked"), function (input) {
          return input.value;
        }),
        url: element.action,
      };
    }
    if (element.tagName === "A") {
      var path = new URL(element.href, window.location.href).pathname;
      var urls = window.LumpGuideUrls;
      var question = urls.triage_question.split("__question__");
      var isQuestion = path.indexOf(question[0]) === 0 && path.slice(-question[1].length) === question[1];
      if (isQuestion && !readJson("triage-answers")) return { kind: "start", url: element.href };
      if (path === urls.triage_result) return { kind: "result", url: element.href };
      if (path === urls.triage_summary) return { kind: "summary", url: element.href };
    }
    return null;
  }

  /* Offline before sending: skip the request altogether. */
  document.addEventListener(
    "submit",
    function (event) {
      if (navigator.onLine) return;
      var action = actionFor(event.target);
      if (action && takeOver(action)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true,
  );
  document.addEventListener(
    "click",
    function (event) {
      if (navigator.onLine) return;
      var link = event.target.closest && event.target.closest("a[href]");
      var action = link && actionFor(link);
      if (action && takeOver(action)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true,
  );

  /* The request failed or timed out although the phone said it was online. */
  document.addEventListener("htmx:sendError", function (event) {
    var action = actionFor(event.detail.elt);
    if (action) takeOver(action);
  });
  document.addEventListener("htmx:responseError", function (event) {
    if (event.detail.xhr && event.detail.xhr.status === 503) {
      var action = actionFor(event.detail.elt);
      if (action) takeOver(action);
    }
  });

  window.addEventListener("popstate", function (event) {
    var state = event.state;
    if (!offline.spec) return;
    if (state && state.lumpguideOffline) {
      offline.answers = state.answers || {};
      offline.show(state.view, false);
    } else {
      window.location.reload();
    }
  });

  /* After HTMX swaps in the next screen, move focus to its heading for screen readers. */
  var swappingScreen = false;
  document.addEventListener("htmx:beforeRequest", function (event) {
    swappingScreen = !!(event.detail.target && event.detail.target.id === SCREEN_ID);
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (swappingScreen) {
      swappingScreen = false;
      focusScreen();
      enablePrint();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    enablePrint();
    if (navigator.onLine && document.getElementById(SCREEN_ID)) loadSpec().catch(function () {});
  });
})();
