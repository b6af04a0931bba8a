// Candidate profile glue: focus follows the in-place edits (no inline script: the CSP forbids it).
(function () {
  "use strict";

  // Opening "Add an engagement" puts the cursor in its first field. `toggle` does not bubble,
  // so listen in the capture phase.
  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (details.classList && details.classList.contains("engagement-add") && details.open) {
      var first = details.querySelector("input:not([type=hidden]), textarea, select");
      if (first) {
        first.focus();
      }
    }
  }, true);

  // A refused save puts the focus on the first field with a message: static/js/focus.js.
})();
