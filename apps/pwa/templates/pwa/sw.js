/* LumpGuide service worker, served from /sw.js by a Django view (never cached itself).
 * Static files (content-hashed names): cache first. Pages: network first, falling back to
 * the cache, then to the offline page. HTMX fragments live in their own cache, so a fragment
 * is never served as a whole page. Caches carry the deploy version and old ones are removed
 * on activate. A new version waits until the page asks it to take over. */
"use strict";
const CONFIG = {{ config|safe }};
importScripts("{{ reminders_sw }}");

const PREFIX = "lumpguide-";
// Pages are kept per language (each edition is served at the same URLs): switching language
// online brings a new worker that stores that edition; the other edition's pages stay.
const LANGUAGE = CONFIG.language;
const STATIC_CACHE = `${PREFIX}static-${CONFIG.version}`;
const PAGES_CACHE = `${PREFIX}pages-${LANGUAGE}-${CONFIG.version}`;
const FRAGMENTS_CACHE = `${PREFIX}fragments-${LANGUAGE}-${CONFIG.version}`;
const CURRENT = [STATIC_CACHE, PAGES_CACHE, FRAGMENTS_CACHE];
const NETWORK_TIMEOUT_MS = 4000;
const NEVER_CACHE = CONFIG.neverCache;

/* The pages that open offline from the start (the shell, every article, the triage's
   screens): fetched afresh, with the phone's cookies, so in its region and language. A page
   that fails (a dropped connection, a busy server) is asked for twice more, and the others are
   stored whatever happens to it. `stillWanted()` says whether to store what comes back: false
   once a newer region change has begun (its pages are the ones to keep). Resolves to the
   addresses that could not be stored. */
async function storePages(urls = CONFIG.pages, stillWanted = () => true) {
  const pages = await caches.open(PAGES_CACHE);
  const missing = [];
  await Promise.all(
    urls.map(async (url) => {
      if (!(await storePage(pages, url, stillWanted))) missing.push(url);
    }),
  );
  return missing;
}

async function storePage(pages, url, stillWanted) {
  for (const wait of [0, 1000, 3000]) {
    if (wait) await new Promise((resolve) => setTimeout(resolve, wait));
    try {
      const response = await fetch(url, { cache: "reload", credentials: "same-origin" });
      if (response.ok) {
        if (stillWanted()) await pages.put(url, response);
        return true;
      }
    } catch (error) {
      /* Offline or refused: asked for again, then listed as missing. */
    }
  }
  return false;
}

/* Each region change is numbered: a slower, older one stores nothing once a newer began. */
let regionChanges = 0;

/* After a region change every stored page shows the old region's numbers. This edition's
   offline page is stored again first (the page shown for any other while offline, with the new
   numbers), then every other page of the old region is deleted (never shown again, even for
   the seconds the rest take), then this edition's offline pages are stored again. Other
   editions' pages and every fragment go too: only their own worker can store them again. */
async function changeRegion() {
  const change = ++regionChanges;
  const stillWanted = () => change === regionChanges;
  const names = await caches.keys();
  await Promise.all(
    names
      .filter((name) => name.startsWith(`${PREFIX}fragments-`) || (name.startsWith(`${PREFIX}pages-`) && name !== PAGES_CACHE))
      .map((name) => caches.delete(name)),
  );
  const pages = await caches.open(PAGES_CACHE);
  const offlineStored = await storePage(pages, CONFIG.offline, stillWanted);
  const old = (await pages.keys()).filter((request) => !offlineStored || new URL(request.url).pathname !== CONFIG.offline);
  await Promise.all(old.map((request) => pages.delete(request)));
  // The rest (the offline page again only if it could not be stored just now)
  return storePages(offlineStored ? CONFIG.pages.filter((url) => url !== CONFIG.offline) : CONFIG.pages, stillWanted);
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const staticCache = await caches.open(STATIC_CACHE);
      await staticCache.addAll(CONFIG.static);
      await storePages();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((name) => name.startsWith(PREFIX) && !CURRENT.includes(name))
          .filter((name) => name.startsWith(`${PREFIX}static-`) || ofThisLanguage(name))
          .map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  const type = event.data && event.data.type;
  if (type === "SKIP_WAITING") {
    self.skipWaiting();
  } else if (type === "LANGUAGE" && event.ports[0]) {
    // Which edition this worker stores (app.js: a worker for the edition the person has
    // just chosen takes over at once, not at the next deploy's "Reload to update").
    event.ports[0].postMessage(LANGUAGE);
  } else if (type === "PURGE_PAGES") {
    // The region changed: the page that asked hears when its pages are stored again, and
    // which could not be (its port).
    event.waitUntil(
      changeRegion().then((missing) => {
        if (event.ports[0]) event.ports[0].postMessage({ missing });
      }),
    );
  }
});

