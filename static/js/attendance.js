/* Attendance grid: each tap is saved at once by htmx, which swaps in the row the server sends back
   (activities/includes/attendance_row.html). This keeps the page honest about what was saved. */
(function () {
  const form = document.getElementById("attendance-form");
  const errors = document.getElementById("attendance-errors");
  const count = document.getElementById("present-count");
  if (!form || !errors) return;

  function inGrid(elt) {
    return elt instanceof Element && form.contains(elt) && elt.closest(".attendance-grid") !== null;
  }

  // "Present: n of total" follows the taps (the template holds the translated sentence).
  function recount() {
    if (!count || !count.dataset.template) return;
    const present = form.querySelectorAll('.attendance-grid input[type="radio"][value="present"]:checked').length;
    count.textContent = count.dataset.template.replace("__N__", String(present));
  }

  // A refused or lost tap must not stay on screen as if it had been saved: put back the mark the
  // row had when the server last sent it.
  function revert(radio) {
    const row = radio.closest("tr");
    const initial = row && row.querySelector('input[type="hidden"][name^="initial-"]');
    if (!initial) return;
    row.querySelectorAll('input[type="radio"]').forEach(function (input) {
      input.checked = input.value === initial.value;
    });
    recount();
  }

  function showError(html, text) {
    errors.innerHTML = "";
    if (html) {
      errors.innerHTML = html;
      return;
    }
    const alert = document.createElement("div");
    alert.className = "alert alert-danger";
    alert.setAttribute("role", "alert");
    alert.textContent = text;
    errors.appendChild(alert);
  }

  document.body.addEventListener("htmx:beforeSwap", function (event) {
    if (!inGrid(event.detail.elt)) return;
    // Redirected elsewhere (the sign-in page after the session expired): never swap a whole page
    // into a table row; go there instead, it brings the user back here after signing in.
    const xhr = event.detail.xhr;
    if (xhr.responseURL && new URL(xhr.responseURL).pathname !== window.location.pathname) {
      event.detail.shouldSwap = false;
      window.location.assign(xhr.responseURL);
    }
  });

  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (!inGrid(event.target)) return;
    errors.innerHTML = "";
    recount();
  });

  // The server's refusal of a single tap (htmx does not swap error responses): its message when
  // it sent one (422), a general one otherwise (a server error, a full error page).
  document.body.addEventListener("htmx:responseError", function (event) {
    if (!inGrid(event.detail.elt)) return;
    const xhr = event.detail.xhr;
    showError(xhr.status === 422 ? xhr.responseText : "", errors.dataset.failed);
    revert(event.detail.elt);
  });

  // No answer at all (the tablet lost the network).
  document.body.addEventListener("htmx:sendError", function (event) {
    if (!inGrid(event.detail.elt)) return;
    showError("", errors.dataset.failed);
    revert(event.detail.elt);
  });
})();
