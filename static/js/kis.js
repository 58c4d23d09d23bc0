/* Every page.
 *
 * After a refused submit, focus the error summary ({% error_summary %}), so that a screen reader
 * reads it first and the next Tab reaches its links; a link of the summary moves the focus to its
 * field (opening the section it is in) and shows the field's label with it.
 *
 * A formset's "add a row" button (data-formset-add="<prefix>") adds an empty row, copied from its
 * <template id="<prefix>-empty-row">, without saving the form; the page says instead to save for
 * more rows when this script does not run.
 *
 * A form without an action is sent to the page's address without its fragment: the skip link's
 * #main or a section's link would otherwise follow the person to the page that answers (the
 * refused form, or the record a redirect leads to) and move the focus there on load.
 */
(function () {
  "use strict";

  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) {
      return;
    }
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var field = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!field) {
        return;
      }
      event.preventDefault();
      var section = field.closest("details");
      if (section) {
        section.open = true;
      }
      var label = document.querySelector("label[for='" + field.id + "']");
      (label || field).scrollIntoView({ block: "center" });
      field.focus({ preventScroll: true });
    });
  }

  function addableFormsetRows() {
    document.querySelectorAll("[data-formset-add]").forEach(function (button) {
      var prefix = button.dataset.formsetAdd;
      var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
      var template = document.getElementById(prefix + "-empty-row");
      var rows = document.querySelector("[data-formset-rows='" + prefix + "']");
      if (!total || !template || !rows) {
        return;
      }
      var hint = document.querySelector("[data-formset-hint='" + prefix + "']");
      if (hint) {
        hint.hidden = true;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        var index = parseInt(total.value, 10);
        rows.insertAdjacentHTML("beforeend", template.innerHTML.replace(/__prefix__/g, String(index)));
        total.value = String(index + 1);
        var first = rows.lastElementChild.querySelector("input:not([type=hidden]), select, textarea");
        if (first) {
          first.focus();
        }
      });
    });
  }

  function formsWithoutFragments() {
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (window.location.hash && form instanceof HTMLFormElement && !form.getAttribute("action")) {
        form.setAttribute("action", window.location.pathname + window.location.search);
      }
    });
  }

  focusErrorSummary();
  addableFormsetRows();
  formsWithoutFragments();
})();
