// Behaviour every page shares, driven by data attributes: the pages carry no inline script
// or event handler, so the Content-Security-Policy can forbid them (script-src 'self').
(function () {
  "use strict";

  // <form data-confirm="Delete this?">: ask before the form is sent.
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      var question = form.getAttribute && form.getAttribute("data-confirm");
      if (question && !window.confirm(question)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true
  );

  document.addEventListener("change", function (event) {
    var field = event.target;
    if (!field.getAttribute) return;
    // <select data-autosubmit>: send its form as soon as a choice is made.
    if (field.hasAttribute("data-autosubmit") && field.form) {
      field.form.submit();
    }
    // <input type="checkbox" data-check-all="input[name=tag]">: tick or untick them all.
    var boxes = field.getAttribute("data-check-all");
    if (boxes) {
      document.querySelectorAll(boxes).forEach(function (box) {
        box.checked = field.checked;
      });
    }
  });
})();
