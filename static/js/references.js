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

  // Someone else changed a field while it was being edited: the server shows their version
  // beside it. "Use theirs" puts it in the field (the server does the same without JavaScript);
  // after either choice, focus goes back to the field, or to the next choice if still torn.
  var resolving = null;

  function inputsNamed(form, name) {
    return form.querySelectorAll('[name="' + CSS.escape(name) + '"]');
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-use-theirs]");
    var form = document.getElementById("call-form");
    if (!button || !form) {
      return;
    }
    var name = button.getAttribute("data-use-theirs");
    var theirs = form.querySelector('input[name="' + CSS.escape("theirs-" + name) + '"]');
    if (!theirs) {
      return;
    }
    inputsNamed(form, name).forEach(function (input) {
      if (input.type === "radio") {
        input.checked = input.value === theirs.value;
      } else if (input.type === "checkbox") {
        input.checked = theirs.value !== "";
      } else {
        input.value = theirs.value;
      }
    });
  });

  // The answer to a choice (not to an autosave that settles meanwhile) moves the focus.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    if (elt && elt.hasAttribute && elt.hasAttribute("data-resolve-for")) {
      resolving = { name: elt.getAttribute("data-resolve-for"), xhr: event.detail.xhr };
    }
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var form = document.getElementById("call-form");
    if (!resolving || !form || event.detail.xhr !== resolving.xhr) {
      return;
    }
    var slot = document.getElementById("conflict-" + resolving.name);
    var next = slot && slot.querySelector("button");
    var field = inputsNamed(form, resolving.name)[0];
    resolving = null;
    (next || field).focus();
  });

  // Every autosave answers with each field's conflict slot. A slot still showing the same
  // version of theirs is left in place (only "your version" is brought up to date): replacing
  // it would drop a click on its buttons, e.g. the blur of the box autosaving just as the
  // salesperson presses Keep mine.
  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    var slot = event.detail.target;
    if (!slot || !slot.hasAttribute || !slot.hasAttribute("data-conflict-for")) {
      return;
    }
    var before = slot.querySelector('input[name^="seen-"]');
    var after = event.detail.fragment.querySelector('input[name^="seen-"]');
    if (!before || !after || before.value !== after.value) {
      return;
    }
    event.detail.shouldSwap = false;
    var mine = slot.querySelector('[data-testid^="mine-"]');
    var newMine = event.detail.fragment.querySelector('[data-testid^="mine-"]');
    if (mine && newMine) {
      mine.textContent = newMine.textContent;
    }
  });

  // Leaving with a choice still open would drop the text that was not saved.
  window.addEventListener("beforeunload", function (event) {
    if (document.querySelector("[data-conflict-for] .call-conflict")) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

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
