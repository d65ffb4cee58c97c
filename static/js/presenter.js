// The presenter's high-contrast toggle (dialogue/presenter.html): white and yellow on black for a
// washed-out beamer. The choice is remembered in this browser; ?contrast=1 or ?contrast=0 in the
// address sets it (the server already drew the page that way).
(function () {
  "use strict";

  var KEY = "ww-presenter-contrast";

  function remembered() {
    try {
      return window.localStorage.getItem(KEY);
    } catch (error) {
      return null; // storage switched off: the toggle still works for this page
    }
  }

  function remember(on) {
    try {
      window.localStorage.setItem(KEY, on ? "1" : "0");
    } catch (error) {
      // nothing to keep it in
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector(".ww-presenter__contrast");
    if (!button) return;

    function apply(on) {
      document.body.classList.toggle("ww-presenter--contrast", on);
      button.setAttribute("aria-pressed", on ? "true" : "false");
    }

    var asked = new URLSearchParams(window.location.search).get("contrast");
    if (asked === "1" || asked === "0") {
      remember(asked === "1");
      apply(asked === "1");
    } else {
      apply(remembered() === "1");
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var on = !document.body.classList.contains("ww-presenter--contrast");
      remember(on);
      apply(on);
    });
  });
})();
