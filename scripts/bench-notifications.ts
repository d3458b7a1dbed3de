// `npm run bench:notifications`: raise 10,000 case events and see every message delivered,
// once, to a real SMTP server (smtp-server, in this process), reporting progress as it goes
// and the time taken.
//
// Each event is a real case action (an officer assigns the case to a colleague, through
// the workflow service, so the message is written in the assignment's transaction with
// its audit entry), made from BENCH_CONCURRENCY (default 8) callers at once across 40
// cases. Meanwhile BENCH_WORKERS (default 2) delivery workers, each with its own pg-boss,
// drain the outbox into delivery jobs and work them as app processes would (one on the
// embedded database, which belongs to one process). At the end every message written
// must have reached the server exactly once.
// Settings: BENCH_EVENTS (10000), BENCH_DB (postgres, the default, on a fresh database
// on BENCH_DATABASE_URL's server; or pglite, in memory).
import { openMigratedDatabase, type Database } from "../src/db/database";
import { seedDemoData, seedReferenceData } from "../src/seed/seed";
import { createServices } from "../src/services";
import { testConfig } from "../src/config";
import { answersWith } from "../tests/fixtures/answers";
import { startSmtpServer } from "../tests/helpers/smtpServer";
import { createBenchDatabase, onCleanup, runBenchmark } from "./bench-lib";

const events = Number(process.env.BENCH_EVENTS ?? 10_000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
const workers = Number(process.env.BENCH_WORKERS ?? 2);
const kind = process.env.BENCH_DB === "pglite" ? "pglite" : "postgres";

async function main() {
  const smtp = await startSmtpServer();
  onCleanup(() => smtp.stop());
  const settings =
    kind === "postgres"
      ? ({ kind: "postgres", url: await createBenchDatabase() } as const)
      : ({ kind: "pglite", dataDir: undefined } as const);
  const database: Database = await openMigratedDatabase(settings);
  onCleanup(() => database.close());
  await seedReferenceData(database.prisma);
  await seedDemoData(database.prisma);
  const config = testConfig({ SMTP_URL: smtp.url, NOTIFY_POLL_MS: "100" });
  // Each worker is what one app process runs; on PostgreSQL they compete for the same rows.
  const instances = Array.from({ length: kind === "postgres" ? workers : 1 }, () => createServices(database, config));
  const services = instances[0]!;
  const officers = await Promise.all(
    ["spo01", "spo02"].map(
      async (username) => (await services.users.findActive((await services.users.findByUsername(username))!.id))!,
    ),
  );
  const owner = (await services.users.findByUsername("ab123"))!;
  const cases: string[] = [];
  for (let index = 0; index < 40; index += 1) {
    const draft = await services.proposals.createDraft(owner.id);
    await services.proposals.saveAnswers(draft.id, owner.id, { ...answersWith({ title: `Bench case ${index}` }) });
    const result = await services.submissions.submit(draft.id, owner.id);
    if (result.outcome !== "submitted") throw new Error(`could not submit: ${result.outcome}`);
    cases.push(draft.id);
  }
  // Let the submission messages go first, so what is timed is the events themselves.
  await services.notifications.delivery.deliverAll();
  smtp.clear();
  const before = await services.prisma.notification.count();
  console.log(
    `${kind}: raising ${events.toLocaleString()} events from ${concurrency} callers over ${cases.length} cases, ${instances.length} delivery worker(s)`,
  );

  for (const instance of instances) await instance.notifications.startWorker();
  const started = Date.now();
  let raised = 0;
  let conflicts = 0;
  const progress = setInterval(() => {
    console.log(
      `  ${((Date.now() - started) / 1000).toFixed(1)} s: ${raised.toLocaleString()} events raised, ${smtp.received.length.toLocaleString()} messages received`,
    );
  }, 2_000);
  // Each caller works its own cases, so nobody loses an optimistic-lock race.
  await Promise.all(
    Array.from({ length: concurrency }, async (_unused, caller) => {
      const mine = cases.filter((_id, index) => index % concurrency === caller);
      let turn = 0;
      while (raised < events) {
        raised += 1;
        const id = mine[turn % mine.length]!;
        const by = officers[turn % 2]!;
        const to = officers[(turn + 1) % 2]!;
        turn += 1;
        const version = (await services.prisma.proposal.findUniqueOrThrow({ where: { id } })).version;
        try {
          await services.workflow.assign(id, version, by, to.id);
        } catch {
          conflicts += 1;
          raised -= 1;
        }
      }
    }),
  );
  const raisedMs = Date.now() - started;
  const written = (await services.prisma.notification.count()) - before;
  while (smtp.received.length < written) {
    if (Date.now() - started > 15 * 60_000) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const deliveredMs = Date.now() - started;
  // A moment more: anything sent twice would arrive now.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  clearInterval(progress);
  await Promise.all(instances.map((instance) => instance.notifications.stopWorker()));

  const keys = smtp.received.map((message) => message.key);
  const unique = new Set(keys).size;
  const notSent = await services.prisma.notification.count({ where: { status: { not: "sent" } } });
  console.log("");
  console.log(`events raised:          ${raised.toLocaleString()} (${conflicts} version conflicts retried)`);
  console.log(`messages written:       ${written.toLocaleString()}`);
  console.log(`messages received:      ${keys.length.toLocaleString()} (${unique.toLocaleString()} distinct keys)`);
  console.log(`duplicates:             ${(keys.length - unique).toLocaleString()}`);
  console.log(`missing:                ${(written - unique).toLocaleString()}`);
  console.log(`outbox rows not sent:   ${notSent.toLocaleString()}`);
  console.log(
    `raising took:           ${(raisedMs / 1000).toFixed(1)} s (${Math.round((raised / raisedMs) * 1000)} events/s)`,
  );
  console.log(
    `all delivered after:    ${(deliveredMs / 1000).toFixed(1)} s (${Math.round((unique / deliveredMs) * 1000)} messages/s end to end)`,
  );
  const ok = keys.length === written && unique === written && notSent === 0;
  console.log(ok ? "RESULT: every message delivered exactly once" : "RESULT: FAILED");
  if (!ok) process.exitCode = 1;
}

await runBenchmark(main);
