// The navigation's search box: "/" jumps to it from anywhere but a text field; the down and up
// arrows walk the results; Escape closes them and returns to the box.
(function () {
  "use strict";
  function box() { return document.getElementById("nav-search"); }
  function results() { return document.getElementById("nav-search-results"); }
  function hits() { return Array.prototype.slice.call(results().querySelectorAll("a")); }
  function typing(element) {
    return element && (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName));
  }
  function close() {
    var list = results();
    if (list) { list.innerHTML = ""; }
  }

  document.addEventListener("keydown", function (event) {
    var input = box();
    if (!input) { return; }
    if (event.key === "/" && !typing(document.activeElement) && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      var menu = document.getElementById("main-nav");
      if (menu && !menu.classList.contains("show") && input.offsetParent === null) {
        menu.classList.add("show"); // the phone menu is folded: open it to reach the box
      }
      input.focus();
      input.select();
      return;
    }
    var inside = results() && results().contains(document.activeElement);
    if (document.activeElement !== input && !inside) { return; }
    var links = hits();
    var at = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && links.length) {
      event.preventDefault();
      links[Math.min(at + 1, links.length - 1)].focus();
    } else if (event.key === "ArrowUp" && inside) {
      event.preventDefault();
      if (at <= 0) { input.focus(); } else { links[at - 1].focus(); }
    } else if (event.key === "Escape") {
      close();
      input.focus();
    }
  });

  // Leaving the box and its results (Tab away, a click elsewhere) folds the results.
  document.addEventListener("focusin", function (event) {
    var form = box() && box().form;
    if (form && !form.contains(event.target)) { close(); }
  });
})();
