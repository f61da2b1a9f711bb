/* LumpGuide triage screens in the browser.
 * Online, the server renders every screen (HTMX swaps them in; without JavaScript they are
 * ordinary pages). When the server cannot be reached, this script runs the same
 * questionnaire with the same engine and flow (triage-engine.js, checked against the Python
 * engine by shared test vectors) and fills in the server's own screens (the templates of
 * pwa/offline_screens.html), so the words, the screens and the result are the same. */
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

  /* ---------- filling the server's screens (text only: never HTML from data) ---------- */
  var MARKER = /__([a-z_]+)__/g;

  function replaceMarkers(text, values) {
    return text.replace(MARKER, function (marker, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : marker;
    });
  }

  /* Change every text and attribute value under root that contains `needle`. */
  function editStrings(root, needle, change) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    var node = root;
    do {
      if (node.nodeType === Node.TEXT_NODE) {
        if (node.nodeValue.indexOf(needle) !== -1) node.nodeValue = change(node.nodeValue);
      } else {
        Array.prototype.forEach.call(node.attributes, function (attr) {
          if (attr.value.indexOf(needle) !== -1) attr.value = change(attr.value);
        });
      }
    } while ((node = walker.nextNode()));
  }

  /* Put each value in place of its __marker__, in text and in attribute values. */
  function fill(root, values) {
    editStrings(root, "__", function (text) {
      return replaceMarkers(text, values);
    });
  }

  function replaceText(root, from, to) {
    editStrings(root, from, function (text) {
      return text.split(from).join(to);
    });
  }

  /* The first data-each="name" element, once per item (filled by `each`), in its place. */
  function repeat(root, name, items, each) {
    var proto = root.querySelector('[data-each="' + name + '"]');
    if (!proto) return;
    items.forEach(function (item) {
      var copy = proto.cloneNode(true);
      copy.removeAttribute("data-each");
      each(copy, item);
      proto.parentNode.insertBefore(copy, proto);
    });
    proto.remove();
  }

  /* Keep data-if="name" elements only when `keep` is true (as the template's {% if %}). */
  function keepIf(root, name, keep) {
    root.querySelectorAll('[data-if="' + name + '"]').forEach(function (el) {
      if (!keep) el.remove();
    });
  }

  function setAnswers(root, answers) {
    var script = root.querySelector("#triage-answers");
    if (script) script.textContent = JSON.stringify(answers);
  }

  function questionUrl(id) {
    return window.LumpGuideUrls.triage_question.replace("__question__", id);
  }

  function focusScreen() {
    var target = $("#" + SCREEN_ID + " [data-focus]");
    if (target) target.focus({ preventScroll: false });
  }

  function replaceScreen(node) {
    var current = document.getElementById(SCREEN_ID);
    current.replaceWith(node);
    screenShownAt = Date.now();
    window.scrollTo(0, 0);
    focusScreen();
    /* A screen drawn here, for the other page scripts (photos.js fills its photos) */
    document.dispatchEvent(new CustomEvent("lumpguide:screen"));
  }

  /* A double tap on "Continue": the second tap lands on the next screen's button as it
     appears, and asked for an answer to a question the person had not yet seen (a review).
     An empty answer sent within a moment of its screen appearing is that tap: let go. */
  var screenShownAt = 0;
  var DOUBLE_TAP_MS = 600;
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === SCREEN_ID) screenShownAt = Date.now();
  });
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      if (!form.classList || !form.classList.contains("question-form")) return;
      if (Date.now() - screenShownAt > DOUBLE_TAP_MS) return;
      if (form.querySelector("input[name=option]:checked")) return;
      event.preventDefault();
      event.stopImmediatePropagation();
    },
    true,
  );

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

  /* The newest answers of a walk drawn on the phone, for this tab only: a reload, or Back to a
     page the browser has let go, carries on with them, not with the older answers of that
     history entry. Forgotten once the server has them, and by "Delete all my data". */
  var WALK_KEY = "lumpguide-offline-walk";
  function storeWalk(answers, kept) {
    try {
      window.sessionStorage.setItem(WALK_KEY, JSON.stringify({ answers: answers, kept: kept }));
    } catch (e) {
      /* no storage (a private window that refuses it): a reload starts again */
    }
  }
  function storedWalk() {
    try {
      return JSON.parse(window.sessionStorage.getItem(WALK_KEY));
    } catch (e) {
      return null;
    }
  }
  function forgetWalk() {
    try {
      window.sessionStorage.removeItem(WALK_KEY);
    } catch (e) {
      /* nothing was stored */
    }
  }

  /* ---------- the offline flow ---------- */
  var offline = {
    spec: null,
    screens: null,
    messages: null,
    answers: {},

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
        replaceScreen(this.questionScreen(view.id, view.error || "", view.chosen));
      } else if (!step.done) {
        replaceScreen(this.questionScreen(step.question.id, ""));
        view = { name: "question", id: step.question.id };
      } else if (view.name === "summary") {
        replaceScreen(this.summaryScreen());
      } else {
        replaceScreen(this.resultScreen(step.assessment));
        enablePrint();
      }
      /* At the start page's address, which the service worker keeps: a reload with no
         connection opens it, and the walk carries on from this entry's state (resumeWalk). */
      var state = { lumpguideOffline: true, view: { name: view.name, id: view.id }, answers: this.answers, kept: this.kept };
      var here = window.LumpGuideUrls.triage_start;
      storeWalk(this.answers, this.kept);
      if (push) window.history.pushState(state, "", here);
      else window.history.replaceState(state, "", here);
    },

    /* One answer, from a screen drawn here or by the server: refused with the same words as
       the server's, or recorded and the next screen shown. */
    submit: function (questionId, options) {
      if (!options.length) {
        var error = window.LumpTriagePresenters.emptyAnswerMessage(this.question(questionId), this.messages);
        this.show({ name: "question", id: questionId, error: error }, false);
        return;
      }
      var candidate;
      try {
        /* The engine's flow, as on the server: later answers that still apply are kept. */
        candidate = window.LumpTriage.answer(this.spec, this.kept || this.answers, questionId, options);
      } catch (e) {
        /* The ticks stay, as on the server's page: the person chooses between them. */
        this.show({ name: "question", id: questionId, error: this.refusal(questionId, options), chosen: options }, false);
        return;
      }
      /* Every answer kept (one a change took off the walk comes back when it applies again),
         and the walk they make */
      this.kept = candidate;
      this.answers = window.LumpTriage.resume(this.spec, candidate);
      this.afterAnswer();
    },

    /* As presenters.answer_error_message (triage-presenters.js). */
    refusal: function (questionId, options) {
      return window.LumpTriagePresenters.refusal(this.spec, this.question(questionId), options, this.messages);
    },

    afterAnswer: function () {
      var step = window.LumpTriage.nextStep(this.spec, this.answers);
      if (!step.done) this.show({ name: "question", id: step.question.id }, true);
      else if (step.assessment.urgency === "emergency") this.show({ name: "result" }, true);
      else this.show({ name: "summary" }, true);
    },

    progress: function (questionId) {
      return window.LumpTriage.screenProgress(this.spec, this.answers, questionId);
    },

    /* ---------- the screens: the server's own partials, filled in here ---------- */

    /* A copy of one of the server's screens (pwa/offline_screens.html), with the offline
       notice first: every word and element comes from the Django templates. */
    screen: function (name) {
      var root = this.screens.getElementById(name).content.firstElementChild.cloneNode(true);
      root.setAttribute("data-offline", "");
      root.insertBefore(this.screens.getElementById("offline-notice").content.firstElementChild.cloneNode(true), root.firstChild);
      return root;
    },

    questionScreen: function (questionId, error, ticked) {
      var self = this;
      var question = this.question(questionId);
      var chosen = ticked || this.answers[questionId] || [];
      var p = this.progress(questionId);
      var root = this.screen("offline-question");
      keepIf(root, "help", question.help);
      keepIf(root, "error", error);
      keepIf(root, "photo", (this.messages.photo_questions || []).indexOf(question.id) !== -1);
      var described = [question.help ? "hint-" + question.id : "", error ? "error-" + question.id : ""].filter(Boolean);
      var fieldset = $("fieldset", root);
      if (described.length) fieldset.setAttribute("aria-describedby", described.join(" "));
      else fieldset.removeAttribute("aria-describedby");
      repeat(root, "option", question.options, function (el, option) {
        fill(el, { option_id: option.id, option_label: option.label });
        var input = $("input", el);
        input.type = question.kind === "multiple" ? "checkbox" : "radio";
        input.checked = chosen.indexOf(option.id) !== -1;
        if (option.findings.length) input.removeAttribute("data-exclusive");
        else input.setAttribute("data-exclusive", "");
      });
      var previous = p.previous;
      fill(root, {
        qid: question.id,
        text: question.text,
        help: question.help,
        error: error,
        number: p.number,
        most: p.most,
        back_url: previous ? questionUrl(previous) : window.LumpGuideUrls.triage_start,
      });
      setAnswers(root, this.answers);
      $(".back-link", root).addEventListener("click", function (event) {
        event.preventDefault();
        if (previous) self.show({ name: "question", id: previous }, true);
        else window.history.back();
      });
      var form = $("form", root);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var options = Array.prototype.map.call(form.querySelectorAll("input:checked"), function (input) {
          return input.value;
        });
        self.submit(questionId, options);
      });
      return root;
    },

    /* As presenters.answer_rows (triage-presenters.js), in the template's words. */
    answerRows: function () {
      return window.LumpTriagePresenters.answerRows(this.spec, this.answers).map(function (row) {
        return { id: row.id, question: row.question, answer: row.answer.join(", "), ruled_out: row.ruled_out.join("; ") };
      });
    },

    fillRows: function (root, withChange) {
      var self = this;
      repeat(root, "row", this.answerRows(), function (el, row) {
        keepIf(el, "row_ruled_out", row.ruled_out);
        fill(el, {
          row_question: row.question,
          row_answer: row.answer,
          row_ruled_out: row.ruled_out,
          row_change_url: questionUrl(row.id),
        });
        if (!withChange) return;
        el.querySelector("a").addEventListener("click", function (event) {
          event.preventDefault();
          self.show({ name: "question", id: row.id }, true);
        });
      });
    },

    summaryScreen: function () {
      var self = this;
      var root = this.screen("offline-summary");
      this.fillRows(root, true);
      setAnswers(root, this.answers);
      var see = root.querySelector("a.button");
      see.addEventListener("click", function (event) {
        event.preventDefault();
        self.show({ name: "result" }, true);
      });
      return root;
    },

    resultScreen: function (assessment) {
      var self = this;
      var messages = this.messages;
      var root = this.screen("offline-result-" + assessment.urgency);
      /* As the server's result: serious causes that are not first sit apart (H16). */
      var split = window.LumpTriagePresenters.splitCauses(this.spec, assessment.conditions);
      var likely = split.likely;
      var ruleOut = split.rule_out;
      keepIf(root, "red_flags", assessment.red_flags.length);
      keepIf(root, "follow_up", assessment.follow_up_days);
      keepIf(root, "likely", likely.length);
      keepIf(root, "rule_out", ruleOut.length);
      repeat(root, "step", assessment.next_steps, function (el, step) {
        fill(el, { step: step });
      });
      ["likely", "rule_out"].forEach(function (kind) {
        repeat(root, kind, kind === "likely" ? likely : ruleOut, function (el, condition) {
          repeat(el, "why", condition.why, function (li, reason) {
            fill(li, { why: reason });
          });
          var values = {};
          values[kind + "_slug"] = condition.slug;
          values[kind + "_name"] = condition.name;
          fill(el, values);
        });
      });
      this.fillRows(root, false);
      fill(root, {
        headline: assessment.headline,
        red_flags: assessment.red_flags.map(function (code) {
          return messages.red_flags[code] || code;
        }).join(", "),
      });
      if (assessment.follow_up_days) {
        replaceText(root, String(messages.days), String(assessment.follow_up_days));
      }
      /* Setting a reminder and the summary page are the server's, so they need a connection. */
      root.querySelectorAll("[data-offline-only]").forEach(function (el) {
        el.hidden = navigator.onLine;
      });
      var now = $("[data-slot=now]", root);
      if (now) {
        now.textContent = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
          day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit",
        }).format(new Date());
      }
      setAnswers(root, this.answers);
      root.querySelectorAll(".actions a").forEach(function (link) {
        if (new URL(link.href, window.location.href).pathname !== window.LumpGuideUrls.triage_summary) return;
        link.addEventListener("click", function (event) {
          event.preventDefault();
          self.show({ name: "summary" }, true);
        });
      });
      return root;
    },
  };

  var screensPromise = null;

  /* The server's screens with markers (kept by the service worker for offline use). */
  function loadScreens() {
    if (!screensPromise) {
      screensPromise = fetch(window.LumpGuideUrls.triage_offline_screens, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error("The screens are not saved on this phone yet.");
          return response.text();
        })
        .then(function (html) {
          return new DOMParser().parseFromString(html, "text/html");
        });
      screensPromise.catch(function () {
        screensPromise = null;
      });
    }
    return screensPromise;
  }

  /* Take over from the server: the action the person asked for, done here instead. */
  function takeOver(action) {
    if (!window.LumpTriage) return false;
    Promise.all([loadSpec(), loadScreens()])
      .then(function (loaded) {
        var spec = loaded[0];
        offline.spec = spec;
        offline.screens = loaded[1];
        offline.messages = JSON.parse(loaded[1].getElementById("offline-messages").textContent);
        /* This entry's, else the page's, else the copy of the server's newest (a screen htmx
           swapped in has no script element to read) */
        var stored = storedWalk();
        offline.answers = (history.state && history.state.lumpguideOffline && history.state.answers) || readJson("triage-answers") || (stored && stored.answers) || {};
        offline.kept = (history.state && history.state.lumpguideOffline && history.state.kept) || offline.answers;
        if (action.kind === "resume") {
          var stored = storedWalk();
          if (stored) {
            offline.answers = stored.answers || {};
            offline.kept = stored.kept || offline.answers;
          }
          offline.show(history.state.view, false);
        } else if (action.kind === "answer") {
          offline.submit(action.questionId, action.options);
        } else if (action.kind === "start") {
          offline.answers = {};
          offline.kept = {};
          offline.show({ name: "question", id: spec.questions[0].id }, true);
        } else {
          offline.show({ name: action.kind }, true);
        }
      })
      .catch(function (error) {
        if (window.console) window.console.warn("LumpGuide could not work offline:", error);
        window.location.href = action.url || window.LumpGuideUrls.offline;
      });
    return true;
  }

  /* A question screen's address: triage_question with any question id in it. */
  function isQuestionPath(path) {
    var question = window.LumpGuideUrls.triage_question.split("__question__");
    return path.indexOf(question[0]) === 0 && path.slice(-question[1].length) === question[1];
  }

  function actionFor(element) {
    var screen = element.closest("#" + SCREEN_ID);
    if (!screen) return null;
    var urls = window.LumpGuideUrls;
    if (element.tagName === "FORM" && new URL(element.action, window.location.href).pathname === urls.triage_restart) {
      /* "Start again", on a screen from the server or one drawn here: a fresh walk on the
         phone (the server forgets the old one once the new answers reach it,
         keepOfflineAnswers). */
      return { kind: "start", url: urls.triage_start };
    }
    if (screen.hasAttribute("data-offline")) return null;
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
      /* "Start now" starts afresh; another question link (Change, Carry on) goes on with the
         answers there are, if any */
      var starts = element.hasAttribute("data-start") || (!readJson("triage-answers") && !storedWalk());
      if (isQuestionPath(path) && starts) return { kind: "start", url: element.href };
      if (path === urls.triage_result) return { kind: "result", url: element.href };
      if (path === urls.triage_summary) return { kind: "summary", url: element.href };
    }
    return null;
  }

  /* "Start again" and "Forget my answers" forget the tab's copy of the answers as the server
     forgets its own. */
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      if (form.tagName !== "FORM") return;
      var path = new URL(form.action, window.location.href).pathname;
      var urls = window.LumpGuideUrls;
      if (path === urls.triage_restart || path === urls.triage_forget) forgetWalk();
    },
    true,
  );

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
    var elt = event.detail.elt;
    if (event.detail.xhr && event.detail.xhr.status === 503) {
      var action = actionFor(elt);
      if (action && takeOver(action)) return;
    }
    plainRequest(elt);
  });

  /* Any other refusal (a limit reached, an expired form, a server error) would leave the
     screen as it was, with no word: ask again as a plain page, so that the server's own page
     says what happened, as it does without JavaScript. */
  function plainRequest(elt) {
    var form = elt.tagName === "FORM" ? elt : elt.closest("form");
    if (form) {
      HTMLFormElement.prototype.submit.call(form); /* no submit event: htmx lets it go */
      return;
    }
    var link = elt.closest("a[href]");
    if (link) window.location.assign(link.href);
  }

  /* Back online after answering on the phone: the server keeps these answers as its own, so
     that the summary for the doctor, a reminder and "Carry on" use them, not older ones. */
  var keptOnline = "";
  function keepOfflineAnswers() {
    if (!navigator.onLine || !offline.spec || !Object.keys(offline.answers).length) return Promise.resolve();
    var body = JSON.stringify({ answers: offline.answers });
    if (body === keptOnline) return Promise.resolve();
    var headers = { "Content-Type": "application/json" };
    try {
      headers["X-CSRFToken"] = JSON.parse(document.body.getAttribute("hx-headers"))["x-csrftoken"];
    } catch (e) {
      /* no token: the server refuses, and the answers stay on the phone */
    }
    return fetch(window.LumpGuideUrls.triage_keep_answers, { method: "POST", credentials: "same-origin", headers: headers, body: body }).then(
      function (response) {
        if (response.ok) {
          keptOnline = body;
          forgetWalk();
        }
      },
      function () {},
    );
  }
  window.addEventListener("online", keepOfflineAnswers);
  /* A triage screen's own address: the flow on the phone handles those links itself. */
  function isTriageScreen(path) {
    var urls = window.LumpGuideUrls;
    return path === urls.triage_start || path === urls.triage_summary || path === urls.triage_result || isQuestionPath(path);
  }

  /* A link out of the triage from a screen drawn on the phone, once online (the summary for
     the doctor, a reminder, an article): the answers go first. */
  document.addEventListener(
    "click",
    function (event) {
      var screen = document.getElementById(SCREEN_ID);
      if (!navigator.onLine || !screen || !screen.hasAttribute("data-offline")) return;
      var link = event.target.closest && event.target.closest("a[href]");
      if (!link || link.target || link.hasAttribute("download")) return;
      var url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin || isTriageScreen(url.pathname)) return;
      event.preventDefault();
      keepOfflineAnswers().then(function () {
        window.location.assign(url.href);
      });
    },
    true,
  );

  window.addEventListener("popstate", function (event) {
    var state = event.state;
    if (!offline.spec) return;
    if (state && state.lumpguideOffline) {
      /* Back and Forward move between screens and keep the newest answers, as the server's
         Back does: the screen shows what was ticked on it (issue 20). A page opened afresh
         takes the answers its history entry kept. */
      if (!offline.kept) {
        offline.answers = state.answers || {};
        offline.kept = state.kept || offline.answers;
      }
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
      retitle();
    }
  });

  /* The tab's title follows the screen, as a whole page's would: its heading without the
     care card's label ("Self-care"), then " – LumpGuide" (base.html's title). */
  function retitle() {
    var heading = $("#" + SCREEN_ID + " h1");
    if (!heading) return;
    var words = heading.cloneNode(true);
    Array.prototype.forEach.call(words.querySelectorAll(".care-label"), function (label) {
      label.remove();
    });
    var text = words.textContent.replace(/\s+/g, " ").trim();
    var suffix = / – LumpGuide$/.exec(document.title);
    if (text && suffix) document.title = text + suffix[0];
  }

  /* The footer's "change region" link and language forms come back to this screen, not to
     the one the page was first loaded on. */
  document.addEventListener("htmx:pushedIntoHistory", function () {
    var here = window.location.pathname + window.location.search;
    Array.prototype.forEach.call(document.querySelectorAll(".site-footer input[name=next]"), function (input) {
      input.value = here;
    });
    Array.prototype.forEach.call(document.querySelectorAll(".site-footer a[href*='next=']"), function (link) {
      var url = new URL(link.href, window.location.href);
      url.searchParams.set("next", window.location.pathname);
      link.href = url.pathname + url.search;
    });
  });

  /* A reload of a screen drawn on the phone (issue 20: the walk was lost). Offline, the walk
     carries on from this history entry's answers. Online, the server keeps them first, then
     draws the same screen itself. */
  (function resumeWalk() {
    var state = history.state;
    var screen = document.getElementById(SCREEN_ID);
    /* A screen the server drew, reloaded with no connection: the service worker gave the
       stored start page at its address; draw it again from this tab's copy of the answers. */
    var kept = storedWalk();
    if (screen && !navigator.onLine && kept && (!state || !state.lumpguideOffline)) {
      var view = viewAt(window.location.pathname);
      if (view && !screen.hasAttribute("data-question") && !screen.hasAttribute("data-urgency")) {
        history.replaceState({ lumpguideOffline: true, view: view, answers: kept.answers, kept: kept.kept }, "", window.location.href);
        takeOver({ kind: "resume" });
        return;
      }
    }
    if (!state || !state.lumpguideOffline || !screen) return;
    if (!navigator.onLine) {
      takeOver({ kind: "resume" });
      return;
    }
    (kept ? loadSpec() : Promise.resolve(null))
      .then(function (spec) {
        if (!spec) return null; /* the server has them already */
        offline.spec = spec;
        offline.answers = kept.answers || {};
        return keepOfflineAnswers();
      })
      .then(function () {
        window.location.replace(urlOf(state.view || {}));
      })
      .catch(function () {
        if (window.console) window.console.warn("LumpGuide could not keep the answers given offline.");
      });
  })();

  /* The screen a triage address shows: a question, the summary or the result. */
  function viewAt(path) {
    var urls = window.LumpGuideUrls;
    if (path === urls.triage_summary) return { name: "summary" };
    if (path === urls.triage_result) return { name: "result" };
    if (!isQuestionPath(path)) return null;
    var parts = urls.triage_question.split("__question__");
    return { name: "question", id: decodeURIComponent(path.slice(parts[0].length, path.length - parts[1].length)) };
  }

  /* And back: the address of a screen. */
  function urlOf(view) {
    var urls = window.LumpGuideUrls;
    if (view.name === "question") return questionUrl(view.id);
    return view.name === "summary" ? urls.triage_summary : urls.triage_result;
  }

  /* Every screen the server draws leaves a copy of the answers in this tab, for a reload with
     no connection (above); "Delete all my data" and closing the tab remove it. */
  function keepServerAnswers(answers) {
    if (answers && typeof answers === "object") storeWalk(answers, answers);
  }
  var screenNow = document.getElementById(SCREEN_ID);
  if (screenNow && !screenNow.hasAttribute("data-offline")) keepServerAnswers(readJson("triage-answers"));
  /* A screen htmx swaps in loses its script elements (allowScriptTags is off): the answers
     are read from the response itself. */
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (!target || target.id !== SCREEN_ID || !event.detail.serverResponse) return;
    var sent = new DOMParser().parseFromString(event.detail.serverResponse, "text/html").getElementById("triage-answers");
    if (!sent) return;
    try {
      keepServerAnswers(JSON.parse(sent.textContent));
    } catch (e) {
      /* not answers: nothing to keep */
    }
  });

  /* Loaded after the page has painted (app.js): the document is ready. */
  enablePrint();
  /* Ready for a lost connection mid-walk. Under the service worker both files are already
     stored (fetched once, when it installed), so nothing is fetched here; without it, they
     are fetched when the browser is idle, never competing with the screen itself. */
  (function prefetchForOffline() {
    var controlled = navigator.serviceWorker && navigator.serviceWorker.controller;
    if (controlled || !navigator.onLine || !document.getElementById(SCREEN_ID)) return;
    var later = window.requestIdleCallback || function (fn) { return setTimeout(fn, 1); };
    later(function () {
      loadSpec().catch(function () {});
      loadScreens().catch(function () {});
    });
  })();
})();
