import { chromium } from "/work/wt-reports/node_modules/playwright-core/index.mjs";
const base = process.env.BASE!;
const out = "/tmp/rp";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
await page.goto(base + "/sign-in");
await page.locator('input[value="spo01"]').check();
await page.getByRole("button", { name: "Sign in" }).click();
await page.goto(base + "/reports?" + (process.env.QUERY ?? "from=2025-08-01&to=2026-07-31"), { timeout: 120000 });
const segments = async (name: string, width: number) => {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  console.log(name, "scrollWidth", w, "height", height);
  for (let y = 0, i = 0; y < height && i < 12; y += 1600, i++) {
    await page.screenshot({ path: `${out}/${name}-${String(i).padStart(2, "0")}.png`, fullPage: true, clip: { x: 0, y, width: Math.max(width, w), height: Math.min(1600, height - y) } });
  }
};
await segments("w1280", 1280);
await page.setViewportSize({ width: 375, height: 800 });
const wide = await page.evaluate(() => [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > 376).slice(0, 15).map((e) => `${e.tagName}.${e.className} right=${Math.round(e.getBoundingClientRect().right)}`));
console.log(wide.join("\n"));
await segments("w375", 375);
await page.setViewportSize({ width: 1280, height: 900 });
await page.emulateMedia({ media: "print" });
await segments("print", 1280);
await browser.close();
