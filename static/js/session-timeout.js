// Warns a signed-in person a few minutes before their session ends for inactivity
// (wup/sessions.py), with a button that keeps it going without leaving the page.
(function () {
  "use strict";
  var notice = document.getElementById("ww-session-warning");
  if (!notice) return;
  var warnAfter = Number(notice.dataset.warnAfter) * 1000;
  var idle = Number(notice.dataset.idle) * 1000;
  var form = notice.querySelector("form");
  var warnTimer, endTimer;

  function start() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    notice.hidden = true;
    warnTimer = setTimeout(function () { notice.hidden = false; }, warnAfter);
    // Past the end the server has signed the session out: show the login page.
    endTimer = setTimeout(function () { window.location.reload(); }, idle + 5000);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var data = new FormData(form);
    data.delete("next");
    fetch(form.action, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        if (response.ok) start(); else window.location.reload();
      })
      .catch(function () { form.submit(); });
  });

  // What the person does through HTMX (a form, a button) counts; background GETs do not.
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    if (event.detail.requestConfig && event.detail.requestConfig.verb !== "get") start();
  });

  start();
})();
