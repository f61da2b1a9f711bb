/* LumpGuide photos of the lump: taken with the phone's camera, made smaller here (a canvas,
 * JPEG), kept in this phone's own storage (IndexedDB) and shown from there (blob: addresses).
 * No photo is ever sent: no request, cookie or service worker cache holds one, and no file
 * input has a name, so no form sends it.
 * Every word and element is in the server's templates (templates/includes/photo_*.html and
 * the pages that use them): this script fills them in and shows them. Without it, or where
 * the browser cannot keep files, the page says what is missing and everything else works. */
(function () {
  "use strict";

  var DB = "lumpguide-photos";
  var STORE = "photos";
  var LONGEST_SIDE = 1600; /* px: the skin can be seen, and a phone holds many */
  var QUALITY = 0.85;
  var root = document.documentElement;
  var urls = {}; /* photo id -> its blob: address, made once on this page */
  var PRINT_KEY = "lumpguide-photos-to-print";
  var chosenForPrint = readChosen(); /* ids ticked in "Photos to print" */
  var labels = 0; /* for unique ids of captions */
  var scrolledToHash = false;

  var dateLocale = (function () {
    try {
      return JSON.parse(document.getElementById("lumpguide-config").textContent).dateLocale || root.lang;
    } catch (e) {
      return root.lang;
    }
  })();

  /* The ticks in "Photos to print" last as long as the tab (a reload keeps them), on the
     phone only: this browser's localStorage, as ids. They last until unticked, the photo is
     deleted or all photos are: ticked at home, they are still ticked at the doctor's. */
  function readChosen() {
    var chosen = {};
    try {
      JSON.parse(window.localStorage.getItem(PRINT_KEY) || "[]").forEach(function (id) {
        chosen[id] = true;
      });
    } catch (e) {
      /* no storage (a private window may refuse it): the ticks last as long as the page */
    }
    return chosen;
  }

  function keepChosen() {
    try {
      var ids = Object.keys(chosenForPrint);
      if (ids.length) window.localStorage.setItem(PRINT_KEY, JSON.stringify(ids));
      else window.localStorage.removeItem(PRINT_KEY);
    } catch (e) {
      /* as above */
    }
  }

  function all(selector, within) {
    return Array.prototype.slice.call((within || document).querySelectorAll(selector));
  }

  /* ---------- the store: one object per photo, the picture itself a Blob ---------- */

  function openStore() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE, { keyPath: "id" });
      };
      request.onsuccess = function () {
        var db = request.result;
        db.onversionchange = function () {
          db.close(); /* "Delete all" is waiting for this connection */
        };
        resolve(db);
      };
      request.onerror = function () {
        reject(request.error);
      };
    });
  }

  function withStore(mode, action) {
    return openStore().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var request = action(tx.objectStore(STORE));
        tx.oncomplete = function () {
          db.close();
          resolve(request ? request.result : undefined);
        };
        tx.onerror = tx.onabort = function () {
          db.close();
          reject(tx.error);
        };
      });
    });
  }

  /* Every photo, oldest first. */
  function readAll() {
    return withStore("readonly", function (store) {
      return store.getAll();
    }).then(function (photos) {
      return photos.sort(function (a, b) {
        return a.takenAt < b.takenAt ? -1 : a.takenAt > b.takenAt ? 1 : 0;
      });
    });
  }

  function deleteAll() {
    chosenForPrint = {};
    keepChosen();
    Object.keys(urls).forEach(function (id) {
      URL.revokeObjectURL(urls[id]);
      delete urls[id];
    });
    return new Promise(function (resolve, reject) {
      var request = indexedDB.deleteDatabase(DB);
      request.onsuccess = function () {
        resolve();
      };
      request.onerror = function () {
        reject(request.error);
      };
    });
  }

  /* Ask the browser not to clear them when the phone runs short of space. */
  function askToKeep() {
    var storage = navigator.storage;
    if (!storage || !storage.persist) return;
    storage.persisted().then(function (kept) {
      if (!kept) return storage.persist();
    }).catch(function () {});
  }

  /* ---------- words and dates (the templates' words, with {date} and {question}) ---------- */

  function fillIn(text, values) {
    return (text || "").replace(/\{(\w+)\}/g, function (marker, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : marker;
    });
  }

  function dateText(iso, withTime) {
    var options = withTime ? { dateStyle: "long", timeStyle: "short" } : { dateStyle: "long" };
    try {
      return new Intl.DateTimeFormat(dateLocale, options).format(new Date(iso));
    } catch (e) {
      return new Date(iso).toLocaleString();
    }
  }

  /* "38 kB", "1.2 MB" ("1,2 MB" in Spanish) */
  function sizeText(bytes) {
    var mega = bytes >= 1e6;
    var options = { style: "unit", unit: mega ? "megabyte" : "kilobyte", maximumFractionDigits: mega ? 1 : 0 };
    try {
      return new Intl.NumberFormat(dateLocale, options).format(mega ? bytes / 1e6 : bytes / 1e3);
    } catch (e) {
      return mega ? (bytes / 1e6).toFixed(1) + " MB" : Math.round(bytes / 1e3) + " kB";
    }
  }

  function photoTemplate() {
    return document.querySelector("template[data-photo-template]");
  }

  function altText(photo) {
    return fillIn(photoTemplate().getAttribute("data-alt"), { date: dateText(photo.takenAt) });
  }

  /* What it was taken for: a question (in the words it was asked in), a check-in (of which
     day; not saved yet; or deleted since), or on its own. */
  function ofText(photo) {
    var template = photoTemplate();
    if (photo.of === "question") return fillIn(template.getAttribute("data-for-question"), { question: photo.questionText });
    if (photo.of !== "check-in") return template.getAttribute("data-on-its-own");
    if (!photo.checkIn) return template.getAttribute("data-check-in-unsaved");
    /* A photo kept before check-ins' times were kept with it: it was saved on the check-in's form */
    var day = { date: dateText(photo.checkInAt || photo.savedAt) };
    return fillIn(template.getAttribute(photo.checkInDeleted ? "data-check-in-deleted" : "data-with-check-in"), day);
  }

  function urlOf(photo) {
    if (!urls[photo.id]) urls[photo.id] = URL.createObjectURL(photo.blob);
    return urls[photo.id];
  }

  /* Puts the status's words for `name` in it; returns the status (or null) */
  function say(within, name) {
    var status = within && within.querySelector("[data-photo-status]");
    if (status) status.textContent = status.getAttribute("data-" + name) || "";
    return status;
  }

  /* ---------- taking a photo ---------- */

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Array.prototype.map.call(crypto.getRandomValues(new Uint8Array(16)), function (b) {
      return (b + 256).toString(16).slice(1);
    }).join("");
  }

  /* The picture at most LONGEST_SIDE pixels long, as a JPEG (the camera's own file can be
     ten times as big). The browser turns it the right way up as it decodes it. */
  function shrink(file) {
    return new Promise(function (resolve, reject) {
      var source = URL.createObjectURL(file);
      var image = new Image();
      image.onload = function () {
        var scale = Math.min(1, LONGEST_SIDE / Math.max(image.naturalWidth, image.naturalHeight));
        var canvas = document.createElement("canvas");
        canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
        canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
        canvas.getContext("2d").drawImage(image, 0, 0, canvas.width, canvas.height);
        URL.revokeObjectURL(source);
        canvas.toBlob(
          function (blob) {
            if (blob) resolve({ blob: blob, width: canvas.width, height: canvas.height });
            else reject(new Error("unreadable"));
          },
          "image/jpeg",
          QUALITY,
        );
      };
      image.onerror = function () {
        URL.revokeObjectURL(source);
        reject(new Error("unreadable"));
      };
      image.src = source;
    });
  }

  /* When it was taken: the file's own time (a photo chosen from the phone's pictures keeps its
     day), else now. */
  function takenAt(file) {
    var now = Date.now();
    var time = file.lastModified && file.lastModified <= now && file.lastModified > Date.UTC(2000, 0) ? file.lastModified : now;
    return new Date(time).toISOString();
  }

  function take(block, file) {
    var heading = block.closest("#triage-screen") && document.querySelector("#triage-screen h1");
    return shrink(file)
      .then(function (small) {
        var photo = {
          id: uuid(),
          blob: small.blob,
          width: small.width,
          height: small.height,
          takenAt: takenAt(file),
          savedAt: new Date().toISOString(),
          of: block.getAttribute("data-of"),
          question: block.getAttribute("data-photo-question") || "",
          questionText: heading ? heading.textContent.trim() : "",
          checkIn: null /* a check-in's key, once the check-in is saved */,
        };
        return withStore("readwrite", function (store) {
          return store.put(photo);
        });
      })
      .then(function () {
        askToKeep();
        say(block, "saved");
        return render();
      })
      .catch(function (error) {
        say(block, error && error.name === "QuotaExceededError" ? "full" : "unreadable");
      });
  }

  function remove(id, within) {
    return withStore("readwrite", function (store) {
      return store.delete(id);
    }).then(function () {
      if (urls[id]) URL.revokeObjectURL(urls[id]);
      delete urls[id];
      delete chosenForPrint[id];
      keepChosen();
      /* Said, and the focus put, where the photo was taken: its block, else the page's first */
      say(within.querySelector("[data-photo-status]") ? within : document, "deleted");
      var next = within.querySelector("[data-photo-take]") || document.querySelector("[data-photo-take]");
      if (next) next.focus();
      return render();
    });
  }

  /* ---------- showing them ---------- */

  function sameDay(a, b) {
    return new Date(a).toDateString() === new Date(b).toDateString();
  }

  /* The photos a "take" block shows: on a question, every question's photo of today (this
     walk's: one taken on the skin screen shows on the surface screen, and back; each says
     which question it was for); the check-in's own (not yet saved with one, or kept with the
     one the server sent back to correct); none for "lump". */
  function ofBlock(block, photos) {
    var of = block.getAttribute("data-of");
    var today = new Date().toISOString();
    return photos.filter(function (photo) {
      if (photo.of !== of) return false;
      if (of === "question") return sameDay(photo.savedAt, today);
      if (of === "check-in") return !photo.checkIn || photo.checkIn === block.getAttribute("data-key");
      return false;
    });
  }

  function figure(photo, deletable) {
    var node = photoTemplate().content.firstElementChild.cloneNode(true);
    var image = node.querySelector("img");
    node.setAttribute("data-id", photo.id);
    image.src = urlOf(photo);
    image.alt = altText(photo);
    image.width = photo.width;
    image.height = photo.height;
    node.querySelector("[data-slot=date]").textContent = dateText(photo.takenAt, true);
    node.querySelector("[data-slot=of]").textContent = ofText(photo);
    var button = node.querySelector("[data-photo-delete]");
    if (deletable) {
      var caption = node.querySelector("figcaption");
      caption.id = "photo-caption-" + (labels += 1);
      button.setAttribute("aria-describedby", caption.id);
    } else {
      button.remove();
    }
    return node;
  }

  function fillList(list, photos, deletable, withIds) {
    list.textContent = "";
    photos.forEach(function (photo) {
      var node = figure(photo, deletable);
      if (withIds) node.id = "photo-" + photo.id;
      list.appendChild(node);
    });
  }

  function newestFirst(photos) {
    return photos.slice().reverse();
  }

  function render() {
    return readAll().then(function (photos) {
      all("[data-photo-block]").forEach(function (block) {
        fillList(block.querySelector("[data-photo-list]"), newestFirst(ofBlock(block, photos)), true, false);
      });
      all("[data-photo-gallery]").forEach(function (gallery) {
        fillList(gallery, newestFirst(photos), true, true);
      });
      all("[data-photo-empty]").forEach(function (empty) {
        empty.hidden = photos.length > 0;
      });
      all("[data-photos-only]").forEach(function (part) {
        part.hidden = !photos.length;
      });
      all("[data-photos-for]").forEach(function (row) {
        fillStrip(row, photos);
      });
      all("[data-photo-compare]").forEach(function (compare) {
        fillCompare(compare, photos);
      });
      all("[data-photo-print]").forEach(function (chooser) {
        fillChooser(chooser, photos);
      });
      fillPrinted(photos);
      all("[data-photo-usage]").forEach(function (usage) {
        fillUsage(usage, photos);
      });
      if (!scrolledToHash && /^#photo-/.test(window.location.hash)) {
        var target = document.getElementById(window.location.hash.slice(1));
        if (target) {
          scrolledToHash = true;
          target.scrollIntoView();
        }
      }
    });
  }

  /* The diary: a check-in's photos beside its size and pain (in its row's last cell, before
     the Delete button), each a link to it among all. */
  function fillStrip(row, photos) {
    var thumb = document.querySelector("template[data-photo-thumb]");
    var table = row.closest("[data-photos-url]");
    var cell = row.lastElementChild;
    var strip = cell.querySelector(".photo-strip");
    if (!strip) {
      strip = document.createElement("span");
      strip.className = "photo-strip";
      cell.insertBefore(strip, cell.querySelector("form"));
    }
    strip.textContent = "";
    photos.forEach(function (photo) {
      if (photo.checkIn !== row.getAttribute("data-photos-for")) return;
      var link = thumb.content.firstElementChild.cloneNode(true);
      var image = link.querySelector("img");
      link.href = table.getAttribute("data-photos-url") + "#photo-" + photo.id;
      image.src = urlOf(photo);
      image.alt = altText(photo);
      strip.appendChild(link);
    });
  }

  /* ---------- comparing two ---------- */

  /* A photo to choose (to compare or to print): a checkbox or radio button with its picture,
     date and what it was taken for. */
  function choice(photo, type, name, checked) {
    var node = document.querySelector("template[data-photo-choice]").content.firstElementChild.cloneNode(true);
    var input = node.querySelector("input");
    var label = node.querySelector("label");
    input.type = type;
    input.id = name + "-" + photo.id;
    input.value = photo.id;
    input.checked = checked;
    if (type === "radio") input.name = name;
    label.htmlFor = input.id;
    node.querySelector("img").src = urlOf(photo);
    node.querySelector("[data-slot=date]").textContent = dateText(photo.takenAt, true);
    node.querySelector("[data-slot=of]").textContent = ofText(photo);
    return node;
  }

  function compared(compare, which) {
    var checked = compare.querySelector("[data-compare=" + which + "] input:checked");
    return checked ? checked.value : "";
  }

  function fillCompare(compare, photos) {
    var enough = photos.length >= 2;
    compare.querySelector("[data-compare-few]").hidden = enough;
    compare.querySelector("[data-compare-ready]").hidden = !enough;
    if (!enough) return;
    ["first", "second"].forEach(function (which) {
      var list = compare.querySelector("[data-compare=" + which + "]");
      var before = compared(compare, which);
      var fallback = which === "first" ? photos[0].id : photos[photos.length - 1].id;
      var chosen = before && photos.some(function (p) { return p.id === before; }) ? before : fallback;
      list.textContent = "";
      photos.forEach(function (photo) {
        list.appendChild(choice(photo, "radio", "compare-" + which, photo.id === chosen));
      });
    });
    showCompared(compare, photos);
  }

  function showCompared(compare, photos) {
    var byId = {};
    photos.forEach(function (photo) {
      byId[photo.id] = photo;
    });
    ["first", "second"].forEach(function (which) {
      var photo = byId[compared(compare, which)];
      if (!photo) return;
      all("[data-compare-image=" + which + "]", compare).forEach(function (image) {
        image.src = urlOf(photo);
        if (!image.closest("[aria-hidden]")) image.alt = altText(photo);
      });
      compare.querySelector("[data-compare-date=" + which + "]").textContent = dateText(photo.takenAt, true);
      compare.querySelector("[data-compare-of=" + which + "]").textContent = ofText(photo);
      var side = compare.querySelector("[data-compare-side=" + which + "]");
      side.textContent = fillIn(side.getAttribute("data-text"), { date: dateText(photo.takenAt, true) }) + ". " + ofText(photo);
      /* The stage takes the shape of the photo under the line (the second) */
      if (which === "second") compare.querySelector(".compare-stage").style.aspectRatio = photo.width + " / " + photo.height;
    });
    reveal(compare);
  }

  function reveal(compare) {
    var range = compare.querySelector("[data-compare-range]");
    compare.querySelector(".compare-stage").style.setProperty("--reveal", range.value + "%");
  }

  /* ---------- the summary for a doctor: chosen photos, on paper only ---------- */

  function fillChooser(chooser, photos) {
    var list = chooser.querySelector("[data-photo-choices]");
    list.textContent = "";
    newestFirst(photos).forEach(function (photo) {
      list.appendChild(choice(photo, "checkbox", "print-photo", !!chosenForPrint[photo.id]));
    });
  }

  function fillPrinted(photos) {
    var section = document.querySelector("[data-photo-printed]");
    if (!section) return;
    var chosen = photos.filter(function (photo) {
      return chosenForPrint[photo.id];
    });
    fillList(section.querySelector("[data-photo-printed-list]"), chosen, false, false);
    section.hidden = !chosen.length;
  }

  /* ---------- "Your data" ---------- */

  function fillUsage(usage, photos) {
    var bytes = photos.reduce(function (sum, photo) {
      return sum + (photo.blob ? photo.blob.size : 0);
    }, 0);
    usage.querySelector("[data-slot=count]").textContent = String(photos.length);
    // Nothing to delete, nothing to press (and without this script it stays disabled: the
    // photos are kept by it alone)
    usage.querySelectorAll("[data-photo-delete-all]").forEach(function (button) {
      button.disabled = !photos.length;
    });
    usage.querySelector("[data-slot=size]").textContent = sizeText(bytes);
    var kept = usage.querySelector("[data-slot=persisted]");
    var storage = navigator.storage;
    (storage && storage.persisted ? storage.persisted() : Promise.resolve(false)).then(function (yes) {
      kept.textContent = kept.getAttribute(yes ? "data-yes" : "data-no");
    });
  }

  /* ---------- what the person does ---------- */

  document.addEventListener("click", function (event) {
    var target = event.target;
    var takeButton = target.closest("[data-photo-take]");
    if (takeButton) {
      takeButton.closest("[data-photo-block]").querySelector("[data-photo-input]").click();
      return;
    }
    var deleteButton = target.closest("[data-photo-delete]");
    if (deleteButton && window.confirm(deleteButton.getAttribute("data-confirm"))) {
      var holder = deleteButton.closest("[data-photo-block]") || document;
      remove(deleteButton.closest("[data-photo]").getAttribute("data-id"), holder);
      return;
    }
    if (deleteButton) return; /* not confirmed */
    var allButton = target.closest("[data-photo-delete-all]");
    if (allButton && window.confirm(allButton.getAttribute("data-confirm"))) {
      deleteAll().then(render).then(function () {
        var status = say(allButton.closest("[data-photo-usage]"), "deleted");
        // The button pressed is now disabled, which would drop the focus to the page's top:
        // it moves to what was said instead
        var focus = document.activeElement;
        if (status && (focus === allButton || focus === document.body || !focus)) status.focus();
      });
    }
  });

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches("[data-photo-input]")) {
      var block = target.closest("[data-photo-block]");
      var files = Array.prototype.slice.call(target.files || []);
      target.value = ""; /* the same picture can be chosen again */
      files.reduce(function (done, file) {
        return done.then(function () {
          return take(block, file);
        });
      }, Promise.resolve());
    } else if (target.closest("[data-compare]")) {
      readAll().then(function (photos) {
        showCompared(target.closest("[data-photo-compare]"), photos);
      });
    } else if (target.closest("[data-photo-choices]")) {
      if (target.checked) chosenForPrint[target.value] = true;
      else delete chosenForPrint[target.value];
      keepChosen();
      readAll().then(fillPrinted);
    }
  });

  document.addEventListener("input", function (event) {
    if (event.target.matches("[data-compare-range]")) reveal(event.target.closest("[data-photo-compare]"));
  });

  /* A check-in sent (now, or kept on the phone to send later, reminders.js): its photos go
     with its key, made on the phone, so they find it in the diary once it arrives. Before
     reminders.js sees the submit: both only read the form. */
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      var block = form.querySelector && form.querySelector("[data-photo-block][data-of=check-in]");
      if (!block || !form.elements.key) return;
      var key = form.elements.key.value;
      var at = new Date().toISOString(); /* the check-in's time, for the photo's label */
      var ids = all("[data-photo]", block).map(function (node) {
        return node.getAttribute("data-id");
      });
      if (!ids.length) return;
      withStore("readwrite", function (store) {
        ids.forEach(function (id) {
          store.get(id).onsuccess = function (got) {
            var photo = got.target.result;
            if (!photo) return;
            photo.checkIn = key;
            photo.checkInAt = at;
            store.put(photo);
          };
        });
        return null;
      }).catch(function () {});
    },
    true,
  );
  /* reminders.js empties the form once a check-in is kept for later: its photos went with it. */
  document.addEventListener("reset", function () {
    window.setTimeout(render, 0);
  }, true);

  /* A triage screen swapped in by htmx, or drawn on the phone offline (triage.js). */
  document.addEventListener("htmx:afterSettle", function () {
    render().catch(function () {});
  });
  document.addEventListener("lumpguide:screen", function () {
    render().catch(function () {});
  });

  /* After a check-in was deleted (the diary's notice names its key): its photos stay on the
     phone, now said to be with a check-in that was deleted, and the notice says where they are. */
  function markDeletedCheckIn() {
    var notice = document.querySelector("[data-check-in-deleted]");
    if (!notice) return Promise.resolve();
    var key = notice.getAttribute("data-check-in-deleted");
    var kept = 0;
    return withStore("readwrite", function (store) {
      store.getAll().onsuccess = function (got) {
        got.target.result.forEach(function (photo) {
          if (photo.checkIn !== key) return;
          photo.checkInDeleted = true;
          photo.checkInAt = photo.checkInAt || photo.savedAt;
          store.put(photo);
          kept += 1;
        });
      };
      return null;
    }).then(function () {
      all("[data-photos-kept]", notice).forEach(function (note) {
        note.hidden = !kept;
      });
    });
  }

  /* After "Delete all my data" (your_data?deleted=1): the photos on this phone go too. */
  function forgetIfAsked() {
    if (!document.querySelector("[data-forget-device]") || !window.indexedDB) return Promise.resolve();
    return deleteAll().then(function () {
      all("[data-photos-deleted]").forEach(function (note) {
        note.hidden = false;
      });
    });
  }

  function unsupported() {
    all("[data-photo-unsupported]").forEach(function (note) {
      note.hidden = false;
    });
  }

  /* Loaded after the page (app.js): the document is ready. */
  if (!window.indexedDB || !window.URL || !URL.createObjectURL || !window.HTMLCanvasElement) {
    unsupported();
    return;
  }
  forgetIfAsked()
    .then(openStore)
    .then(function (db) {
      db.close();
      root.classList.add("photos-ready");
      return markDeletedCheckIn().then(render);
    })
    .catch(unsupported);
})();
