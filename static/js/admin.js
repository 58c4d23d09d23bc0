// The Django admin, as KIS serves it: fixes to the markup Django's own scripts build.
//
// The two-list chooser (filter_horizontal, static/admin/js/SelectFilter2.js) names its magnifier
// icon with aria-label on a bare <span>, which has no role to name: the icon is an image.
// SelectFilter2 builds the chooser at "load"; this script comes later in the page, so its own
// "load" listener runs after that one.
"use strict";
window.addEventListener("load", () => {
  for (const icon of document.querySelectorAll(".selector .help-tooltip[aria-label]:not([role])")) {
    icon.setAttribute("role", "img");
  }
});

// A date and time field (AdminSplitDateTime, e.g. a user's last sign-in) has one <label> for its
// two inputs, pointing at neither: each input is named by the field's label and its own caption.
window.addEventListener("load", () => {
  for (const input of document.querySelectorAll("p.datetime input:not([aria-label])")) {
    if (input.labels && input.labels.length) continue;
    const row = input.closest(".form-row, .fieldBox, div");
    const label = row ? row.querySelector("label") : null;
    const caption = (input.previousSibling && input.previousSibling.textContent || "").trim();
    input.setAttribute("aria-label", [label ? label.textContent.replace(/:$/, "").trim() : "", caption].filter(Boolean).join(", "));
  }
});

// The list's search box is labelled by the magnifier's alternative text alone ("Search", in English
// whatever the language), which axe-core takes for no visible label when the box also has a help
// text: it is named by the search button next to it, in the page's language.
window.addEventListener("load", () => {
  const box = document.querySelector("#changelist-search #searchbar:not([aria-label])");
  const button = document.querySelector("#changelist-search input[type=submit]");
  if (box && button) box.setAttribute("aria-label", button.value);
});
