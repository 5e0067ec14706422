// hireloop board: drag a card onto a column to move it. The drop fills in the card's own move form
// (the one the keyboard uses) and submits it, so htmx posts the same request to the same endpoint.
// Listeners sit on the document, so they keep working after htmx swaps the board.
(function () {
  "use strict";

  var dragged = null;

  function column(el) {
    return el && el.closest ? el.closest(".column[data-stage]") : null;
  }

  function clearTargets() {
    document.querySelectorAll(".column.drop-target").forEach(function (c) {
      c.classList.remove("drop-target");
    });
  }

  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest(".card[draggable='true']");
    if (!card) return;
    dragged = card;
    card.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.applicationId);
  });

  document.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    clearTargets();
  });

  document.addEventListener("dragover", function (event) {
    var target = column(event.target);
    if (!dragged || !target) return;
    event.preventDefault();
    if (!target.classList.contains("drop-target")) {
      clearTargets();
      target.classList.add("drop-target");
    }
  });

  document.addEventListener("drop", function (event) {
    var target = column(event.target);
    if (!dragged || !target) return;
    event.preventDefault();
    clearTargets();
    var card = dragged;
    dragged = null;
    card.classList.remove("dragging");
    if (column(card) === target) return;
    moveCard(card, target.dataset.stage);
  });

  // Exposed for tests and for anyone scripting the board: moves a card as a drop would.
  function moveCard(card, stage) {
    var form = card.querySelector("form.move-form");
    if (!form) return false;
    var select = form.querySelector("select[name='stage']");
    var option = select && select.querySelector("option[value='" + stage + "']");
    if (!option) {
      window.alert("You may not move this application to that stage.");
      return false;
    }
    select.value = stage;
    var reason = form.querySelector("input[name='reason']");
    if (option.hasAttribute("data-needs-reason") && reason && !reason.value.trim()) {
      var given = window.prompt("Why is this application moving to " + option.textContent.trim() + "?");
      if (given === null || !given.trim()) return false;
      reason.value = given.trim();
    }
    form.requestSubmit();
    return true;
  }
  window.hireloopBoard = { moveCard: moveCard };

  // A reason is required when the chosen stage closes the application.
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (!select.matches || !select.matches(".move-form select[name='stage']")) return;
    var option = select.options[select.selectedIndex];
    var reason = select.form.querySelector("input[name='reason']");
    if (reason) reason.required = !!(option && option.hasAttribute("data-needs-reason"));
  });

  // After htmx redraws the board, put keyboard focus back where the user was working.
  document.addEventListener("htmx:afterSettle", function () {
    var focus = document.querySelector("#board [data-focus]");
    if (focus) focus.focus();
  });
})();
