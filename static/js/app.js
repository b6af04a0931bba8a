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
})();
