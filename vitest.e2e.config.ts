import { defineConfig } from "vitest/config";

// Browser journeys in Debian's Chromium (playwright-core), with axe on every page.
export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.e2e.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
