// The phone page of a live session (dialogue/participate.html): only true states.
//
// - Sending: the form's "Bezig met versturen…" line while a post is under way.
// - Not sent: only when the network or the server failed (no answer, a timeout, a 5xx), with a
//   retry button; the form keeps what was typed because nothing was swapped.
// - Saved or refused: the server's answer is swapped in; focus goes to a sensible place (the
//   error summary, the saved form's button, the new argument, the pressed vote button).
// - Step changes are spoken by the live region #step-announcer, and nothing else is.
// - Arguments: the status poll brings the list every phone sees; this phone's own votes and
//   arguments are marked here, from the last list the server rendered for this phone.
// - Session closed: the server answers with the closing screen in place of the page and HTTP
//   286, which stops the poll.
(function () {
  "use strict";

  var myVotes = {}; // argument id → "1" (agrees) or "0"
  var mine = {}; // argument id → true
  var lastStep = null;
  var lastFailed = null; // the vote form whose post failed, for its retry

  // Focus moved for the resident (not by their own Tab) must show the same ring as keyboard
  // focus: browsers do not always apply :focus-visible to a programmatic focus() after a swap.
  function showFocus(el) {
    if (el.classList.contains("ww-focus-moved")) return;
    el.classList.add("ww-focus-moved");
    el.addEventListener(
      "blur",
      function () {
        el.classList.remove("ww-focus-moved");
      },
      { once: true }
    );
  }

  function moveFocus(el) {
    showFocus(el);
    el.focus();
  }

  // htmx puts the focus back on the element with the same id after a swap (the button that
  // was pressed): show it there too, before the handlers below decide where it goes.
  document.addEventListener("htmx:afterSwap", function () {
    var active = document.activeElement;
    if (active && active !== document.body && !active.matches(":focus-visible")) {
      showFocus(active);
    }
  });

  function formOf(event) {
    var elt = event.detail.elt;
    return elt && elt.closest ? elt.closest("form") : null;
  }

  function stateElements(form) {
    var box = form.classList.contains("ww-vote") ? form.closest("#argument-list") : form;
    return {
      sending: box && box.querySelector(".ww-sending"),
      error: box && box.querySelector(".ww-send-error"),
    };
  }

  function showSending(form, sending) {
    var states = stateElements(form);
    if (states.sending) states.sending.hidden = !sending;
    if (sending && states.error) states.error.hidden = true;
  }

  function showNotSent(form) {
    var states = stateElements(form);
    if (states.sending) states.sending.hidden = true;
    if (states.error) states.error.hidden = false;
    lastFailed = form;
  }

  // --- this phone's own marks on the shared list ---------------------------------------------

  function readPersonal(list) {
    myVotes = {};
    mine = {};
    list.querySelectorAll("[data-argument]").forEach(function (item) {
      var id = item.dataset.argument;
      if (item.dataset.myVote) myVotes[id] = item.dataset.myVote;
      if (item.hasAttribute("data-mine")) mine[id] = true;
    });
  }

  function applyPersonal(list) {
    var mineText = list.dataset.mineText;
    list.querySelectorAll("[data-argument]").forEach(function (item) {
      var id = item.dataset.argument;
      item.querySelectorAll("button[name=agrees]").forEach(function (button) {
        var pressed = myVotes[id] === button.value;
        button.setAttribute("aria-pressed", pressed ? "true" : "false");
        button.classList.toggle("utrecht-button--primary-action", pressed);
        button.classList.toggle("utrecht-button--secondary-action", !pressed);
      });
      if (mine[id] && !item.querySelector(".ww-mine")) {
        var label = document.createElement("span");
        label.className = "ww-muted ww-mine";
        label.textContent = mineText;
        var text = item.querySelector("p");
        text.appendChild(document.createTextNode(" "));
        text.appendChild(label);
      }
    });
  }

  function syncList() {
    var list = document.getElementById("argument-list");
    if (!list) return;
    if (list.hasAttribute("data-personal")) {
      readPersonal(list);
    } else {
      applyPersonal(list);
    }
  }

  // --- the step announcer -------------------------------------------------------------------

  function announceStep() {
    var status = document.getElementById("status");
    var announcer = document.getElementById("step-announcer");
    if (!status || !announcer) return;
    var step = status.dataset.step;
    if (lastStep !== null && step !== lastStep) {
      var heading = document.getElementById("status-heading");
      announcer.textContent = heading ? heading.textContent.trim() : step;
    }
    lastStep = step;
  }

  // --- events -------------------------------------------------------------------------------

  document.addEventListener("DOMContentLoaded", function () {
    syncList();
    announceStep();
  });

  document.addEventListener("submit", function (event) {
    // Remember which button sent a form (Eens or Oneens), so a retry sends the same.
    if (event.target.matches && event.target.matches("form")) {
      event.target.wwSubmitter = event.submitter || null;
    }
  }, true);

  document.addEventListener("click", function (event) {
    var retry = event.target.closest && event.target.closest(".ww-retry");
    if (!retry) return;
    var form = retry.closest("form") || lastFailed;
    if (form && form.requestSubmit) form.requestSubmit(form.wwSubmitter || undefined);
  });

  // The poll replaces the argument list out of band every few seconds: whoever is on one of its
  // buttons (by keyboard or screen reader) must stay there, not fall back to the page.
  var focusInList = null;
  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    var target = event.detail.target;
    var active = document.activeElement;
    focusInList = target && active && active.id && target.contains(active) ? active.id : null;
  });

  document.addEventListener("htmx:oobAfterSwap", function () {
    if (!focusInList) return;
    var again = document.getElementById(focusInList);
    focusInList = null;
    if (again && document.activeElement !== again) moveFocus(again);
  });

  document.addEventListener("htmx:configRequest", function (event) {
    // The shared argument list carries no CSRF field: send the page's token as a header.
    if (event.detail.verb !== "post") return;
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (token) event.detail.headers["X-CSRFToken"] = token.value;
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = formOf(event);
    if (form && event.detail.requestConfig.verb === "post") showSending(form, true);
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var form = formOf(event);
    if (!form || event.detail.requestConfig.verb !== "post") return;
    var xhr = event.detail.xhr;
    var failed = !xhr || xhr.status === 0 || xhr.status >= 500;
    if (failed) {
      showNotSent(form);
    } else if (form.isConnected) {
      showSending(form, false);
    }
  });

  document.addEventListener("htmx:sendError", function (event) {
    var form = formOf(event);
    if (form) showNotSent(form);
  });
  document.addEventListener("htmx:timeout", function (event) {
    var form = formOf(event);
    if (form) showNotSent(form);
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    syncList();
    announceStep();
    var xhr = event.detail.xhr;
    var requestElt = event.detail.requestConfig && event.detail.requestConfig.elt;
    var verb = event.detail.requestConfig && event.detail.requestConfig.verb;
    var closed = document.querySelector("[data-session-closed] h1");
    if (closed && event.detail.target.id === "main") {
      moveFocus(closed); // the whole page became the closing screen
      return;
    }
    if (!xhr || verb !== "post") return;
    // An outerHTML swap leaves the old target detached: look at what took its place.
    var target = event.detail.target;
    if (target.id && !target.isConnected) target = document.getElementById(target.id) || target;
    // Someone who already went on (tabbed past the form while it was saving) keeps their place.
    var active = document.activeElement;
    if (active && active !== document.body && !target.contains(active)) return;
    if (xhr.status === 422) {
      // A mistake in the form: the summary of what to fix, in view and focused.
      var summary = target.querySelector(".ww-error-summary");
      if (summary) {
        moveFocus(summary);
        return;
      }
    }
    // A new argument: the arguments section was swapped and names it. (A vote swaps only the
    // list inside that section, whose old mark must not pull the focus away from the button.)
    if (target.dataset && target.dataset.newArgument) {
      var added = document.getElementById(target.dataset.newArgument);
      if (added) {
        moveFocus(added);
        return;
      }
    }
    if (target.id === "scores-saved") {
      var again = document.getElementById("score-submit");
      if (again) moveFocus(again);
      return;
    }
    if (target.id === "profiel") {
      var save = document.getElementById("profile-submit");
      if (save) moveFocus(save);
      return;
    }
    if (target.id === "argument-list" && requestElt) {
      // After a vote: back on the button that was pressed, or the list's message.
      var message = document.querySelector("#argument-list [role=status]");
      var button = requestElt.wwSubmitter && document.getElementById(requestElt.wwSubmitter.id);
      if (message) {
        // The argument was taken away: the message says so, in view.
        message.setAttribute("tabindex", "-1");
        moveFocus(message);
      } else if (button) {
        moveFocus(button);
      }
    }
  });
})();
