import { defineConfig } from "vitest/config";

// Two projects: fast Node/happy-dom unit tests, and real-browser end-to-end tests that run
// one file at a time (each file owns one browser; two cores cannot host two at once).
export default defineConfig({
  test: {
    // Full test names, so the output shows each browser's end-to-end suite ran.
    reporters: ["verbose"],
    projects: [
      {
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.{ts,tsx}"],
          environment: "node",
        },
      },
      {
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          globalSetup: ["tests/e2e/global-setup.ts"],
        },
      },
    ],
  },
});
