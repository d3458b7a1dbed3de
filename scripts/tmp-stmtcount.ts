import { readFileSync, statSync } from "node:fs";
import { execSync } from "node:child_process";
import { startChild, signIn } from "./bench-lib";
const [user, ...paths] = process.argv.slice(2);
const child = await startChild("scripts/bench-server.ts", { BENCH_DATABASE_URL: process.env.U! });
const base = `http://127.0.0.1:${child.port}`;
const session = await signIn(base, user!);
for (const p of paths) for (let i = 0; i < 3; i++) await (await fetch(base + p, { headers: { cookie: session.cookie } })).text();
const log = "/var/log/postgresql/postgresql-15-main.log";
execSync(`psql -h 127.0.0.1 -U postgres -c "ALTER DATABASE bench_pages SET log_statement='all'"`);
await new Promise((r) => setTimeout(r, 300));
// new connections pick up the setting: restart the child
await child.stop();
const child2 = await startChild("scripts/bench-server.ts", { BENCH_DATABASE_URL: process.env.U! });
const base2 = `http://127.0.0.1:${child2.port}`;
const s2 = await signIn(base2, user!);
for (const p of paths) { await (await fetch(base2 + p, { headers: { cookie: s2.cookie } })).text(); }
await new Promise((r) => setTimeout(r, 1500));
for (const p of paths) {
  const before = statSync(log).size;
  const r = await fetch(base2 + p, { headers: { cookie: s2.cookie } }); await r.text();
  await new Promise((r) => setTimeout(r, 200));
  const text = readFileSync(log).subarray(before).toString();
  const stmts = text.split("\n").filter((l) => /LOG:  (statement|execute)/.test(l));
  console.log(`${p} ${r.status}: ${stmts.length} statements`);
  for (const s of stmts) console.log("   ", s.replace(/^.*?LOG:\s+/, "").slice(0, 160));
}
execSync(`psql -h 127.0.0.1 -U postgres -c "ALTER DATABASE bench_pages RESET log_statement"`);
process.exit(0);
