// The admin's checklist widget (core.widgets.ChecklistWidget): a search box that narrows the
// list and a line that names what is chosen. The list works without this script.
(function () {
  "use strict";

  function fold(text) {
    return text.toLocaleLowerCase("sv").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function setUp(root) {
    if (root.dataset.mkChecklistReady) return;
    root.dataset.mkChecklistReady = "1";
    const search = root.querySelector("[data-mk-checklist-search]");
    const input = root.querySelector("[data-mk-checklist-input]");
    const status = root.querySelector("[data-mk-checklist-status]");
    const chosen = root.querySelector("[data-mk-checklist-chosen]");
    const options = Array.from(root.querySelectorAll(".mk-checklist__option"));
    const hint = root.querySelector("[data-mk-checklist-hint]");
    search.hidden = false;
    // Secondary options (data-mk-secondary) wait behind the search box until searched for.
    function waits(option) {
      return "mkSecondary" in option.dataset && !option.querySelector("input").checked;
    }
    options.forEach(function (option) {
      option.hidden = waits(option);
    });
    if (hint) hint.hidden = false;

    function showChosen() {
      const names = options
        .filter((option) => option.querySelector("input").checked)
        .map((option) => option.textContent.trim());
      chosen.textContent = names.length ? names.join(", ") : root.dataset.noneText;
    }

    input.addEventListener("input", function () {
      const wanted = fold(input.value.trim());
      let shown = 0;
      options.forEach(function (option) {
        const match = wanted ? fold(option.textContent).includes(wanted) : !waits(option);
        option.hidden = !match;
        if (match) shown += 1;
      });
      status.textContent = wanted
        ? root.dataset.countText.replace("SHOWN", shown).replace("TOTAL", options.length)
        : "";
    });
    // Enter in the search box must not submit the page form.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
    root.addEventListener("change", showChosen);
  }

  function setUpAll() {
    document.querySelectorAll("[data-mk-checklist]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
