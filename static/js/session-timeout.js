/* The idle sign-out, announced before it happens.
 *
 * The server ends a session data-session-seconds (on <body>) after its last request. This script
 * counts the same time from the page's load, shows the warning (#session-warning, its text
 * translated in the template) data-warn-seconds before the end, renews the session when the
 * person chooses "Stay signed in", and at the end opens the sign-in page, so that a screen left
 * unattended stops showing people's data. Typing or clicking on the page also renews the session
 * (at most once a minute): someone writing a long note is not idle although no request is made.
 * Other tabs of KIS share the time of the latest renewal through localStorage.
 */
(function () {
  "use strict";

  var seconds = parseInt(document.body.dataset.sessionSeconds, 10);
  var box = document.getElementById("session-warning");
  if (!seconds || !box) {
    return;
  }
  var warnSeconds = parseInt(box.dataset.warnSeconds, 10) || 120;
  var button = document.getElementById("session-stay");
  var countdown = document.getElementById("session-countdown");
  var storageKey = "kis-session-renewed";
  var renewedAt = Date.now();
  var renewing = false;
  var timer = null;
  var focusBefore = null;

  function remember() {
    try {
      window.localStorage.setItem(storageKey, String(renewedAt));
    } catch (error) {
      // Storage may be switched off: this tab then keeps its own time only.
    }
  }

  function latestRenewal() {
    var elsewhere = 0;
    try {
      elsewhere = parseInt(window.localStorage.getItem(storageKey), 10) || 0;
    } catch (error) {
      elsewhere = 0;
    }
    return Math.max(renewedAt, elsewhere);
  }

  function signIn() {
    window.clearInterval(timer);
    var here = window.location.pathname + window.location.search;
    window.location.assign(box.dataset.loginUrl + "?next=" + encodeURIComponent(here));
  }

  function show() {
    if (!box.hidden) {
      return;
    }
    focusBefore = document.activeElement;
    box.hidden = false;
    button.focus();
  }

  function hide() {
    if (box.hidden) {
      return;
    }
    box.hidden = true;
    if (focusBefore && typeof focusBefore.focus === "function") {
      focusBefore.focus();
    }
  }

  function minutesAndSeconds(milliseconds) {
    var total = Math.max(0, Math.ceil(milliseconds / 1000));
    var rest = total % 60;
    return Math.floor(total / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function tick() {
    var left = latestRenewal() + seconds * 1000 - Date.now();
    if (left <= 0) {
      signIn();
    } else if (left <= warnSeconds * 1000) {
      countdown.textContent = minutesAndSeconds(left);
      show();
    } else {
      hide();
    }
  }

  function renew() {
    if (renewing) {
      return;
    }
    renewing = true;
    window
      .fetch(box.dataset.keepAliveUrl, {
        method: "POST",
        credentials: "same-origin",
        redirect: "manual",
        headers: { "X-CSRFToken": box.dataset.csrfToken },
      })
      .then(function (response) {
        if (response.status === 204) {
          renewedAt = Date.now();
          remember();
          tick();
        } else {
          // Already signed out (on the server, or in another tab).
          signIn();
        }
      })
      .catch(function () {
        // No connection: the warning stays, and the button can be pressed again.
      })
      .then(function () {
        renewing = false;
      });
  }

  function onActivity(event) {
    if (box.contains(event.target)) {
      return;
    }
    if (Date.now() - latestRenewal() > 60 * 1000) {
      renew();
    }
  }

  button.addEventListener("click", renew);
  ["keydown", "pointerdown", "input"].forEach(function (name) {
    document.addEventListener(name, onActivity, { passive: true, capture: true });
  });
  window.addEventListener("storage", function (event) {
    if (event.key === storageKey) {
      tick();
    }
  });
  remember();
  timer = window.setInterval(tick, 1000);
})();
