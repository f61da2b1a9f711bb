/* Filters the list of causes as you type, in the page itself, so search also works offline.
 * Without JavaScript the form asks the server instead. */
(function () {
  "use strict";

  function normalise(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }

  function filter(input) {
    var results = document.querySelector("[data-search-results]");
    if (!results) return;
    var words = normalise(input.value).split(/\s+/).filter(Boolean);
    var items = results.querySelectorAll("[data-search-text]");
    var shown = 0;
    items.forEach(function (item) {
      var text = normalise(item.getAttribute("data-search-text"));
      var match = words.every(function (word) {
        return text.indexOf(word) !== -1;
      });
      item.hidden = !match;
      if (match) shown += 1;
    });
    var empty = results.querySelector("[data-search-empty]");
    if (empty) empty.hidden = shown !== 0;
    var status = results.querySelector("[data-search-status]");
    if (status) {
      var text = shown === 1 ? results.getAttribute("data-one") : results.getAttribute("data-many");
      status.textContent = words.length ? text.replace("{count}", shown) : "";
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var input = document.querySelector("[data-search-input]");
    if (!input) return;
    input.addEventListener("input", function () {
      filter(input);
    });
    /* Offline, the server cannot search: keep the form on the page and filter here. */
    input.form.addEventListener("submit", function (event) {
      if (!navigator.onLine) {
        event.preventDefault();
        event.stopImmediatePropagation();
        filter(input);
      }
    }, true);
    var fromUrl = new URLSearchParams(window.location.search).get("q");
    if (fromUrl && !input.value) input.value = fromUrl;
    if (input.value) filter(input);
  });
})();
