// Tells govuk-frontend's styles that its JavaScript will run (kept out of the page
// itself because the content security policy allows no inline script).
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
