/* Errors take you there (WCAG 3.3.1, 2.4.3). After a failed submit the error summary gets
   focus, so that it is read first; a link in it to a field scrolls the field's wrapper into
   view, so that its label, hint and message are seen with it, and then focuses the field.
   Without this script the links still move to the fields (see scroll-margin in portal.css). */
(function () {
  "use strict";

  var summary = document.querySelector(".error-summary");
  if (!summary) {
    return;
  }
  summary.focus();

  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) {
      return;
    }
    var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target || !target.matches("input, select, textarea, button")) {
      return;
    }
    event.preventDefault();
    (target.closest(".field") || target).scrollIntoView({ block: "start" });
    target.focus({ preventScroll: true });
  });
})();
