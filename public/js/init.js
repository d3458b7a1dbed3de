import { initAll } from "/public/govuk/govuk-frontend.min.js";
import { startSessionTimeout } from "/public/js/sessionTimeout.js";

initAll();
startSessionTimeout();
