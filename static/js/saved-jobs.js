/* Save toggles on the job list's result cards, for signed-in visitors. The cards are shared
   by everyone (cached), so the page carries the visitor's saved postings and the toggle
   addresses in #viewer-state, and this script adds one button per card. Without it, "Save
   job" is on every posting page. */
(function () {
  "use strict";

  var stateElement = document.getElementById("viewer-state");
  if (!stateElement) {
    return;
  }
  var state = JSON.parse(stateElement.textContent);
  var saved = {};
  state.saved.forEach(function (id) {
    saved[id] = true;
  });

  function label(button, isSaved) {
    button.setAttribute("aria-pressed", isSaved ? "true" : "false");
    button.textContent = isSaved ? "Saved" : "Save job";
  }

  function enhance(root) {
    root.querySelectorAll("[data-posting-id]").forEach(function (card) {
      var id = card.getAttribute("data-posting-id");
      var url = state.toggle.replace("{id}", id);
      if (card.querySelector(".save-toggle")) {
        return;
      }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button button--secondary button--small save-toggle";
      var title = card.querySelector(".posting-card__title");
      if (title) {
        button.setAttribute("aria-describedby", title.id);
      }
      label(button, Boolean(saved[id]));
      button.addEventListener("click", function () {
        button.disabled = true;
        fetch(url, {
          method: "POST",
          headers: { "X-CSRFToken": state.csrf, Accept: "application/json" },
          credentials: "same-origin",
        })
          .then(function (response) {
            return response.ok ? response.json() : Promise.reject(response.status);
          })
          .then(function (data) {
            saved[id] = data.saved;
            label(button, data.saved);
          })
          .finally(function () {
            button.disabled = false;
          });
      });
      var place = card.querySelector(".posting-card__meta") || card;
      place.appendChild(button);
    });
  }

  enhance(document);
  // After htmx replaces the results; new cards need their toggles (and state for new ids).
  document.body.addEventListener("htmx:afterSwap", function () {
    enhance(document);
  });
})();
