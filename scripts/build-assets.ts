// Run at install (postinstall): compiles our stylesheet from govuk-frontend's Sass
// and copies govuk-frontend's JavaScript into public/govuk (git-ignored). Its images
// (crown, crest, GOV.UK icons) are the government's brand and are deliberately not copied.
// Also copied: the Ministry of Justice frontend's filter toggle (the queue's "Hide filters",
// bundled with the govuk-frontend code it needs) into public/moj, and accessible-autocomplete
// (the country type-ahead) into public/autocomplete.
import { cp, mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import * as sass from "sass";

const root = path.resolve(import.meta.dirname, "..");
const out = path.join(root, "public/govuk");
const require = createRequire(import.meta.url);
const govukDist = path.dirname(require.resolve("govuk-frontend/package.json")) + "/dist/govuk";
const mojDist = path.dirname(require.resolve("@ministryofjustice/frontend/package.json")) + "/moj";
const autocompleteDist = path.dirname(require.resolve("accessible-autocomplete/package.json")) + "/dist";

await mkdir(out, { recursive: true });
const css = sass.compile(path.join(root, "src/styles/app.scss"), {
  // The MoJ Sass loads govuk-frontend as "node_modules/govuk-frontend/...": hence root too.
  loadPaths: [path.join(root, "node_modules"), root],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
await writeFile(path.join(out, "app.css"), css.css);
await cp(path.join(govukDist, "govuk-frontend.min.js"), path.join(out, "govuk-frontend.min.js"));
await mkdir(path.join(root, "public/moj"), { recursive: true });
await cp(
  path.join(mojDist, "components/filter-toggle-button/filter-toggle-button.bundle.mjs"),
  path.join(root, "public/moj/filter-toggle-button.mjs"),
);
await mkdir(path.join(root, "public/autocomplete"), { recursive: true });
await cp(
  path.join(autocompleteDist, "accessible-autocomplete.min.js"),
  path.join(root, "public/autocomplete/accessible-autocomplete.min.js"),
);
await cp(
  path.join(autocompleteDist, "accessible-autocomplete.min.css"),
  path.join(root, "public/autocomplete/accessible-autocomplete.min.css"),
);
console.log(`assets built into ${path.relative(root, out)}`);
