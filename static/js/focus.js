// Focus follows the work, on every page (no inline script: the CSP forbids it).
//
// After an htmx swap the server says where the keyboard focus goes and what to announce, either
// as the "dr:done" event of an HX-Trigger-After-Settle header ({"focus": "#objection-12",
// "say": "Objection saved"}, sent by core.htmx.done) or as data-dr-focus / data-dr-say on the
// swapped markup. The words go to the one polite live region, #dr-status in base.html, which
// also shows them for a few seconds. A refused save (409, 422) that names neither puts the focus
// on the first field with a message, else on the message.
(function () {
  "use strict";
  var SHOWN_FOR_MS = 8000;
  var said = 0;

  function say(text) {
    var region = document.getElementById("dr-status");
    if (!region || !text) {
      return;
    }
    var turn = ++said;
    // Emptied first and filled a moment later, so the same words twice in a row are spoken twice.
    region.textContent = "";
    window.setTimeout(function () {
      if (turn !== said) {
        return;
      }
      region.textContent = text;
      window.setTimeout(function () {
        if (turn === said) {
          region.textContent = "";
        }
      }, SHOWN_FOR_MS);
    }, 50);
  }

  function focusOn(target) {
    if (!target || typeof target.focus !== "function") {
      return false;
    }
    // A row, card or heading is not focusable by itself: -1 lets a script, not Tab, focus it.
    if (target.tabIndex < 0 && !target.hasAttribute("tabindex")) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus();
    return document.activeElement === target;
  }

  function find(selector) {
    try {
      return selector ? document.querySelector(selector) : null;
    } catch (error) {
      return null; // not a selector: nothing to focus
    }
  }

  var handled = null; // the request whose answer named its focus: its refusal fallback is off

  function follow(detail, xhr) {
    if (!detail) {
      return;
    }
    if (detail.focus) {
      focusOn(find(detail.focus));
    }
    if (detail.say) {
      say(detail.say);
    }
    handled = xhr || handled;
  }

  document.addEventListener("dr:done", function (event) {
    follow(event.detail, null);
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var swapped = event.detail.elt;
    var xhr = event.detail.xhr;
    if (!swapped || !swapped.querySelectorAll) {
      return;
    }
    var marked = Array.prototype.slice.call(swapped.querySelectorAll("[data-dr-focus], [data-dr-say]"));
    if (swapped.matches("[data-dr-focus], [data-dr-say]")) {
      marked.unshift(swapped);
    }
    marked.forEach(function (node) {
      var focus = node.getAttribute("data-dr-focus");
      var detail = {
        focus: focus === "" ? null : focus,
        say: node.getAttribute("data-dr-say")
      };
      if (focus === "") {
        focusOn(node); // data-dr-focus with no value: this element itself
      }
      node.removeAttribute("data-dr-focus");
      node.removeAttribute("data-dr-say");
      follow(detail, xhr);
    });
    if (!xhr || (xhr.status !== 409 && xhr.status !== 422) || handled === xhr) {
      return;
    }
    if (xhr.getResponseHeader("HX-Trigger-After-Settle")) {
      return; // the server named the focus: the dr:done event that follows moves it
    }
    var first = swapped.querySelector("[aria-invalid='true'], .is-invalid") ||
      swapped.querySelector("[role='alert']");
    if (first && focusOn(first)) {
      handled = xhr;
    }
  });
})();
