// `npm run bench:simulate [-- <cases>]`: the rules simulator over 100,000 submitted cases
// (by default) on PostgreSQL. A throwaway database (BENCH_DATABASE_URL's server, dropped at
// the end, also on failure or Ctrl-C) is seeded by seedBulkCases, then the cases are
// replayed twice: against the reference data they were decided on (which must change
// nothing) and against a changed one (Hong Kong out of the country restrictions, the
// committee's threshold halved). Target: 100,000 cases in under 10 s.
// SIMULATE_DATABASE_URL names a database to reuse instead: it is seeded up to the size
// (cases already there count) and kept, so a second run skips the seeding.
import { cpus, loadavg } from "node:os";
import { openMigratedDatabase } from "../src/db/database";
import { seedDemoData, seedReferenceData } from "../src/seed/seed";
import { referenceService } from "../src/reference/referenceService";
import type { ReferenceData } from "../src/reference/defaults";
import { simulatorService } from "../src/simulator/simulatorService";
import { seedBulkCases } from "./seed-bulk";
import { createBenchDatabase, fmt, onCleanup, runBenchmark } from "./bench-lib";

const size = Number((process.argv[2] ?? "100000").replace(/[_,]/g, ""));
const targetMs = 10_000;

async function replay(label: string, simulator: ReturnType<typeof simulatorService>, candidate: ReferenceData) {
  console.log(`\n== ${label} ==`);
  const baseline = process.memoryUsage().rss;
  let peakRss = baseline;
  let changedKept = 0;
  const cpuBefore = process.cpuUsage();
  const summary = await simulator.simulate(
    candidate,
    {},
    {
      onChange: () => {
        changedKept += 1;
      },
      onProgress: ({ cases, changed }) => {
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
        if (cases % 20_000 === 0) console.log(`  ${fmt.n(cases)} cases replayed, ${fmt.n(changed)} changed`);
      },
    },
  );
  const cpu = process.cpuUsage(cpuBefore);
  console.log(
    `  this process's CPU: ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s (the rest of the wall time is the database and other work on the machine)`,
  );
  console.log(
    `  ${fmt.n(summary.cases)} cases in ${(summary.ms / 1_000).toFixed(2)} s (${fmt.n(summary.cases / (summary.ms / 1_000))} cases/s), ` +
      `${fmt.n(summary.changed)} changed; RSS ${fmt.mb(baseline / 2 ** 20)} -> peak ${fmt.mb(peakRss / 2 ** 20)}`,
  );
  console.log("  by route (before -> after):");
  for (const [route, counts] of Object.entries(summary.byRoute))
    console.log(`    ${route.padEnd(15)} ${fmt.n(counts.before).padStart(8)} -> ${fmt.n(counts.after)}`);
  if (changedKept !== summary.changed) throw new Error("the changes handed out and the count disagree");
  return summary;
}

async function main() {
  if (!Number.isInteger(size) || size < 1) throw new Error("Usage: npm run bench:simulate [-- <number of cases>]");
  console.log(`Simulator benchmark: ${fmt.n(size)} cases on PostgreSQL`);
  console.log(
    `Machine: ${String(cpus().length)} cores, load average ${loadavg()
      .map((n) => n.toFixed(1))
      .join(" ")} (other work running here skews absolute numbers)`,
  );
  const reused = process.env.SIMULATE_DATABASE_URL;
  const url = reused ?? (await createBenchDatabase());
  const database = await openMigratedDatabase({ kind: "postgres", url });
  onCleanup(() => database.close());
  await seedReferenceData(database.prisma);
  await seedDemoData(database.prisma);
  const have = await database.prisma.proposal.count({ where: { reference: { not: null } } });
  if (reused) console.log(`reusing ${url.replace(/\/\/[^@]*@/, "//")}: ${fmt.n(have)} cases there`);
  console.log(`seeding ${fmt.n(Math.max(0, size - have))} cases...`);
  const seeding = await seedBulkCases(database.prisma, Math.max(0, size - have), {
    seed: 20_261_202 + have,
    log: (message) => {
      console.log(`  ${message}`);
    },
  });
  console.log(`seeded ${fmt.n(seeding.cases)} cases in ${(seeding.ms / 1_000).toFixed(1)} s`);
  await database.prisma.$executeRawUnsafe(`VACUUM (ANALYZE) "proposal", "proposal_submission"`);

  const simulator = simulatorService(database.prisma);
  const published = await referenceService(database.prisma).current();
  const same = await replay("the published reference data", simulator, published);
  if (same.changed !== 0) throw new Error(`the published reference data changed ${String(same.changed)} cases`);
  const changed: ReferenceData = {
    ...published,
    version: published.version + 1,
    countryRestrictions: published.countryRestrictions.filter((entry) => entry.country !== "HK"),
    thresholds: { ...published.thresholds, acbelaThresholdGbp: published.thresholds.acbelaThresholdGbp / 2 },
  };
  const result = await replay("Hong Kong out of the restrictions, committee threshold halved", simulator, changed);
  console.log(
    `\nSummary: ${fmt.n(result.cases)} cases in ${(result.ms / 1_000).toFixed(2)} s, target under ${String(targetMs / 1_000)} s: ${fmt.verdict(
      result.ms < targetMs,
    )}`,
  );
}

await runBenchmark(main);
