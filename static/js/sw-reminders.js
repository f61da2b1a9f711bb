/* LumpGuide service worker, reminders part (imported by /sw.js).
 * - push: shows the reminder. Reads the Declarative Web Push shape ({web_push, notification})
 *   and a plain {title, body, navigate} alike. The tag is the reminder's push Topic, so a
 *   re-sent copy replaces the notification instead of adding a second one.
 * - notificationclick: opens (or focuses) the check-in screen the notification points to.
 * - sync / start-up: sends check-ins saved while offline (queued in IndexedDB by the page),
 *   each with its idempotency key, so the server stores each one once. */
"use strict";

const LG_DB = "lumpguide-reminders";
const LG_STORE = "checkins";
const LG_SYNC_TAG = "lumpguide-checkins";
/* CONFIG (from /sw.js, which imports this file) carries every URL, each from reverse(). */
const LG_CHECK_IN_PATH = CONFIG.urls.check_in;

function lgOpenQueue() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(LG_DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(LG_STORE, { keyPath: "key" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function lgQueueRun(mode, action) {
  return lgOpenQueue().then(
    (db) =>
      new Promise((resolve, reject) => {
        const tx = db.transaction(LG_STORE, mode);
        const result = action(tx.objectStore(LG_STORE));
        tx.oncomplete = () => {
          db.close();
          resolve(result && "result" in result ? result.result : undefined);
        };
        tx.onerror = () => reject(tx.error);
      }),
  );
}

/* One sender at a time (page or worker), so a check-in is never in flight twice and the
 * first one to reach the server has set the phone's cookie before the next is sent. */
function lgWithLock(action) {
  if (self.navigator && navigator.locks) return navigator.locks.request(LG_SYNC_TAG, action);
  return action();
}

/* Send every queued check-in. 2xx (stored, or a duplicate the server dropped) and 400
 * (invalid, will never pass) leave the queue; anything else stays for the next try. */
function lgReplayCheckIns(csrfToken) {
  return lgWithLock(() => lgReplayUnlocked(csrfToken));
}

/* The page asks for a replay when it opens or comes back online, with its CSRF token. */
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "REPLAY_CHECKINS") {
    event.waitUntil(lgReplayCheckIns(event.data.csrf).catch(() => 0));
  }
});

async function lgReplayUnlocked(csrfToken) {
  const entries = (await lgQueueRun("readonly", (store) => store.getAll())) || [];
  let sent = 0;
  for (const entry of entries) {
    let response;
    try {
      response = await fetch(entry.url, {
        method: "POST",
        credentials: "same-origin",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "X-CSRFToken": csrfToken || entry.csrf,
          Accept: "application/json",
        },
        body: entry.body,
      });
    } catch (error) {
      throw error; /* still offline: Background Sync will try again */
    }
    if (response.ok || response.status === 400) {
      await lgQueueRun("readwrite", (store) => store.delete(entry.key));
      if (response.ok) sent += 1;
    }
  }
  if (sent) {
    const windows = await self.clients.matchAll({ type: "window" });
    windows.forEach((client) => client.postMessage({ type: "CHECKINS_SENT", count: sent }));
  }
  return sent;
}

/* Where a notification's click goes: its own link when it is on this site, else the check-in. */
function lgNotificationUrl(notification) {
  const data = (notification && notification.data) || {};
  try {
    const url = new URL(data.url || LG_CHECK_IN_PATH, self.location.origin);
    if (url.origin === self.location.origin) return url.href;
  } catch (error) {
    /* fall through */
  }
  return new URL(LG_CHECK_IN_PATH, self.location.origin).href;
}
self.lgNotificationUrl = lgNotificationUrl;
self.lgReplayCheckIns = lgReplayCheckIns;

self.addEventListener("push", (event) => {
  let msg = {};
  try {
    msg = event.data ? event.data.json() : {};
  } catch (error) {
    msg = { title: event.data ? event.data.text() : "" };
  }
  const n = msg.notification || msg;
  const title = n.title || "LumpGuide";
  event.waitUntil(
    self.registration.showNotification(title, {
      body: n.body || "",
      tag: n.tag || (msg.reminder ? `lumpguide-reminder-${msg.reminder}` : undefined),
      icon: CONFIG.urls.icon,
      data: { url: n.navigate || n.url || LG_CHECK_IN_PATH, reminder: msg.reminder || null },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = lgNotificationUrl(event.notification);
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      for (const client of windows) {
        if (client.url === target && "focus" in client) return client.focus();
      }
      return self.clients.openWindow(target);
    })(),
  );
});

self.addEventListener("sync", (event) => {
  if (event.tag === LG_SYNC_TAG) event.waitUntil(lgReplayCheckIns());
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "REPLAY_CHECKINS") {
    event.waitUntil(lgReplayCheckIns().catch(() => 0));
  }
});

/* Browsers without Background Sync: try whenever the worker starts. */
lgReplayCheckIns().catch(() => 0);
