// `npx tsx scripts/profile-top.ts <file.cpuprofile> [n]`: where a `node --cpu-prof` profile
// spent its time: the top functions by self time, and self time by package or source folder
// (what scripts/bench-pages.ts --profile=DIR writes for the app under load).
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, count = "25"] = process.argv.slice(2);
if (!file) {
  console.error("Usage: npx tsx scripts/profile-top.ts <file.cpuprofile> [n]");
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, index) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
const total = [...selfUs.values()].reduce((sum, us) => sum + us, 0);

function where(url: string): string {
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  if (url.startsWith("node:")) return url;
  if (!url) return "(native/V8)";
  return url.replace(/^file:\/\/.*?\/(dist|src|scripts)\//, "$1/");
}

const functions = new Map<string, number>();
const places = new Map<string, number>();
for (const [id, us] of selfUs) {
  const { callFrame } = byId.get(id)!;
  const name = `${callFrame.functionName || "(anonymous)"}  ${where(callFrame.url)}${callFrame.url ? `:${callFrame.lineNumber + 1}` : ""}`;
  functions.set(name, (functions.get(name) ?? 0) + us);
  const place = where(callFrame.url);
  places.set(place, (places.get(place) ?? 0) + us);
}
const top = (map: Map<string, number>, n: number) =>
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`)
    .join("\n");
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled\n\nBy package or folder (self time):\n${top(places, 15)}`);
console.log(`\nTop functions (self time):\n${top(functions, Number(count))}`);
