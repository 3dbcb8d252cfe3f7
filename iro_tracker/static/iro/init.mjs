// Loaded as a module from a file (never inline) so the Content Security Policy can forbid inline script.
import { initAll } from "../govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
