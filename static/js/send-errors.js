// When a phone loses its connection, an HTMX form post fails without a response; the form keeps
// what was typed, and this shows the form's own "not sent" message until the next try.
(function () {
  "use strict";

  function message(event) {
    var form = event.detail.elt && event.detail.elt.closest("form");
    return form ? form.querySelector(".ww-send-error") : null;
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var element = message(event);
    if (element) {
      element.hidden = true;
    }
  });
  document.addEventListener("htmx:sendError", function (event) {
    var element = message(event);
    if (element) {
      element.hidden = false;
    }
  });
})();
