// Review list: "select every plan on this page" and a count of ticked plans against the
// 50-plan limit. Without JavaScript the checkboxes still post; the server enforces the limit.
(function () {
  "use strict";
  function setUp() {
    var form = document.getElementById("export-form");
    if (!form) {
      return;
    }
    var max = parseInt(form.dataset.max, 10);
    var all = document.getElementById("select-all");
    var count = document.getElementById("export-count");
    var picks = function () {
      return Array.prototype.slice.call(form.querySelectorAll("input.plan-pick"));
    };
    function update() {
      var ticked = picks().filter(function (box) { return box.checked; }).length;
      if (ticked === 0) {
        count.textContent = "Up to " + max + " plans per PDF.";
      } else if (ticked > max) {
        count.textContent = ticked + " selected: one PDF holds at most " + max + ".";
      } else {
        count.textContent = ticked + " selected (up to " + max + ").";
      }
      if (all) {
        all.checked = ticked > 0 && ticked === picks().length;
      }
    }
    if (all) {
      all.hidden = false;
      all.addEventListener("change", function () {
        picks().forEach(function (box) { box.checked = all.checked; });
        update();
      });
    }
    form.addEventListener("change", function (event) {
      if (event.target.classList.contains("plan-pick")) {
        update();
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
