// The disclosure form: add formset rows, and show the running total of the inventors'
// contributions. The server checks everything again; without this script the spare rows
// the page comes with are enough.
(function () {
  "use strict";
  function setup(fieldset) {
    var body = fieldset.querySelector("[data-formset-body]");
    var template = fieldset.querySelector("template[data-formset-template]");
    var add = fieldset.querySelector("[data-formset-add]");
    var total = fieldset.querySelector("input[name$='-TOTAL_FORMS']");
    if (!body || !template || !add || !total) return;
    add.hidden = false;
    add.addEventListener("click", function () {
      var index = parseInt(total.value, 10) || 0;
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      body.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      var first = body.lastElementChild && body.lastElementChild.querySelector("select, input");
      if (first) first.focus();
    });
  }
  function updateTotal() {
    var out = document.querySelector("[data-share-total]");
    if (!out) return;
    var sum = 0;
    document.querySelectorAll("#inventors input.inventor-share").forEach(function (input) {
      var v = parseFloat((input.value || "").replace(",", "."));
      if (!isNaN(v)) sum += Math.round(v * 100);
    });
    out.textContent = (sum / 100).toFixed(2);
    out.classList.toggle("text-danger", sum !== 10000);
    out.classList.toggle("text-success", sum === 10000);
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("#inventors, #public-disclosures").forEach(setup);
    var inventors = document.getElementById("inventors");
    if (inventors) {
      inventors.addEventListener("input", updateTotal);
      inventors.addEventListener("click", function () { setTimeout(updateTotal, 0); });
    }
    updateTotal();
  });
})();
