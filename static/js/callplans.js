// Call plan page: every htmx save carries the plan version last seen on this page, so a save
// from a stale copy is refused instead of overwriting someone else's work.
(function () {
  "use strict";
  document.addEventListener("htmx:configRequest", function (event) {
    var current = document.getElementById("plan-version");
    if (!current || !event.detail.elt.closest("[data-plan]")) {
      return;
    }
    var params = event.detail.parameters;
    Array.from(params.keys()).forEach(function (name) {
      if (name === "version" || name.endsWith("-version")) {
        params.set(name, current.value);
      }
    });
  });
})();
