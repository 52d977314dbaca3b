/* Drag and drop on the pipeline board: dropping a card on a column fills in the card's own
 * move form and submits it (htmx posts it and swaps the board). A drop on "lost" first asks
 * for the reason. Without JavaScript each card's form does the same. */
(function () {
  "use strict";

  var dragged = null;

  function column(el) {
    return el && el.closest ? el.closest(".pipeline-column") : null;
  }

  function submit(card, stage, reason, note) {
    var form = card.querySelector("form[data-move-form]");
    if (!form) return;
    var select = form.querySelector("select[name=to_stage]");
    select.value = stage;
    if (select.value !== stage) return; // not a stage this card can move to
    form.querySelector("select[name=lost_reason]").value = reason || "";
    form.querySelector("input[name=note]").value = note || "";
    if (form.requestSubmit) form.requestSubmit();
    else form.submit();
  }

  function askReason(card, stage) {
    var dialog = document.getElementById("lost-dialog");
    if (!dialog || !dialog.showModal) {
      var reason = window.prompt(dialog ? dialog.querySelector("h2").textContent : "Reason?");
      if (reason) submit(card, stage, "other", reason);
      return;
    }
    var select = dialog.querySelector("#lost-dialog-reason");
    var note = dialog.querySelector("#lost-dialog-note");
    select.value = "";
    note.value = "";
    dialog.onclose = function () {
      if (dialog.returnValue === "confirm" && select.value) submit(card, stage, select.value, note.value);
    };
    dialog.showModal();
  }

  document.addEventListener("dragstart", function (e) {
    var card = e.target.closest && e.target.closest(".pipeline-card");
    if (!card) return;
    dragged = card;
    card.classList.add("dragging");
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", card.dataset.card);
  });

  document.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    document.querySelectorAll(".pipeline-column.drop-target").forEach(function (c) {
      c.classList.remove("drop-target");
    });
  });

  document.addEventListener("dragover", function (e) {
    var col = column(e.target);
    if (!col || !dragged) return;
    e.preventDefault();
    col.classList.add("drop-target");
  });

  document.addEventListener("dragleave", function (e) {
    var col = column(e.target);
    if (col && !col.contains(e.relatedTarget)) col.classList.remove("drop-target");
  });

  document.addEventListener("drop", function (e) {
    var col = column(e.target);
    if (!col || !dragged) return;
    e.preventDefault();
    col.classList.remove("drop-target");
    var stage = col.dataset.stage;
    var card = dragged;
    if (stage === card.dataset.stage) return;
    if (stage === "lost") askReason(card, stage);
    else submit(card, stage, "", "");
  });
})();
