// Run at install (postinstall): compiles our stylesheet from govuk-frontend's Sass
// and copies govuk-frontend's JavaScript into public/govuk (git-ignored). Its images
// (crown, crest, GOV.UK icons) are the government's brand and are deliberately not copied.
import { cp, mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import * as sass from "sass";

const root = path.resolve(import.meta.dirname, "..");
const out = path.join(root, "public/govuk");
const require = createRequire(import.meta.url);
const govukDist = path.dirname(require.resolve("govuk-frontend/package.json")) + "/dist/govuk";

await mkdir(out, { recursive: true });
const css = sass.compile(path.join(root, "src/styles/app.scss"), {
  loadPaths: [path.join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
await writeFile(path.join(out, "app.css"), css.css);
await cp(path.join(govukDist, "govuk-frontend.min.js"), path.join(out, "govuk-frontend.min.js"));
console.log(`assets built into ${path.relative(root, out)}`);
