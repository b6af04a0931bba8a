// DialReady client glue. Every behaviour lives here (no inline script: the CSP forbids it).
(function () {
  "use strict";
  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    if (status === 409 || status === 422) {
      return; // the server sent a form with messages: htmx swaps it in
    }
    window.alert("The server could not save this change (" + status + "). Your input is still on the page; try again.");
  });

  // The two Bootstrap behaviours the pages use, instead of its 80 KB script: the phone menu
  // button and the close button of a message.
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest("[data-bs-toggle='collapse']");
    if (toggle) {
      var target = document.querySelector(toggle.getAttribute("data-bs-target"));
      if (target) {
        var open = target.classList.toggle("show");
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
      }
      return;
    }
    var dismiss = event.target.closest("[data-bs-dismiss='alert']");
    if (dismiss) {
      var alert = dismiss.closest(".alert");
      if (alert) {
        alert.remove();
      }
    }
  });

  // Tables that stack as cards on a phone (.table-cards in app.css): each cell is labelled with
  // its column's name, again after htmx swaps rows in.
  function labelCells(root) {
    var tables = root.querySelectorAll ? root.querySelectorAll("table.table-cards") : [];
    Array.prototype.forEach.call(tables, function (table) {
      var names = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.replace(/\s+/g, " ").trim();
      });
      Array.prototype.forEach.call(table.querySelectorAll("tbody tr"), function (row) {
        Array.prototype.forEach.call(row.children, function (cell, index) {
          if (!cell.hasAttribute("data-label") && index < names.length) {
            cell.setAttribute("data-label", index === 0 ? "" : names[index]);
          }
        });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { labelCells(document); });
  document.addEventListener("htmx:afterSettle", function () { labelCells(document); });
})();
