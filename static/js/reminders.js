/* LumpGuide reminders page script. Everything here is an enhancement: without it the forms
 * post as usual. It fills in the phone's time zone, turns on push notifications (from a tap),
 * and keeps check-ins made offline in IndexedDB, each with a random key, until they are sent. */
(function () {
  "use strict";

  var DB = "lumpguide-reminders";
  var STORE = "checkins";
  var SYNC_TAG = "lumpguide-checkins";

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (input) return input.value;
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["x-csrftoken"] || "";
    } catch (e) {
      return "";
    }
  }

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) {
      return (x + 256).toString(16).slice(1);
    }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  /* IndexedDB queue (the service worker reads the same store). */
  function openQueue() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE, { keyPath: "key" });
      };
      request.onsuccess = function () {
        resolve(request.result);
      };
      request.onerror = function () {
        reject(request.error);
      };
    });
  }

  function queue(mode, action) {
    return openQueue().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var request = action(tx.objectStore(STORE));
        tx.oncomplete = function () {
          db.close();
          resolve(request ? request.result : undefined);
        };
        tx.onerror = function () {
          reject(tx.error);
        };
      });
    });
  }

  function send(entry, token) {
    return fetch(entry.url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-CSRFToken": token || entry.csrf,
        Accept: "application/json",
      },
      body: entry.body,
    });
  }

  function status(text) {
    var el = document.getElementById("check-in-status");
    if (el) {
      el.textContent = text;
      el.hidden = !text;
    }
  }

  /* One sender at a time, shared with the service worker (see sw-reminders.js). */
  function withLock(action) {
    if (navigator.locks) return navigator.locks.request(SYNC_TAG, action);
    return action();
  }

  /* The queue is sent by the service worker alone (sw-reminders.js): the page only asks it
     to, with this page's CSRF token. It answers with a CHECKINS_SENT message. */
  function replay() {
    if (!navigator.serviceWorker || !navigator.onLine) return;
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.active) {
        registration.active.postMessage({ type: "REPLAY_CHECKINS", csrf: csrfToken() });
      }
    }).catch(function () {});
  }

  function setUpCheckIn() {
    var form = document.getElementById("check-in-form");
    if (!form || !window.indexedDB || !window.fetch) return;
    var messages = {
      saved: form.getAttribute("data-saved-offline"),
    };
    /* A fresh key for each check-in this page will record: the page may come from the
       service worker's cache, with the key it was stored with. A double tap sends the same
       key twice, and the server keeps one. */
    form.elements.key.value = uuid();
    var leaving = false; /* saved and on the way to the diary: a second tap does nothing */
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (leaving) return;
      var queuedAt = new Date().toISOString();
      var body = new URLSearchParams(new FormData(form));
      var now = body.toString(); /* sent now: the server's clock gives its time */
      body.set("recorded_at", queuedAt); /* kept for later: it keeps the time of the tap */
      var entry = {
        key: form.elements.key.value,
        url: form.action,
        body: body.toString(),
        csrf: csrfToken(),
        queuedAt: queuedAt,
      };
      /* Stored first, so nothing is lost if the phone is closed while sending. */
      withLock(function () {
        return queue("readwrite", function (store) {
          return store.put(entry);
        }).then(function () {
          return send({ key: entry.key, url: entry.url, body: now, csrf: entry.csrf }).then(
            function (response) {
              if (response.ok) {
                return queue("readwrite", function (store) {
                  return store.delete(entry.key);
                }).then(function () {
                  if (leaving) return;
                  leaving = true;
                  window.location.assign(form.getAttribute("data-diary-url") + "?saved=1");
                });
              }
              if (response.status === 400 || response.status === 429) {
                /* Let the server show what is wrong (or the day's limit), as without
                   JavaScript. */
                return queue("readwrite", function (store) {
                  return store.delete(entry.key);
                }).then(function () {
                  form.submit();
                });
              }
              throw new Error("server " + response.status);
            },
            function () {
              return queueForLater();
            },
          );
        });
      }).catch(function () {
        return queueForLater();
      });

      function queueForLater() {
        status(messages.saved);
        /* Shown where the person is looking: the form empties below them (a review saw only
           a blank form, the words 830 px above it). */
        var shown = document.getElementById("check-in-status");
        if (shown && shown.scrollIntoView) shown.scrollIntoView({ block: "center" });
        form.reset();
        form.elements.key.value = uuid(); /* the next check-in on this page is a new one */
        if (navigator.serviceWorker) {
          navigator.serviceWorker.ready.then(function (registration) {
            if (registration.sync) return registration.sync.register(SYNC_TAG);
          }).catch(function () {});
        }
      }
    });
    window.addEventListener("online", replay);
  }

  function setUpTimeZone() {
    var form = document.querySelector("[data-detect-timezone]");
    var select = document.getElementById("id_timezone");
    if (!form || !select || !window.Intl) return;
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    var chosen = select.options[select.selectedIndex];
    if (chosen && !chosen.defaultSelected) return; /* the person has picked one already */
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === zone) {
        select.value = zone;
        return;
      }
    }
  }

  function keyBytes(base64url) {
    var padding = "====".slice((base64url.length + 3) % 4 + 1);
    var raw = window.atob((base64url + padding).replace(/-/g, "+").replace(/_/g, "/"));
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  /* Ask for permission (only ever from a tap), subscribe and tell the server. Resolves to
     "on", "blocked" or "failed", the push box's data-* message for each. */
  function turnOnPush(box, key) {
    return Notification.requestPermission()
      .then(function (permission) {
        if (permission !== "granted") throw new Error("denied");
        return navigator.serviceWorker.ready;
      })
      .then(function (registration) {
        return registration.pushManager.getSubscription().then(function (existing) {
          return existing || registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key) });
        });
      })
      .then(function (subscription) {
        return fetch(box.getAttribute("data-subscribe-url"), {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
          body: JSON.stringify(subscription),
        });
      })
      .then(function (response) {
        if (!response.ok) throw new Error("server");
        return "on";
      })
      .catch(function (error) {
        return error && error.message === "denied" ? "blocked" : "failed";
      });
  }

  /* The reminder just set: its calendar file downloads at once (the button stays for a
     second try); the address loses ?created so a reload does not download it again. */
  function downloadNow() {
    var link = document.querySelector("[data-download-now]");
    if (!link) return;
    link.click();
    if (window.history && history.replaceState) history.replaceState(null, "", window.location.pathname);
  }

  function setUpPush() {
    var box = document.getElementById("push-controls");
    if (!box) return;
    var supported = "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
    var key = box.getAttribute("data-vapid-key");
    if (!supported || !key) return;
    box.querySelectorAll("[data-push-unsupported]").forEach(function (el) {
      el.hidden = true;
    });
    box.querySelectorAll("[data-push-supported]").forEach(function (el) {
      el.hidden = false;
    });
    var out = document.getElementById("push-status");
    var button = document.getElementById("push-enable");
    button.addEventListener("click", function () {
      turnOnPush(box, key).then(function (result) {
        out.textContent = box.getAttribute("data-" + result);
      });
    });
    /* A reminder by notification, chosen before notifications are on: turn them on in the
       same tap, then save it (issue 20). If they cannot be turned on, the server refuses it
       with the way out, as without JavaScript. */
    var form = document.getElementById("reminder-form");
    if (form && form.getAttribute("data-has-push") === "false") {
      var submitting = false;
      form.addEventListener("submit", function (event) {
        var channel = form.querySelector("input[name=channel]:checked");
        if (submitting || !channel || (channel.value !== "push" && channel.value !== "both")) return;
        event.preventDefault();
        submitting = true;
        turnOnPush(box, key).then(function (result) {
          out.textContent = box.getAttribute("data-" + result);
          form.submit();
        });
      });
    }
    var off = document.getElementById("push-off-form");
    if (off) {
      off.addEventListener("submit", function () {
        navigator.serviceWorker.ready.then(function (registration) {
          return registration.pushManager.getSubscription();
        }).then(function (subscription) {
          if (subscription) subscription.unsubscribe();
        }).catch(function () {});
      });
    }
  }

  /* After "delete all my data": forget this phone's queue and push subscription too. */
  function forgetDevice() {
    if (!document.querySelector("[data-forget-device]")) return;
    if (window.indexedDB) indexedDB.deleteDatabase(DB);
    try {
      window.sessionStorage.clear(); /* a walk drawn on the phone (triage.js) */
    } catch (e) {
      /* no storage */
    }
    if (navigator.serviceWorker) {
      navigator.serviceWorker.ready.then(function (registration) {
        return registration.pushManager && registration.pushManager.getSubscription();
      }).then(function (subscription) {
        if (subscription) subscription.unsubscribe();
      }).catch(function () {});
    }
  }

  if (navigator.serviceWorker) {
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data && event.data.type === "CHECKINS_SENT") {
        var form = document.getElementById("check-in-form");
        status((form && form.getAttribute("data-sent")) || "");
      }
    });
  }

  /* Loaded after the page (app.js): the document is ready. */
  setUpTimeZone();
  setUpPush();
  setUpCheckIn();
  downloadNow();
  forgetDevice();
  replay();
})();