/* A pages or fragments cache of this worker's language (or of none: from before editions). */
function ofThisLanguage(name) {
  const match = /^lumpguide-(?:pages|fragments)-(?:([a-z]{2,3}(?:-[a-z0-9]+)?)-)?[0-9a-f]+$/.exec(name);
  return !match || !match[1] || match[1] === LANGUAGE;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    // A form sent with no connection (a setting, the language): the offline page says that
    // it needs one, instead of the browser's error.
    if (request.mode === "navigate") event.respondWith(sendOrOffline(request));
    return;
  }
  const url = new URL(request.url);
  // Only the site's own http(s) requests: never a blob: or data: address (a photo of the lump
  // is shown from one: photos.js), which is neither fetched from here nor stored.
  if (url.protocol !== self.location.protocol || url.origin !== self.location.origin) return;
  if (NEVER_CACHE.some((prefix) => url.pathname.startsWith(prefix))) return;
  if (CONFIG.static.includes(url.pathname) || url.pathname.startsWith(CONFIG.staticPrefix)) {
    event.respondWith(cacheFirst(request));
  } else if (request.headers.get("HX-Request") === "true") {
    event.respondWith(fragment(request));
  } else {
    event.respondWith(page(request, event));
  }
});

async function cacheFirst(request) {
  const cache = await caches.open(STATIC_CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

function storable(response) {
  const cacheControl = response.headers.get("Cache-Control") || "";
  return response.ok && response.type === "basic" && !/no-store|private/.test(cacheControl);
}

async function networkWithTimeout(request) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), NETWORK_TIMEOUT_MS);
  try {
    return await fetch(request, { signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
}

async function page(request, event) {
  const cache = await caches.open(PAGES_CACHE);
  try {
    const response = await networkWithTimeout(request);
    if (storable(response)) event.waitUntil(cache.put(request, response.clone()));
    return response;
  } catch (error) {
    const url = new URL(request.url);
    // One stored copy per page (fragments have their own cache): a Vary on the cookie or
    // HX-Request must not hide it when the phone is offline.
    const cached =
      (await cache.match(request, { ignoreVary: true })) ||
      (CONFIG.searchPages.includes(url.pathname) && (await cache.match(url.pathname))) ||
      // A triage screen (never stored: it is the person's own): the stored start page, on
      // which triage.js draws that screen again from the answers this tab keeps.
      (request.mode === "navigate" && isTriageScreen(url.pathname) && (await cache.match(CONFIG.urls.triage_start))) ||
      (request.mode === "navigate" && (await cache.match(CONFIG.offline)));
    if (cached) return cached;
    return new Response("Offline", { status: 503, headers: { "Content-Type": "text/plain" } });
  }
}

function isTriageScreen(path) {
  const urls = CONFIG.urls;
  const [before, after] = urls.triage_question.split("__question__");
  const question = path.startsWith(before) && path.endsWith(after) && path.length > before.length + after.length;
  return question || path === urls.triage_summary || path === urls.triage_result;
}

async function sendOrOffline(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const cache = await caches.open(PAGES_CACHE);
    const offline = await cache.match(CONFIG.offline);
    return offline || new Response("Offline", { status: 503, headers: { "Content-Type": "text/plain" } });
  }
}

async function fragment(request) {
  const cache = await caches.open(FRAGMENTS_CACHE);
  try {
    const response = await networkWithTimeout(request);
    if (storable(response)) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request);
    if (cached) return cached;
    return new Response("", { status: 503, headers: { "X-LumpGuide-Offline": "1" } });
  }
}
