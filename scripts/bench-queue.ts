// `npm run bench:queue`: the SPO queue page (/queue?status=open&route=acbela, 50 rows)
// beside the bare EJS and the Nunjucks + govuk-frontend baselines, in the same run, at
// 1,000 and 100,000 cases. Options and what is measured: scripts/bench-pages.ts.
import { runPageBenchmark } from "./bench-pages";

await runPageBenchmark("queue");
