// Job order pages. Loaded as a file: the CSP forbids inline script.
(function () {
  "use strict";
  // The skill typeahead asks candidates:skill_suggest, which reads ?q=. A row's skill input is
  // named "skill" (it posts with its row), so send what was typed as q too.
  document.addEventListener("htmx:configRequest", function (event) {
    var elt = event.detail.elt;
    if (elt && elt.hasAttribute && elt.hasAttribute("data-skill-input")) {
      event.detail.parameters.q = elt.value;
    }
  });
})();
