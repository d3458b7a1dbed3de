import { initAll } from "/public/govuk/govuk-frontend.min.js";
import { startSessionTimeout } from "/public/js/sessionTimeout.js";

initAll();
startSessionTimeout();

// The queue's filters (views/queue/index.ejs): the MoJ filter toggle adds "Hide filters" /
// "Show filters". On a wide screen the filters start shown, on a narrow one hidden.
const filter = document.querySelector('[data-module="moj-filter"]');
if (filter) {
  const { FilterToggleButton } = await import("/public/moj/filter-toggle-button.mjs");
  new FilterToggleButton(filter, {
    bigModeMediaQuery: "(min-width: 48.0625em)",
    startHidden: false,
    toggleButton: { showText: "Show filters", hideText: "Hide filters", classes: "govuk-button--secondary" },
    toggleButtonContainer: { selector: ".moj-action-bar__filter" },
    closeButton: { text: "Close filters", classes: "moj-filter__close" },
    closeButtonContainer: { selector: ".moj-filter__header-action" },
  });
}

// Country lists with type-ahead (public/js/countryAutocomplete.js).
const { enhanceCountrySelects } = await import("/public/js/countryAutocomplete.js");
await enhanceCountrySelects();
