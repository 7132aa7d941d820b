/* The job list (/jobs/): htmx replaces #listing in place; this script keeps what a full page
   load would lose. It keeps shared URLs short, keeps the filter panel open or closed as the
   seeker left it, puts focus back where it was, and announces the new count. Without it
   (or without htmx) the form and links still work as ordinary GET requests. */
(function () {
  "use strict";

  var desktop = window.matchMedia("(min-width: 60rem)");
  var before = null; // the state just before a swap
  var submitted = false; // the swap answers the "Update results" button or Enter

  function panel() {
    return document.getElementById("filters-panel");
  }

  // On wide screens the filters are a sidebar, always shown. CSS does this where the browser
  // supports ::details-content; opening the panel covers the others.
  function openOnDesktop() {
    var filters = panel();
    if (filters && desktop.matches) {
      filters.open = true;
    }
  }

  // Leave out empty fields and defaults: /jobs/?role=cota rather than /jobs/?q=&near=&radius=25...
  document.addEventListener("htmx:configRequest", function (event) {
    if (!event.detail.elt || event.detail.elt.id !== "listing-form") {
      return;
    }
    var params = event.detail.parameters;
    Object.keys(params).forEach(function (name) {
      if (params[name] === "") {
        delete params[name];
      }
    });
    if (!params.near) {
      delete params.radius;
    }
    // A sort the seeker never chose follows the search: best match once there are keywords.
    var sortField = event.detail.elt.elements.namedItem("sort");
    var trigger = event.detail.triggeringEvent;
    var sortChosen =
      (trigger && trigger.target && trigger.target.name === "sort") ||
      (sortField && sortField.hasAttribute && sortField.hasAttribute("data-chosen"));
    var defaultSort = params.q ? "relevance" : "newest";
    if (
      !sortChosen ||
      params.sort === defaultSort ||
      (params.sort === "distance" && !params.near) ||
      (params.sort === "relevance" && !params.q)
    ) {
      delete params.sort;
    }
  });

  document.addEventListener(
    "submit",
    function (event) {
      if (event.target.id === "listing-form") {
        submitted = true;
      }
    },
    true
  );

  document.addEventListener("htmx:beforeSwap", function (event) {
    var listing = event.detail.target;
    if (!listing || listing.id !== "listing") {
      return;
    }
    var active = document.activeElement;
    var filters = panel();
    before = {
      open: filters ? filters.open : false,
      focusInside: !!active && listing.contains(active),
      focusId: active && active.id ? active.id : null,
      // Where the focused control sat on screen: the swap must not move it (on a phone
      // the whole page would otherwise jump and the control land far off screen).
      focusTop: active && listing.contains(active) ? active.getBoundingClientRect().top : null,
      start: null,
      end: null,
    };
    try {
      before.start = active.selectionStart;
      before.end = active.selectionEnd;
    } catch (error) {
      // Not a text field.
    }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var listing = document.getElementById("listing");
    if (!listing || event.target !== listing || !before) {
      return;
    }
    var state = before;
    var wasSubmitted = submitted;
    var closeAfterSubmit = submitted && !desktop.matches;
    before = null;
    submitted = false;

    var filters = panel();
    var heading = document.getElementById("results-title");
    // The server renders the panel closed, or open when a field needs fixing.
    var needsFixing = filters && filters.open;
    if (filters && !filters.open) {
      filters.open = desktop.matches || (state.open && !closeAfterSubmit);
    }

    var focusedHeading = false;
    var invalid = needsFixing && listing.querySelector('[aria-invalid="true"]');
    if (wasSubmitted && invalid) {
      invalid.focus();
    } else if (closeAfterSubmit && heading) {
      heading.focus({ preventScroll: true });
      heading.scrollIntoView({ block: "start" });
      focusedHeading = true;
    } else if (state.focusInside) {
      var target = state.focusId && document.getElementById(state.focusId);
      if (target && target.getClientRects().length) {
        if (state.focusTop !== null) {
          window.scrollBy(0, target.getBoundingClientRect().top - state.focusTop);
        }
        if (document.activeElement !== target) {
          target.focus({ preventScroll: true });
          if (state.start !== null && target.setSelectionRange) {
            try {
              target.setSelectionRange(state.start, state.end);
            } catch (error) {
              // Not a text field.
            }
          }
        }
      } else if (heading) {
        // The link that was used went away (a removed filter, another page).
        heading.focus({ preventScroll: true });
        focusedHeading = true;
      }
    }

    var status = document.getElementById("listing-status");
    if (status && heading && !focusedHeading) {
      status.textContent = "";
      window.setTimeout(function () {
        status.textContent = heading.textContent.trim();
      }, 150);
    }
  });

  // A closed <select> changes its value on arrow keys; applying every such change would
  // reload the results while a keyboard user is only looking through the options (WCAG
  // 3.2.2). Keyboard changes of a select wait for Enter or for leaving the control.
  var keyboardSelect = null;
  function apply(select) {
    select.removeAttribute("data-pending");
    select.dispatchEvent(new Event("change", { bubbles: true }));
  }
  document.addEventListener(
    "keydown",
    function (event) {
      var target = event.target;
      if (!target || target.tagName !== "SELECT" || !target.closest("#listing-form")) {
        return;
      }
      if (event.key === "Enter" && keyboardSelect === target) {
        keyboardSelect = null;
        event.preventDefault();
        apply(target);
      } else if (event.key !== "Tab" && event.key !== "Enter") {
        keyboardSelect = target;
      }
    },
    true
  );
  document.addEventListener(
    "pointerdown",
    function () {
      keyboardSelect = null;
    },
    true
  );
  document.addEventListener(
    "change",
    function (event) {
      if (event.target === keyboardSelect) {
        event.target.setAttribute("data-pending", "");
        event.stopPropagation();
      }
    },
    true
  );
  document.addEventListener(
    "focusout",
    function (event) {
      var target = event.target;
      if (target === keyboardSelect) {
        keyboardSelect = null;
      }
      if (target && target.hasAttribute && target.hasAttribute("data-pending")) {
        apply(target);
      }
    },
    true
  );

  document.addEventListener("htmx:historyRestore", openOnDesktop);
  if (desktop.addEventListener) {
    desktop.addEventListener("change", openOnDesktop);
  }
  openOnDesktop();
})();
