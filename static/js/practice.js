// Practice mode: one flash card at a time, driven from the keyboard.
// Without JavaScript every card is shown at once and the form works the same.
(function () {
  "use strict";
  var form = document.querySelector("[data-practice]");
  if (!form) {
    return;
  }
  var cards = Array.from(form.querySelectorAll("[data-card]"));
  var progress = form.querySelector("[data-progress]");
  var current = 0;

  function show(index) {
    current = Math.max(0, Math.min(index, cards.length - 1));
    cards.forEach(function (card, i) {
      card.hidden = i !== current;
    });
    var done = form.querySelectorAll("input[data-mark]:checked").length;
    progress.textContent = "Card " + (current + 1) + " of " + cards.length + " · " + done + " marked";
    var summary = cards[current].querySelector("summary");
    if (summary) {
      summary.focus();
    }
  }

  function mark(value) {
    var input = cards[current].querySelector('input[data-mark="' + value + '"]');
    input.checked = true;
    if (current < cards.length - 1) {
      show(current + 1);
    } else {
      show(current);
      form.querySelector('button[type="submit"]').focus();
    }
  }

  form.addEventListener("change", function (event) {
    if (event.target.matches("input[data-mark]") && current < cards.length - 1) {
      show(current + 1);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    // Typing a partner's name or a note is not a shortcut.
    if (event.target.matches("input[type=text], textarea, select")) {
      return;
    }
    var key = event.key.toLowerCase();
    var marks = { n: "nailed", s: "shaky", m: "missed" };
    if (marks[key]) {
      mark(marks[key]);
    } else if (key === " " && !event.target.matches("summary, button, input")) {
      event.preventDefault();
      cards[current].querySelector("[data-reveal]").open = true;
    } else if (key === "arrowleft") {
      show(current - 1);
    } else if (key === "arrowright") {
      show(current + 1);
    }
  });

  show(0);
})();
