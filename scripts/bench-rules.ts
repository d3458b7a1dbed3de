// `npm run bench:rules`: how many triage decisions one process makes per second.
// Answer sets are generated (and validated) up front so only decide() is timed; five
// timed runs of about a second each, reported as their median. Bounded: about 7 s in all.
import fc from "fast-check";
import { answersSchema } from "../src/domain/questions";
import type { Answers } from "../src/domain/questions";
import { defaultReferenceData } from "../src/reference/defaults";
import { answersArb } from "../tests/fixtures/arbitraries";
import { decide } from "../src/rules";

const SETS = 4_096;
const RUNS = 5;
const RUN_MS = 1_000;
const BATCH = 1_024; // decisions between clock reads

const answers: Answers[] = fc
  .sample(answersArb, { numRuns: SETS, seed: 20261121 })
  .map((set) => answersSchema.parse(set));

// Something every decision feeds, printed at the end, so the work cannot be optimised away.
let routesSeen = 0;

function run(ms: number): number {
  let decisions = 0;
  let index = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < BATCH; i++) {
      routesSeen += decide(answers[index] as Answers, defaultReferenceData).routes.length;
      index = (index + 1) % answers.length;
    }
    decisions += BATCH;
    elapsed = performance.now() - start;
  }
  return (decisions / elapsed) * 1_000;
}

run(500); // warm-up: let the JIT settle before measuring
const rates = Array.from({ length: RUNS }, () => run(RUN_MS)).sort((a, b) => a - b);
const median = rates[Math.floor(RUNS / 2)] ?? 0;

const format = (n: number) => Math.round(n).toLocaleString("en-GB");
console.log(`answer sets: ${answers.length}, runs: ${RUNS} x ${RUN_MS} ms`);
console.log(`runs (decisions/s): ${rates.map(format).join(", ")}`);
console.log(`median: ${format(median)} decisions/s (target: at least 100,000)`);
console.log(`(routes seen: ${routesSeen})`);
