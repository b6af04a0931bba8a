// The reference call page: mark fields whose autosave failed, and say so when a save could not
// reach the server. Loaded only on that page (no inline script: the CSP forbids it).
(function () {
  "use strict";

  function markInvalidFields() {
    var form = document.getElementById("call-form");
    if (!form) {
      return;
    }
    form.querySelectorAll("[data-errors-for]").forEach(function (slot) {
      var invalid = slot.textContent.trim() !== "";
      var name = slot.getAttribute("data-errors-for");
      form.querySelectorAll('[name="' + CSS.escape(name) + '"]').forEach(function (input) {
        input.classList.toggle("is-invalid", invalid);
        if (invalid) {
          input.setAttribute("aria-invalid", "true");
        } else {
          input.removeAttribute("aria-invalid");
        }
      });
    });
  }

  function sayInStatus(text) {
    var status = document.getElementById("call-status");
    if (status) {
      status.textContent = text;
    }
  }

  document.addEventListener("DOMContentLoaded", markInvalidFields);
  document.addEventListener("htmx:afterSettle", markInvalidFields);

  // A save answered by the login page means the session ended: keep the page as it is.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if (xhr && xhr.responseURL && xhr.responseURL.indexOf("/accounts/login/") !== -1) {
      event.detail.shouldSwap = false;
      sayInStatus("Not saved: you were signed out. Your notes are still on this page; sign in " +
        "again in another tab, then press Save draft.");
    }
  });

  document.addEventListener("htmx:sendError", function () {
    sayInStatus("Not saved: the server could not be reached. Your notes are still on this page; " +
      "the next change or Save draft tries again.");
  });
})();
