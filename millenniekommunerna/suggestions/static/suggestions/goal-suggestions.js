// Goal suggestions in the story editor (millenniekommunerna.suggestions): asks the site which
// goals fit the text as it stands, unsaved, and shows them with the words that led to each.
// "Add" ticks the goal in the story's goal list, as the editor would by hand; nothing is saved
// until the editor saves. Without this script the editor works as before.
(function () {
  "use strict";

  const script = document.currentScript;
  const DELAY = 800;

  function textOf(form) {
    const parts = [];
    ["title", "teaser"].forEach(function (name) {
      const field = form.elements.namedItem(name);
      if (field && field.value) parts.push(field.value);
    });
    // The body's blocks: plain fields as they are, rich text from its stored form (Draftail's
    // JSON), which holds the text of paragraphs not yet rendered as well.
    const deleted = Array.from(form.querySelectorAll("input[name^='body-'][name$='-deleted']"))
      .filter((field) => field.value)
      .map((field) => field.name.slice(0, -"deleted".length));
    const fields = form.querySelectorAll("input[name^='body-'], textarea[name^='body-']");
    fields.forEach(function (field) {
      if (field.type === "file" || !field.value) return;
      if (/-(count|type|id|deleted|order)$/.test(field.name)) return;
      if (deleted.some((prefix) => field.name.startsWith(prefix))) return;
      const value = field.value.trim();
      if (value.startsWith("{")) {
        try {
          (JSON.parse(value).blocks || []).forEach((block) => parts.push(block.text || ""));
          return;
        } catch (error) {
          // not JSON after all: the text as it is
        }
      }
      if (!/^\d+$/.test(value)) parts.push(value);
    });
    return parts.join("\n");
  }

  function setUp() {
    const options = document.getElementById("id_goals");
    const checklist = options && options.closest("[data-mk-checklist]");
    const form = options && options.closest("form");
    if (!checklist || !form || options.querySelector("input[disabled]")) return;
    const csrf = form.querySelector("[name=csrfmiddlewaretoken]");
    const data = script.dataset;

    const panel = document.createElement("section");
    panel.className = "mk-goal-suggestions";
    panel.setAttribute("aria-labelledby", "mk-goal-suggestions-heading");
    const heading = document.createElement("h3");
    heading.id = "mk-goal-suggestions-heading";
    heading.className = "mk-goal-suggestions__heading";
    heading.textContent = data.heading;
    const intro = document.createElement("p");
    intro.className = "mk-goal-suggestions__intro";
    intro.textContent = data.intro;
    const status = document.createElement("p");
    status.className = "mk-goal-suggestions__status";
    status.setAttribute("role", "status");
    const list = document.createElement("ul");
    list.className = "mk-goal-suggestions__list";
    panel.append(heading, intro, status, list);
    checklist.before(panel);

    function checkbox(goalId) {
      return options.querySelector("input[type=checkbox][value='" + goalId + "']");
    }

    function accept(suggestion) {
      const box = checkbox(suggestion.id);
      if (!box || box.checked) return;
      box.checked = true;
      const option = box.closest(".mk-checklist__option");
      if (option) option.hidden = false;
      // As a click on the box would: the checklist names it as chosen, Wagtail notes an
      // unsaved change.
      box.dispatchEvent(new Event("input", { bubbles: true }));
      box.dispatchEvent(new Event("change", { bubbles: true }));
      box.focus();
    }

    let shown = [];
    function render(answer) {
      shown = answer.suggestions || [];
      list.replaceChildren();
      status.textContent = answer.message || "";
      shown.forEach(function (suggestion) {
        const box = checkbox(suggestion.id);
        const item = document.createElement("li");
        item.className = "mk-goal-suggestions__item";
        const name = document.createElement("span");
        name.className = "mk-goal-suggestions__goal";
        name.textContent = suggestion.label;
        const words = document.createElement("span");
        words.className = "mk-goal-suggestions__words";
        words.textContent = data.words + " " + suggestion.words.join(", ");
        const button = document.createElement("button");
        button.type = "button";
        button.className = "button button-small button-secondary mk-goal-suggestions__accept";
        button.dataset.goal = suggestion.goal;
        const chosen = !box || box.checked;
        button.textContent = chosen ? data.chosen : data.accept;
        button.disabled = chosen;
        button.setAttribute("aria-label", (chosen ? data.chosen : data.accept) + ": " + suggestion.label);
        button.addEventListener("click", function () {
          accept(suggestion);
        });
        item.append(name, words, button);
        list.append(item);
      });
    }

    let lastText = null;
    let timer = null;
    let controller = null;
    function ask() {
      const text = textOf(form);
      if (text === lastText) return;
      lastText = text;
      if (controller) controller.abort();
      controller = new AbortController();
      if (!shown.length) status.textContent = data.loading;
      const body = new FormData();
      body.append("text", text);
      fetch(data.mkGoalSuggestions, {
        method: "POST",
        body: body,
        headers: { "X-CSRFToken": csrf ? csrf.value : "" },
        credentials: "same-origin",
        signal: controller.signal,
      })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(render)
        .catch(function (error) {
          if (error.name === "AbortError") return;
          lastText = null;
          list.replaceChildren();
          status.textContent = data.failed;
        });
    }

    function later() {
      clearTimeout(timer);
      timer = setTimeout(ask, DELAY);
    }
    form.addEventListener("input", function (event) {
      if (!options.contains(event.target)) later();
    });
    // Rich text and blocks change without an input event on the form itself.
    new MutationObserver(later).observe(form, { subtree: true, characterData: true, childList: true });
    // A goal ticked or unticked by hand changes which suggestions say "Chosen".
    options.addEventListener("change", function () {
      render({ suggestions: shown, message: status.textContent });
    });
    ask();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
