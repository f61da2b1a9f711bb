/* LumpGuide page script: service worker, "new version" banner, install button, offline note.
 * Everything here is an enhancement: every page works without it. */
(function () {
  "use strict";

  /* Every URL the scripts use comes from the server's reverse(), in one json_script block. */
  var config = document.getElementById("lumpguide-config");
  var LumpGuideUrls = (window.LumpGuideUrls = config ? JSON.parse(config.textContent).urls : {});

  function show(id, visible) {
    var el = document.getElementById(id);
    if (el) el.hidden = !visible;
  }

  function setUpServiceWorker() {
    if (!("serviceWorker" in navigator)) return;
    var reloading = false;
    var userAskedToUpdate = false;
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      if (userAskedToUpdate && !reloading) {
        reloading = true;
        window.location.reload();
      }
    });
    navigator.serviceWorker.register(LumpGuideUrls.service_worker, { scope: LumpGuideUrls.home }).then(function (registration) {
      /* The person has chosen the other edition (the language): the worker that stores it
         takes over now, so that offline pages are in that language. A new deploy, in the
         same language, still waits until the person asks (the banner). */
      var otherEdition = false;
      function offerUpdate(worker) {
        if (otherEdition) {
          worker.postMessage({ type: "SKIP_WAITING" });
          return;
        }
        show("update-banner", true);
        var button = document.getElementById("update-reload");
        if (button) {
          button.onclick = function () {
            userAskedToUpdate = true;
            worker.postMessage({ type: "SKIP_WAITING" });
          };
        }
      }
      if (registration.waiting && navigator.serviceWorker.controller) {
        offerUpdate(registration.waiting);
      }
      registration.addEventListener("updatefound", function () {
        var worker = registration.installing;
        if (!worker) return;
        worker.addEventListener("statechange", function () {
          if (worker.state === "installed" && navigator.serviceWorker.controller) {
            offerUpdate(worker);
          }
        });
      });
      purgeCachedPagesIfRegionChanged();
      controllerLanguage().then(function (language) {
        otherEdition = !!language && language !== document.documentElement.lang;
        if (otherEdition && registration.waiting) offerUpdate(registration.waiting);
      });
    });
  }

  /* The language of the pages the controlling worker stores; null if it cannot say. */
  function controllerLanguage() {
    return new Promise(function (resolve) {
      var controller = navigator.serviceWorker.controller;
      if (!controller || !window.MessageChannel) return resolve(null);
      var channel = new MessageChannel();
      channel.port1.onmessage = function (event) {
        resolve(event.data);
      };
      controller.postMessage({ type: "LANGUAGE" }, [channel.port2]);
      setTimeout(function () {
        resolve(null);
      }, 3000);
    });
  }

  /* Cached pages show the phone numbers of the region they were saved with. */
  function purgeCachedPagesIfRegionChanged() {
    var region = document.documentElement.getAttribute("data-region");
    var key = "lumpguide-region";
    try {
      var before = window.localStorage.getItem(key);
      window.localStorage.setItem(key, region);
      if (before && before !== region && navigator.serviceWorker.controller) {
        /* <html data-offline-pages="stored"> once the worker has stored the pages again in
           this region ("some-missing" if it could not store them all). */
        var channel = new MessageChannel();
        channel.port1.onmessage = function (event) {
          var missing = (event.data && event.data.missing) || [];
          document.documentElement.setAttribute("data-offline-pages", missing.length ? "some-missing" : "stored");
        };
        navigator.serviceWorker.controller.postMessage({ type: "PURGE_PAGES" }, [channel.port2]);
      }
    } catch (e) {
      /* Storage may be unavailable (private mode); nothing to purge then. */
    }
  }

  function setUpInstall() {
    var standalone =
      window.matchMedia("(display-mode: standalone)").matches || window.navigator.standalone === true;
    if (standalone) {
      show("install-section", false);
      return;
    }
    var ua = window.navigator.userAgent;
    var isIOS = /iPhone|iPad|iPod/.test(ua) || (ua.indexOf("Macintosh") !== -1 && navigator.maxTouchPoints > 1);
    if (isIOS) {
      show("install-ios", true);
      show("install-other", false);
    }
    var deferred = null;
    window.addEventListener("beforeinstallprompt", function (event) {
      event.preventDefault();
      deferred = event;
      show("install-button", true);
      show("install-other", false);
    });
    var button = document.getElementById("install-button");
    if (button) {
      button.addEventListener("click", function () {
        if (!deferred) return;
        deferred.prompt();
        deferred.userChoice.finally(function () {
          deferred = null;
          show("install-button", false);
        });
      });
    }
    window.addEventListener("appinstalled", function () {
      show("install-section", false);
    });
  }

  function setUpOfflineNote() {
    function update() {
      show("offline-banner", !navigator.onLine);
    }
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    update();
  }

  /* The page's own scripts (htmx, the triage, search, reminders: the head's
   * <template id="page-scripts">) are fetched once the page has painted, so the screen never
   * waits for them; until they run, every form and link works as a plain page. In order;
   * then <html data-scripts="ready"> ("failed" if one could not be fetched). */
  var pageScripts = "loading";
  var heldSubmit = null;

  function loadPageScripts() {
    var template = document.getElementById("page-scripts");
    var sources = template ? template.content.querySelectorAll("script[src]") : [];
    var waiting = sources.length;
    var failed = false;
    function done(event) {
      if (event && event.type === "error") failed = true;
      waiting -= 1;
      if (waiting > 0) return;
      pageScripts = failed ? "failed" : "ready";
      document.documentElement.setAttribute("data-scripts", pageScripts);
      releaseHeldSubmit();
    }
    if (!waiting) {
      done();
      return;
    }
    sources.forEach(function (source) {
      var script = document.createElement("script");
      for (var i = 0; i < source.attributes.length; i++) {
        script.setAttribute(source.attributes[i].name, source.attributes[i].value);
      }
      script.async = false;
      script.onload = script.onerror = done;
      document.head.appendChild(script);
    });
  }

  /* Offline, the page's scripts keep what a form sends (an answer, a check-in) on the phone.
   * A form sent offline before they have arrived waits for them instead of going to the
   * network, where it would be lost. */
  document.addEventListener(
    "submit",
    function (event) {
      if (pageScripts !== "loading" || navigator.onLine) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      heldSubmit = { form: event.target, submitter: event.submitter || null };
    },
    true
  );

  /* A form in a [data-confirm] (the diary's "Delete" of a check-in) asks first, naming what
   * (its table row's header, the check-in's date, in place of "{date}"): yes sends it with
   * confirmed=1, no leaves everything as it was. Without this script the server, sent no
   * "confirmed", asks on a page of its own. */
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var asking = form.closest && form.closest("[data-confirm]");
    if (!asking) return;
    var row = form.closest("tr");
    var header = row && row.querySelector("th[scope=row]");
    var when = header ? header.textContent.trim() : "";
    var question = asking.getAttribute("data-confirm").replace("{date}", function () {
      return when;
    });
    if (!window.confirm(question)) {
      event.preventDefault();
      return;
    }
    var field = form.elements.confirmed;
    if (!field) {
      field = document.createElement("input");
      field.type = "hidden";
      field.name = "confirmed";
      form.appendChild(field);
    }
    field.value = "1";
  });

  function releaseHeldSubmit() {
    if (!heldSubmit) return;
    var held = heldSubmit;
    heldSubmit = null;
    if (!held.form.isConnected) return;
    if (held.form.requestSubmit) held.form.requestSubmit(held.submitter);
    else held.form.submit();
  }

  /* Once the page has loaded and its first content is on the screen (or after two seconds,
   * for a tab that is not shown and so never paints). */
  function afterFirstPaint(run) {
    var ran = false;
    function once() {
      if (!ran) {
        ran = true;
        run();
      }
    }
    var types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
    if (types.indexOf("paint") === -1 || performance.getEntriesByName("first-contentful-paint").length) {
      once();
      return;
    }
    var observer = new PerformanceObserver(function (list) {
      if (list.getEntriesByName("first-contentful-paint").length) {
        observer.disconnect();
        once();
      }
    });
    observer.observe({ type: "paint" });
    setTimeout(once, 2000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpServiceWorker();
    setUpInstall();
    setUpOfflineNote();
  });
  window.addEventListener("load", function () {
    afterFirstPaint(loadPageScripts);
  });
})();
