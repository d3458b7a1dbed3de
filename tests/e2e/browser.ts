// Drives Debian's Chromium through playwright-core against the app on a loopback port,
// checks every page with axe (WCAG 2.2 AA rules) and keeps a screenshot of each.
import { mkdir } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { chromium, type Browser, type Page } from "playwright-core";
import { expect } from "vitest";
import { startTestApp, type TestApp } from "../helpers/testApp";

export const screenshotDir = path.resolve(import.meta.dirname, "../../test-results/screenshots");

export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Journey {
  testApp: TestApp;
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startJourney(): Promise<Journey> {
  const testApp = await startTestApp();
  const server = testApp.app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: chromiumArgs,
  });
  await mkdir(screenshotDir, { recursive: true });
  return {
    testApp,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    close: async () => {
      await browser.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await testApp.close();
    },
  };
}

/** Axe with the WCAG 2.x A and AA rules (2.2 included); fails the test on any violation. */
export async function checkAccessibility(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const violations = results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`,
  );
  expect(violations, `axe violations on ${name}`).toEqual([]);
}

/**
 * Screenshot and axe: call on every page a journey visits. Axe runs inside the page, so
 * a page with JavaScript turned off gets the screenshot only (its HTML is the same one
 * axe checks in the journeys with JavaScript on).
 */
export async function visit(page: Page, name: string, options: { javaScript?: boolean } = {}): Promise<void> {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
  if (options.javaScript !== false) await checkAccessibility(page, name);
}

/** A fresh page in its own context (own cookies), as axe requires. */
export async function newPage(browser: Browser, options: { javaScript?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: options.javaScript !== false });
  return context.newPage();
}

export async function signIn(page: Page, baseUrl: string, displayName: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel(displayName, { exact: true }).check();
  await page.getByRole("button", { name: "Sign in" }).click();
}
