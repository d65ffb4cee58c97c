// Uploads and plan areas (imports app).
// - A page with problems (a bad file, a form error) puts its summary in view and focuses it.
// - On the plan-area map, choosing a buurt ticks or unticks its box and moves the focus there.
(function () {
  "use strict";

  function focusSummary() {
    var summary = document.querySelector(".ww-error-summary");
    if (!summary) return;
    summary.scrollIntoView({ block: "start" });
    summary.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusSummary();
    document.querySelectorAll("#plan-map a.ww-map__area").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var box = document.querySelector(link.getAttribute("href"));
        if (!box) return;
        event.preventDefault();
        box.checked = !box.checked;
        box.focus();
      });
    });
  });
})();
