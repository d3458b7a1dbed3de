// `npm run bench:case`: the case page of a case with a long timeline (50 audit entries, 3
// reviews, 2 sign-offs) beside the bare EJS and the Nunjucks + govuk-frontend baselines, in
// the same run, at 1,000 and 100,000 cases. Options and what is measured: scripts/bench-pages.ts.
import { runPageBenchmark } from "./bench-pages";

await runPageBenchmark("case");
