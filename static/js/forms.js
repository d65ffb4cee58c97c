// A form sent with htmx that comes back with mistakes (422): its error summary is brought into
// view and focused, as after a full page load, unless the person already moved on elsewhere.
(function () {
  "use strict";

  document.addEventListener("htmx:afterSettle", function (event) {
    var xhr = event.detail.xhr;
    if (!xhr || xhr.status !== 422) return;
    var target = event.detail.target;
    // An outerHTML swap leaves the old target detached: look at what took its place.
    if (target.id && !target.isConnected) target = document.getElementById(target.id) || target;
    var active = document.activeElement;
    if (active && active !== document.body && !target.contains(active)) return;
    var summary = target.querySelector(".ww-error-summary");
    if (summary && document.activeElement !== summary) {
      summary.focus();
      summary.scrollIntoView({ block: "center" });
    }
  });
})();
