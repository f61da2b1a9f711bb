/* "Summary for your doctor": the Share button and the print button, as progressive
 * enhancement. Without JavaScript the page prints from the browser's menu and the text can be
 * downloaded; this only adds buttons. Every word comes from the templates (data-* attributes);
 * this script fetches nothing and names no URL. */
(function () {
  "use strict";

  var root = document.documentElement;
  var canShare = typeof navigator.share === "function";
  var canCopy = !canShare && !!(navigator.clipboard && navigator.clipboard.writeText);
  if (canShare) root.classList.add("can-share");
  if (canCopy) root.classList.add("can-copy");

  /* The text of the [data-share-part] elements of the button's scope, in page order. */
  function shareText(button) {
    var scope = button.closest("[data-share-scope]") || document;
    return Array.prototype.map
      .call(scope.querySelectorAll("[data-share-part]"), function (el) {
        return el.innerText.trim();
      })
      .filter(Boolean)
      .join("\n\n");
  }

  function say(button, text) {
    var status = button.parentNode.querySelector("[data-share-status]");
    if (status) status.textContent = text;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-share]");
    if (button) {
      var text = shareText(button);
      if (canShare) {
        navigator.share({ title: button.getAttribute("data-title"), text: text }).catch(function () {
          /* The person closed the share sheet: nothing to do. */
        });
      } else if (canCopy) {
        navigator.clipboard.writeText(text).then(
          function () {
            say(button, button.getAttribute("data-copied"));
          },
          function () {},
        );
      }
      return;
    }
    if (event.target.closest && event.target.closest("[data-print-page]")) window.print();
  });

  /* Loaded after the page (app.js): the document is ready. */
  document.querySelectorAll("[data-print-page]").forEach(function (button) {
    button.hidden = false;
  });
})();
